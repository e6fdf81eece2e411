import { Events, recordEvent } from '@crm/events';
import { fields, parseInput, rehomeSubtree, requireRole, toConnection, type Actor, type Connection, type PageRequest } from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';
import { z } from 'zod';
import { OrgUnit } from './org-unit.entity';
import {
  OrgTreeCycleException,
  OrgUnitClosedException,
  OrgUnitCodeTakenException,
  UnknownOrgUnitException,
} from './org-unit.exception';

const code = z.string().regex(/^[a-z][a-z0-9_]{0,29}$/, 'must be 1–30 lower-case letters, digits or _ , starting with a letter');

const createOrgUnitInput = z.object({
  name: fields.text(100),
  code,
  kind: z.enum(['REGION', 'CITY', 'TEAM']),
  parentId: fields.id('parentId'),
});
const renameOrgUnitInput = z.object({ id: fields.id('id'), name: fields.text(100) });
const moveOrgUnitInput = z.object({ id: fields.id('id'), newParentId: fields.id('newParentId') });

/**
 * Every org-unit event shares one key, so Kafka keeps them in one partition in order: replicas
 * apply moves by path prefix, which is only right in the order they happened.
 */
const ORG_TREE_KEY = 'org-tree';

export function recordOrgUnitCreated(em: EntityManager, unit: OrgUnit): void {
  recordEvent(em, 'identity', { type: Events.OrgUnitCreated, key: ORG_TREE_KEY, payload: { orgUnitId: unit.id, path: unit.path } });
}

export async function requireOrgUnit(em: EntityManager, id: string, field = 'orgUnitId'): Promise<OrgUnit> {
  const unit = await em.findOne(OrgUnit, { id });
  if (!unit) throw new UnknownOrgUnitException(id, field);
  return unit;
}

export async function requireOpenOrgUnit(em: EntityManager, id: string, field: string): Promise<OrgUnit> {
  const unit = await requireOrgUnit(em, id, field);
  if (unit.closedAt) throw new OrgUnitClosedException(unit.name);
  return unit;
}

async function requireFreePath(em: EntityManager, path: string): Promise<void> {
  if (await em.count(OrgUnit, { path })) throw new OrgUnitCodeTakenException(path);
}

export async function createOrgUnit(em: EntityManager, actor: Actor, input: unknown): Promise<OrgUnit> {
  requireRole(actor, 'ADMIN');
  const data = parseInput(createOrgUnitInput, input);
  const parent = await requireOpenOrgUnit(em, data.parentId, 'parentId');
  const path = `${parent.path}.${data.code}`;
  await requireFreePath(em, path);
  const unit = em.create(OrgUnit, { name: data.name, code: data.code, kind: data.kind, path, parentId: parent.id });
  recordOrgUnitCreated(em, unit);
  await em.flush();
  return unit;
}

export async function renameOrgUnit(em: EntityManager, actor: Actor, input: unknown): Promise<OrgUnit> {
  requireRole(actor, 'ADMIN');
  const data = parseInput(renameOrgUnitInput, input);
  const unit = await requireOrgUnit(em, data.id, 'id');
  unit.name = data.name;
  await em.flush();
  return unit;
}

/**
 * Moves a unit and everything under it. People keep their unit, so their position follows the
 * move; other subgraphs learn of it from `org_unit.moved` and re-home their replicas.
 */
export async function moveOrgUnit(em: EntityManager, actor: Actor, input: unknown): Promise<OrgUnit> {
  requireRole(actor, 'ADMIN');
  const data = parseInput(moveOrgUnitInput, input);
  const unit = await requireOrgUnit(em, data.id, 'id');
  const parent = await requireOpenOrgUnit(em, data.newParentId, 'newParentId');
  const fromPath = unit.path;
  if (parent.path === fromPath || parent.path.startsWith(`${fromPath}.`)) throw new OrgTreeCycleException(unit.name);
  const toPath = `${parent.path}.${unit.code}`;
  if (toPath === fromPath) return unit;
  await requireFreePath(em, toPath);
  await em.transactional(async (tx) => {
    await rehomeSubtree(tx, 'org_unit', 'path', fromPath, toPath);
    await tx.getConnection().execute('update org_unit set parent_id = ? where id = ?', [parent.id, unit.id], 'run', tx.getTransactionContext());
    recordEvent(tx, 'identity', { type: Events.OrgUnitMoved, key: ORG_TREE_KEY, payload: { orgUnitId: unit.id, fromPath, toPath } });
  });
  await em.refresh(unit);
  return unit;
}

/** A page of the units in a subtree (the whole tree when no root is given), newest first. */
export async function listOrgUnits(em: EntityManager, underId: string | null | undefined, page: PageRequest): Promise<Connection<OrgUnit>> {
  const root = underId ? await requireOrgUnit(em, parseInput(fields.id('under'), underId), 'under') : null;
  const rows = (await em.getConnection().execute(
    `select * from org_unit where (?::ltree is null or path <@ ?::ltree) and (?::uuid is null or id < ?) order by id desc limit ?`,
    [root?.path ?? null, root?.path ?? null, page.afterId ?? null, page.afterId ?? null, page.first + 1],
  )) as Record<string, unknown>[];
  return toConnection(
    rows.map((row) => em.map(OrgUnit, row)),
    page,
  );
}
