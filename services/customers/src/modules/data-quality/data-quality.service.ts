import { canReach, DirectoryUser } from '@crm/identity/replica';
import { parseId, parsePageArgs, requireActor, toConnection, type Actor } from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';
import { DataQualityOutOfReachException, DataQualitySubjectNotFoundException } from './data-quality.exception';
import { addFigures, figuresOfPeople, NO_FIGURES, parsePeriod, shownFigures } from './data-quality.figures';

interface PeriodArgs {
  from: string;
  to: string;
}

/** The person, when the actor may see their figures: themselves (or a rep they assist), or anyone in their subtree. */
async function reachablePerson(em: EntityManager, actor: Actor, userId: string): Promise<DirectoryUser> {
  const person = await em.findOne(DirectoryUser, { id: userId });
  if (!person) throw new DataQualitySubjectNotFoundException('userId', userId);
  if (!canReach(actor, person)) throw new DataQualityOutOfReachException('userId', userId);
  return person;
}

/** The unit's path, when it lies in the actor's subtree; a rep's reach is people, never a unit. */
async function reachableUnitPath(em: EntityManager, actor: Actor, unitId: string): Promise<string> {
  const [unit] = (await em.getConnection().execute('select path::text as path from directory_org_unit where id = ?', [unitId])) as { path: string }[];
  if (!unit) throw new DataQualitySubjectNotFoundException('unitId', unitId);
  // Nobody's id: only the subtree rule can let the unit through.
  if (!canReach(actor, { id: '', orgPath: unit.path })) throw new DataQualityOutOfReachException('unitId', unitId);
  return unit.path;
}

/** CUS-7: one person's completeness (their customers now) and timeliness (the period's interactions). */
export async function repDataQuality(em: EntityManager, actor: Actor | null, args: PeriodArgs & { userId: string }) {
  const period = parsePeriod(args);
  const person = await reachablePerson(em, requireActor(actor), parseId(args.userId, 'userId'));
  const [figures] = await figuresOfPeople(em, { sql: 'select id, org_unit_id from directory_user where id = ?', params: [person.id] }, period);
  return shownFigures(period, figures ?? NO_FIGURES);
}

/** CUS-7: a unit's figures: everyone in its subtree together, each customer and interaction counting once. */
export async function unitDataQuality(em: EntityManager, actor: Actor | null, args: PeriodArgs & { unitId: string }) {
  const period = parsePeriod(args);
  const path = await reachableUnitPath(em, requireActor(actor), parseId(args.unitId, 'unitId'));
  const people = await figuresOfPeople(em, { sql: 'select id, org_unit_id from directory_user where org_path <@ ?::ltree', params: [path] }, period);
  return shownFigures(period, people.reduce(addFigures, NO_FIGURES));
}

/** CUS-7: each person in a unit's subtree with their figures, a page at a time in id order. */
export async function dataQualityByRep(em: EntityManager, actor: Actor | null, args: PeriodArgs & { unitId: string; first?: number | null; after?: string | null }) {
  const period = parsePeriod(args);
  const page = parsePageArgs(args);
  const path = await reachableUnitPath(em, requireActor(actor), parseId(args.unitId, 'unitId'));
  const people = await figuresOfPeople(
    em,
    {
      sql: `select id, org_unit_id from directory_user where org_path <@ ?::ltree ${page.afterId ? 'and id > ?' : ''} order by id limit ?`,
      params: [path, ...(page.afterId ? [page.afterId] : []), page.first + 1],
    },
    period,
  );
  return toConnection(
    people.map((figures) => ({ id: figures.userId, user: { __typename: 'User' as const, id: figures.userId }, unitId: figures.unitId, figures: shownFigures(period, figures) })),
    page,
  );
}
