import type { EntityManager } from '@mikro-orm/core';
import { openWorkHeldUnder } from '../open-work';
import type { OrgUnit } from '../org-unit';
import { territoriesHeldUnder } from '../territory';

/** Everything that keeps a unit open; all zero means it may close. */
export interface UnitBlockers {
  openSubUnits: number;
  activePeople: number;
  territories: number;
  customers: number;
  leads: number;
  complaints: number;
}

export async function blockersOf(em: EntityManager, unit: OrgUnit): Promise<UnitBlockers> {
  const [tree] = (await em.getConnection().execute(
    `select
       (select count(*) from org_unit where path <@ ?::ltree and id <> ? and closed_at is null)::int as "openSubUnits",
       (select count(*) from app_user u join org_unit o on o.id = u.org_unit_id where o.path <@ ?::ltree and u.active)::int as "activePeople"`,
    [unit.path, unit.id, unit.path],
  )) as { openSubUnits: number; activePeople: number }[];
  // Work held by people who have left counts too: their hand-over may not have reached every subgraph yet.
  const work = await openWorkHeldUnder(em, unit.path);
  return {
    ...tree!,
    territories: await territoriesHeldUnder(em, unit.path),
    customers: work.CUSTOMER ?? 0,
    leads: work.LEAD ?? 0,
    complaints: work.COMPLAINT ?? 0,
  };
}

export const isFree = (blockers: UnitBlockers): boolean => Object.values(blockers).every((count) => count === 0);
