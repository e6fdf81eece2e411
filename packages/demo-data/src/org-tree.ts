import type { seededRandom } from './random';

export type OrgUnitKind = 'HQ' | 'REGION' | 'CITY' | 'TEAM';

export interface DemoOrgUnit {
  id: string;
  name: string;
  kind: OrgUnitKind;
  /** The unit's own label in the path. */
  code: string;
  /** Materialised path of ltree labels, root first. */
  path: string;
  parentId: string | null;
}

const regions = [
  { code: 'east', name: '华东大区', cities: [['shanghai', '上海'], ['hangzhou', '杭州'], ['nanjing', '南京']] },
  { code: 'south', name: '华南大区', cities: [['guangzhou', '广州'], ['shenzhen', '深圳']] },
  { code: 'north', name: '华北大区', cities: [['beijing', '北京'], ['tianjin', '天津']] },
  { code: 'west', name: '西南大区', cities: [['chengdu', '成都'], ['chongqing', '重庆']] },
] as const;

const teamNames = ['销售一组', '销售二组'];

export function buildOrgTree(random: ReturnType<typeof seededRandom>, at: Date): DemoOrgUnit[] {
  const units: DemoOrgUnit[] = [];
  const add = (name: string, kind: OrgUnitKind, path: string, parent: DemoOrgUnit | null) => {
    const unit = { id: random.uuid(at), name, kind, code: path.split('.').at(-1)!, path, parentId: parent?.id ?? null };
    units.push(unit);
    return unit;
  };
  const hq = add('总部', 'HQ', 'hq', null);
  for (const region of regions) {
    const regionUnit = add(region.name, 'REGION', `${hq.path}.${region.code}`, hq);
    for (const [code, name] of region.cities) {
      const city = add(`${name}分公司`, 'CITY', `${regionUnit.path}.${code}`, regionUnit);
      teamNames.forEach((team, i) => add(`${name}${team}`, 'TEAM', `${city.path}.team${i + 1}`, city));
    }
  }
  return units;
}

/** The city name of a unit's path (`hq.east.shanghai.team1` → 上海), for customer addresses. */
export function cityNameOf(units: readonly DemoOrgUnit[], path: string): string {
  const cityPath = path.split('.').slice(0, 3).join('.');
  return units.find((u) => u.path === cityPath)?.name.replace('分公司', '') ?? '上海';
}
