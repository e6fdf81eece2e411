import { DirectoryUser, findDivision, replicaTerritoryTables, territoryOwnerOf } from '@crm/identity/replica';
import type { Scope } from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';
import { PoolRecordType, PoolState } from '../../generated/graphql';
import { Opportunity } from '../opportunity';
import { refreshDropDates } from './drop-dates';
import { PoolEntry, PoolMovement, type PoolMovementKind } from './pool.entity';

export interface PoolRecordRef {
  recordType: PoolRecordType;
  recordId: string;
}

const days = (count: number) => count * 24 * 60 * 60 * 1000;
export const daysAfter = (instant: Date, count: number) => new Date(instant.getTime() + days(count));

/** The entry, locked until the transaction ends: two claims of one record run one after the other. */
export async function lockEntry(em: EntityManager, ref: PoolRecordRef): Promise<PoolEntry | null> {
  await em.getConnection().execute('select id from pool_entry where record_type = ? and record_id = ? for update', [ref.recordType, ref.recordId], 'all', em.getTransactionContext());
  return em.findOne(PoolEntry, { recordType: ref.recordType, recordId: ref.recordId }, { refresh: true });
}

/** Files a movement under the unit of the person it concerned, for poolFlows. */
export async function recordMovement(scope: Scope, entry: PoolEntry, kind: PoolMovementKind, userId: string, reason: string | null = null): Promise<void> {
  const user = await scope.em.findOneOrFail(DirectoryUser, { id: userId });
  scope.em.create(PoolMovement, { recordType: entry.recordType, recordId: entry.recordId, kind, reason, userId, unitPath: user.orgPath, at: scope.clock.now() });
}

/** The record's own owner follows the pool: an opportunity here; a customer in customers, from the event. */
async function setRecordOwner(em: EntityManager, entry: PoolEntry, ownerId: string): Promise<void> {
  if (entry.recordType === PoolRecordType.Opportunity) (await em.findOneOrFail(Opportunity, { id: entry.recordId })).ownerId = ownerId;
}

/** Starts the entry's clocks afresh in `ownerId`'s private pool; its drop date follows from their unit's policy. */
export async function takeIntoPrivatePool(scope: Scope, entry: PoolEntry, ownerId: string): Promise<void> {
  const now = scope.clock.now();
  Object.assign(entry, { state: PoolState.Private, ownerId, enteredPrivateAt: now, lastFollowUpAt: now, lastStageMoveAt: now, warnedDropsAt: null });
  await setRecordOwner(scope.em, entry, ownerId);
  await scope.em.flush();
  await refreshDropDates(scope.em, { sql: 'e.id = ?', params: [entry.id] });
  await scope.em.refresh(entry);
}

/** The path of the unit whose territory holds a division, for the public pool's filter. */
async function territoryPathOf(em: EntityManager, divisionCode: string | null): Promise<string | null> {
  const division = divisionCode ? findDivision(divisionCode) : null;
  const unitId = division ? await territoryOwnerOf(em, replicaTerritoryTables, { division }) : null;
  if (!unitId) return null;
  const [unit] = (await em.getConnection().execute(`select path::text as path from directory_org_unit where id = ?`, [unitId], 'all', em.getTransactionContext())) as { path: string }[];
  return unit?.path ?? null;
}

/**
 * A record enters its owner's private pool when it comes to be (an opportunity at conversion, a
 * customer at creation). Entering twice changes nothing, so a redelivered event is harmless.
 */
export async function enterPrivatePool(scope: Scope, record: PoolRecordRef & { customerId: string; ownerId: string; divisionCode: string | null }): Promise<void> {
  if (await scope.em.findOne(PoolEntry, { recordType: record.recordType, recordId: record.recordId })) return;
  const now = scope.clock.now();
  const entry = scope.em.create(PoolEntry, {
    recordType: record.recordType,
    recordId: record.recordId,
    customerId: record.customerId,
    state: PoolState.Private,
    ownerId: record.ownerId,
    divisionCode: record.divisionCode,
    territoryPath: await territoryPathOf(scope.em, record.divisionCode),
    lastFollowUpAt: now,
    lastStageMoveAt: now,
    enteredPrivateAt: now,
  });
  await recordMovement(scope, entry, 'ENTERED', record.ownerId);
  await scope.em.flush();
  await refreshDropDates(scope.em, { sql: 'e.id = ?', params: [entry.id] });
}
