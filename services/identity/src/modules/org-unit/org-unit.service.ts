import { Events } from '@crm/events';
import { createScope, fields, parseInput, requireActor, toConnection, type Actor, type Connection, type PageRequest, type Scope } from '@crm/platform';
import { rehomeSubtree, visibilityOf } from '../../replica';
import type { EntityManager } from '@mikro-orm/core';
import { z } from 'zod';
import { OrgUnitKind } from '../../generated/graphql';
import { OrgUnit } from './org-unit.entity';
import {
  OrgTreeCycleException,
  OrgUnitClosedException,
  OrgUnitCodeTakenException,
  UnknownOrgUnitException,
} from './org-unit.exception';
import { orgUnitPermissions } from './org-unit.permissions';

const code = z.string().regex(/^[a-z][a-z0-9_]{0,29}$/, 'must be 1–30 lower-case letters, digits or _ , starting with a letter');

const createOrgUnitInput = z.object({
  name: fields.text(100),
  code,
  // There is one HQ, the root; every other unit sits under it.
  kind: z.enum(OrgUnitKind).exclude(['Hq']),
  parentId: fields.id('parentId'),
});
const renameOrgUnitInput = z.object({ id: fields.id('id'), name: fields.text(100) });
const moveOrgUnitInput = z.object({ id: fields.id('id'), newParentId: fields.id('newParentId') });

/**
 * Every org-unit event shares one key, so Kafka keeps them in one partition in order: replicas
 * apply moves by path prefix, which is only right in the order they happened.
 */
const ORG_TREE_KEY = 'org-tree';

export function recordOrgUnitCreated(scope: Scope, unit: OrgUnit): void {
  scope.recordEvent({ type: Events.OrgUnitCreated, key: ORG_TREE_KEY, payload: { orgUnitId: unit.id, path: unit.path } });
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

/** Whether a unit lies in the part of the tree the actor manages (their unit or below); reps and assistants manage none. */
export function isInActorSubtree(actor: Actor, unit: Pick<OrgUnit, 'path'>): boolean {
  const visibility = visibilityOf(actor);
  return visibility.scope === 'subtree' && (unit.path === visibility.path || unit.path.startsWith(`${visibility.path}.`));
}

/** The unit, if it lies in the actor's subtree; null otherwise, as if it did not exist. */
export async function findOrgUnitInReach(em: EntityManager, actor: Actor | null, id: string): Promise<OrgUnit | null> {
  const unit = await em.findOne(OrgUnit, { id });
  return unit && actor && isInActorSubtree(actor, unit) ? unit : null;
}

async function requireFreePath(em: EntityManager, path: string): Promise<void> {
  if (await em.count(OrgUnit, { path })) throw new OrgUnitCodeTakenException(path);
}

export async function createOrgUnit(scope: Scope, input: unknown): Promise<OrgUnit> {
  const { em } = scope;
  orgUnitPermissions.require(requireActor(scope.actor), 'org_unit.create');
  const data = parseInput(createOrgUnitInput, input);
  const parent = await requireOpenOrgUnit(em, data.parentId, 'parentId');
  const path = `${parent.path}.${data.code}`;
  await requireFreePath(em, path);
  const unit = em.create(OrgUnit, { name: data.name, code: data.code, kind: data.kind, path, parentId: parent.id });
  recordOrgUnitCreated(scope, unit);
  scope.audit({
    subjectType: 'OrgUnit',
    subjectId: unit.id,
    action: 'org_unit.created',
    after: { name: unit.name, code: unit.code, kind: unit.kind, path: unit.path, parentId: unit.parentId },
  });
  await em.flush();
  return unit;
}

export async function renameOrgUnit(scope: Scope, input: unknown): Promise<OrgUnit> {
  orgUnitPermissions.require(requireActor(scope.actor), 'org_unit.rename');
  const data = parseInput(renameOrgUnitInput, input);
  const unit = await requireOrgUnit(scope.em, data.id, 'id');
  if (unit.name !== data.name) {
    scope.audit({ subjectType: 'OrgUnit', subjectId: unit.id, action: 'org_unit.renamed', before: { name: unit.name }, after: { name: data.name } });
    unit.name = data.name;
  }
  await scope.em.flush();
  return unit;
}

/**
 * Moves a unit and everything under it. People keep their unit, so their position follows the
 * move; other subgraphs learn of it from `org_unit.moved` and re-home their replicas.
 */
export async function moveOrgUnit(scope: Scope, input: unknown): Promise<OrgUnit> {
  const { em } = scope;
  orgUnitPermissions.require(requireActor(scope.actor), 'org_unit.move');
  const data = parseInput(moveOrgUnitInput, input);
  const unit = await requireOrgUnit(em, data.id, 'id');
  const parent = await requireOpenOrgUnit(em, data.newParentId, 'newParentId');
  const fromPath = unit.path;
  if (parent.path === fromPath || parent.path.startsWith(`${fromPath}.`)) throw new OrgTreeCycleException(unit.name);
  const toPath = `${parent.path}.${unit.code}`;
  if (toPath === fromPath) return unit;
  await requireFreePath(em, toPath);
  await em.transactional(async (tx) => {
    const txScope = createScope({ ...scope, em: tx });
    await rehomeSubtree(tx, 'org_unit', 'path', fromPath, toPath);
    await tx.getConnection().execute('update org_unit set parent_id = ? where id = ?', [parent.id, unit.id], 'run', tx.getTransactionContext());
    txScope.recordEvent({ type: Events.OrgUnitMoved, key: ORG_TREE_KEY, payload: { orgUnitId: unit.id, fromPath, toPath } });
    txScope.audit({
      subjectType: 'OrgUnit',
      subjectId: unit.id,
      action: 'org_unit.moved',
      before: { parentId: unit.parentId, path: fromPath },
      after: { parentId: parent.id, path: toPath },
    });
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
