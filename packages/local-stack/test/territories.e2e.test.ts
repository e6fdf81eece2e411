import { demoData } from '@crm/demo-data';
import { replicaTerritoryTables, findDivision, territoryOwnerOf } from '@crm/identity/replica';
import { errorCodes, eventually, graphql } from '@crm/testing';
import type { LocalStack } from '../src';
import { signIn, startDemoStack } from './support/demo-stack';

/** ORG-3: every location — a division code, a point, or both — has exactly one owning unit, and admins see where that fails. */
const demo = demoData();
const unitAt = (path: string) => demo.orgUnits.find((u) => u.path === path)!;
const shanghai = () => unitAt('hq.east.shanghai');

let stack: LocalStack;
let url: string;
let admin: string;

const OWNER = 'query ($divisionCode: String, $point: GeoPointInput) { territoryOwner(divisionCode: $divisionCode, point: $point) { id } }';
type Location = { divisionCode?: string; point?: { longitude: number; latitude: number } };
const ownerAt = async (location: Location) =>
  (await graphql<{ territoryOwner: { id: string } | null }>(url, OWNER, { token: admin, variables: location })).data?.territoryOwner?.id ?? null;

beforeAll(async () => {
  ({ stack } = await startDemoStack());
  url = stack.gateway.url;
  admin = (await signIn(stack, 'admin')).accessToken;
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

describe('division bindings', () => {
  const BIND = 'mutation ($unit: ID!, $code: String!) { bindTerritory(input: { orgUnitId: $unit, divisionCode: $code }) { division { name } orgUnit { name } } }';

  // The demo binds each city branch to its city (Shanghai's to 310000); these add two districts.
  beforeAll(async () => {
    for (const [unit, code] of [
      [unitAt('hq.east.shanghai.team1').id, '310101'],
      [unitAt('hq.west.chengdu.team1').id, '310104'],
    ] as const) {
      const response = await graphql(url, BIND, { token: admin, variables: { unit, code } });
      expect(response.errors).toBeUndefined();
    }
  });

  it('resolves a location to exactly one unit, the most specific binding winning', async () => {
    expect(await ownerAt({ divisionCode: '310101' })).toBe(unitAt('hq.east.shanghai.team1').id);
    expect(await ownerAt({ divisionCode: '310115' })).toBe(shanghai().id);
    expect(await ownerAt({ divisionCode: '310104' })).toBe(unitAt('hq.west.chengdu.team1').id);
    expect(await ownerAt({ divisionCode: '440106' })).toBe(unitAt('hq.south.guangzhou').id);
    expect(await ownerAt({ divisionCode: '450102' })).toBeNull();
  });

  it('reports uncovered districts and cross-tree overlaps to admins', async () => {
    type Coverage = { districts: number; covered: number; overlapCount: number; overlaps: { division: { code: string } }[] };
    const coverage = async (code: string) =>
      (await graphql<{ territoryCoverage: Coverage }>(url, 'query ($code: String!) { territoryCoverage(divisionCode: $code) { districts covered overlapCount overlaps { division { code } } } }', {
        token: admin,
        variables: { code },
      })).data!.territoryCoverage;
    const sh = await coverage('310000');
    expect(sh).toEqual({ districts: sh.districts, covered: sh.districts, overlapCount: 1, overlaps: [{ division: { code: '310104' } }] });
    expect(sh.districts).toBeGreaterThan(10);
    const gx = await coverage('450000');
    expect(gx.covered).toBe(0);
    expect(gx.districts).toBeGreaterThan(100);
  });

  it.each([
    ['a division another unit owns', '310000', 'CONFLICT'],
    ['a code that is not GB/T 2260', '999999', 'BAD_USER_INPUT'],
    ['something that is not a code', '上海', 'BAD_USER_INPUT'],
  ])('refuses binding %s, changing nothing', async (_case, code, expected) => {
    const response = await graphql(url, BIND, { token: admin, variables: { unit: unitAt('hq.south').id, code } });
    expect(errorCodes(response)).toEqual([expected]);
    expect(await ownerAt({ divisionCode: '310115' })).toBe(shanghai().id);
  });
});


describe('geo areas', () => {
  const BIND_AREA = 'mutation ($input: BindTerritoryAreaInput!) { bindTerritoryArea(input: $input) { id orgUnit { id } boundary { longitude latitude } } }';
  const REPORT = '{ territoryAreaOverlaps { areaCount overlapCount overlaps { area { name } other { name } } } }';
  const square = (west: number, south: number, east: number, north: number) => [
    { longitude: west, latitude: south },
    { longitude: east, latitude: south },
    { longitude: east, latitude: north },
    { longitude: west, latitude: north },
  ];
  const bindArea = (orgUnitId: string, name: string, boundary: { longitude: number; latitude: number }[], token = admin) =>
    graphql<{ bindTerritoryArea: { id: string; boundary: unknown[] } }>(url, BIND_AREA, { token, variables: { input: { orgUnitId, name, boundary } } });
  const report = async () =>
    (await graphql<{ territoryAreaOverlaps: { areaCount: number; overlapCount: number; overlaps: { area: { name: string }; other: { name: string } }[] } }>(url, REPORT, { token: admin }))
      .data!.territoryAreaOverlaps;
  const team1 = () => unitAt('hq.east.shanghai.team1');
  const lujiazui = { longitude: 121.505, latitude: 31.24 };
  const zhangjiang = { longitude: 121.6, latitude: 31.2 };
  const beyond = { longitude: 121.9, latitude: 31.2 };

  beforeAll(async () => {
    const city = await bindArea(shanghai().id, '浦东片区', square(121.45, 31.15, 121.65, 31.3));
    expect(city.errors).toBeUndefined();
    expect(city.data?.bindTerritoryArea.boundary).toHaveLength(5);
    expect((await bindArea(team1().id, '陆家嘴', square(121.49, 31.23, 121.52, 31.25))).errors).toBeUndefined();
  });

  it('resolves a point to the innermost unit whose area holds it', async () => {
    expect(await ownerAt({ point: lujiazui })).toBe(team1().id);
    expect(await ownerAt({ point: zhangjiang })).toBe(shanghai().id);
    expect(await ownerAt({ point: beyond })).toBeNull();
  });

  it('lets a point inside an area decide over the division, and falls back to the division outside every area', async () => {
    expect(await ownerAt({ point: zhangjiang, divisionCode: '310104' })).toBe(shanghai().id);
    expect(await ownerAt({ point: beyond, divisionCode: '310104' })).toBe(unitAt('hq.west.chengdu.team1').id);
  });

  it("accepts an area that only borders another unit's", async () => {
    const hangzhou = await bindArea(unitAt('hq.east.hangzhou').id, '东侧片区', square(121.65, 31.15, 121.75, 31.3));
    expect(hangzhou.errors).toBeUndefined();
    expect(await ownerAt({ point: { longitude: 121.7, latitude: 31.2 } })).toBe(unitAt('hq.east.hangzhou').id);
  });

  it.each([
    ["overlaps another unit's area", () => bindArea(unitAt('hq.east.nanjing').id, '越界', square(121.6, 31.2, 121.7, 31.25)), 'CONFLICT', 'TERRITORY_AREA_OVERLAP'],
    ['crosses itself', () => bindArea(unitAt('hq.east.nanjing').id, '蝴蝶', [{ longitude: 118, latitude: 32 }, { longitude: 119, latitude: 33 }, { longitude: 119, latitude: 32 }, { longitude: 118, latitude: 33 }]), 'BAD_USER_INPUT', 'INVALID_TERRITORY_AREA'],
    ['has only two distinct corners', () => bindArea(unitAt('hq.east.nanjing').id, '线', [{ longitude: 118, latitude: 32 }, { longitude: 119, latitude: 33 }, { longitude: 118, latitude: 32 }]), 'BAD_USER_INPUT', 'INVALID_TERRITORY_AREA'],
    ['lies off the globe', () => bindArea(unitAt('hq.east.nanjing').id, '北极外', square(118, 89, 119, 91)), 'BAD_USER_INPUT', undefined],
    ['names an unknown unit', () => bindArea('0199a000-0000-7000-8000-000000000000', '无主', square(118, 32, 119, 33)), 'BAD_USER_INPUT', 'UNKNOWN_ORG_UNIT'],
  ])('refuses an area that %s, changing nothing', async (_case, bind, code, reason) => {
    const before = await report();
    const response = await bind();
    expect(response.errors?.[0]?.extensions).toMatchObject({ code, ...(reason ? { reason } : {}) });
    expect(response.errors?.[0]?.message).toMatch(/\S/);
    expect((await report()).areaCount).toBe(before.areaCount);
  });

  it('says which area is in the way', async () => {
    const response = await bindArea(unitAt('hq.east.nanjing').id, '越界', square(121.6, 31.2, 121.7, 31.25));
    expect(response.errors?.[0]?.message).toMatch(/浦东片区.*东侧片区|东侧片区.*浦东片区/);
  });

  it('lets only administrators draw areas', async () => {
    const rep = (await signIn(stack, 'rep1.east.shanghai.team1')).accessToken;
    expect(errorCodes(await bindArea(team1().id, '自画', square(118, 32, 119, 33), rep))).toEqual(['FORBIDDEN']);
  });

  it('asks for a division code or a point', async () => {
    expect(errorCodes(await graphql(url, OWNER, { token: admin, variables: {} }))).toEqual(['BAD_USER_INPUT']);
  });

  it('reports areas that overlap once a move takes one out of the other\'s line', async () => {
    expect((await report()).overlapCount).toBe(0);
    // From under the Shanghai office to beside it: its area now lies in a stranger's.
    const moved = await graphql(url, 'mutation ($id: ID!, $to: ID!) { moveOrgUnit(input: { id: $id, newParentId: $to }) { path } }', {
      token: admin,
      variables: { id: team1().id, to: unitAt('hq.east').id },
    });
    expect(moved.errors).toBeUndefined();
    expect(await report()).toMatchObject({ overlapCount: 1, overlaps: [{ area: { name: expect.any(String) }, other: { name: expect.any(String) } }] });
    const [pair] = (await report()).overlaps;
    expect([pair!.area.name, pair!.other.name].sort()).toEqual(['浦东片区', '陆家嘴'].sort());
  });

  it('keeps a unit with an area from closing until the area is unbound', async () => {
    const CLOSE = 'mutation ($id: ID!) { closeOrgUnit(id: $id) { closedAt } }';
    const created = await graphql<{ createOrgUnit: { id: string } }>(url, 'mutation ($input: CreateOrgUnitInput!) { createOrgUnit(input: $input) { id } }', {
      token: admin,
      variables: { input: { name: '临时片区组', code: 'area_temp', kind: 'TEAM', parentId: unitAt('hq.north.tianjin').id } },
    });
    const id = created.data!.createOrgUnit.id;
    const area = await bindArea(id, '滨海', square(117.6, 38.9, 117.8, 39.1));
    const refused = await graphql(url, CLOSE, { token: admin, variables: { id } });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ reason: 'ORG_UNIT_IN_USE', blockers: { territories: 1 } });
    await graphql(url, 'mutation ($id: ID!) { unbindTerritoryArea(id: $id) }', { token: admin, variables: { id: area.data!.bindTerritoryArea.id } });
    expect((await graphql(url, CLOSE, { token: admin, variables: { id } })).errors).toBeUndefined();
  });

  it("gives every subgraph, from its own replica, identity's answer for each location", async () => {
    await graphql(url, 'mutation { unbindTerritory(divisionCode: "310101") }', { token: admin });
    const locations: Location[] = [
      { point: lujiazui },
      { point: zhangjiang, divisionCode: '310104' },
      { point: beyond, divisionCode: '310104' },
      { divisionCode: '310101' },
      { divisionCode: '310115' },
      { divisionCode: '440106' },
    ];
    const expected = await Promise.all(locations.map(ownerAt));
    expect(new Set(expected).size).toBeGreaterThan(2);
    for (const subgraph of Object.values(stack.subgraphs).filter((s) => s.name !== 'identity')) {
      await eventually(async () => {
        const em = subgraph.orm.em.fork();
        const answers = await Promise.all(
          locations.map(({ divisionCode, point }) =>
            territoryOwnerOf(em, replicaTerritoryTables, {
              division: divisionCode ? findDivision(divisionCode) : null,
              point: point ? [point.longitude, point.latitude] : null,
            }),
          ),
        );
        expect([subgraph.name, answers]).toEqual([subgraph.name, expected]);
      });
    }
  });

  it('finds candidate areas through the GiST index on their bounding boxes', async () => {
    const sql = stack.subgraphs.identity!.orm.em.fork().getConnection();
    await sql.execute(`insert into territory_area (id, org_unit_id, name, boundary, bbox, area_m2)
      select gen_random_uuid(), ?, 'bulk ' || n, '[]', box(point(70 + (n % 500) * 0.1, 20 + (n / 500) * 0.1), point(70.05 + (n % 500) * 0.1, 20.05 + (n / 500) * 0.1)), 1
      from generate_series(1, 50000) as n`, [unitAt('hq.south.shenzhen.team2').id]);
    await sql.execute('analyze territory_area');
    const plan = (await sql.execute(
      `explain select a.* from territory_area a join org_unit o on o.id = a.org_unit_id where a.bbox @> box(point(121.5, 31.2), point(121.5, 31.2))`,
    )) as { 'QUERY PLAN': string }[];
    expect(plan.map((row) => row['QUERY PLAN']).join('\n')).toContain('territory_area_bbox_idx');
  });
});
