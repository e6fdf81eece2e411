import { Events } from '@crm/events';
import { canReach, DirectoryUser, findDivision, replicaTerritoryTables, requireOwnerInTerritory } from '@crm/identity/replica';
import { createScope, cutoffFor, fields, InputException, parseInput, periodOf, requireActor, type Actor, type Scope } from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';
import { z } from 'zod';
import { PoolDropReason, PoolRecordType, PoolState } from '../../generated/graphql';
import { daysAfter, lockEntry, recordMovement, takeIntoPrivatePool, type PoolRecordRef } from './pool-entry';
import { effectivePolicy, poolLoadOf } from './pool-policy';
import { PoolEntry, PoolMovement } from './pool.entity';
import {
  DailyClaimLimitReachedException,
  FormerOwnerProtectedException,
  InPublicPoolException,
  NoClaimToReverseException,
  NotInPublicPoolException,
  NotYourPrivateRecordException,
  PoolCapacityReachedException,
  PoolEntryNotFoundException,
} from './pool.exception';
import { poolPermissions } from './pool.permissions';

const recordInput = { recordType: z.enum(PoolRecordType), recordId: fields.id('recordId') };
const claimInput = z.object(recordInput);
const releaseInput = z.object({ ...recordInput, reason: fields.text(500) });

/** One transaction around a pool write, with the entry locked; events and audit commit with it. */
function withLockedEntry<T>(scope: Scope, ref: PoolRecordRef, change: (scope: Scope, entry: PoolEntry | null) => Promise<T>): Promise<T> {
  return scope.em.transactional(async (tx) => change(createScope({ ...scope, em: tx }), await lockEntry(tx, ref)));
}

async function requireClaimable(scope: Scope, actor: Actor, entry: PoolEntry): Promise<void> {
  const now = scope.clock.now();
  const division = entry.divisionCode ? findDivision(entry.divisionCode) : null;
  await requireOwnerInTerritory(scope.em, replicaTerritoryTables, actor, actor, { division, describe: `${entry.recordType} ${entry.recordId}` }, null);
  if (entry.formerOwnerId === actor.userId && entry.protectedUntil && entry.protectedUntil > now) throw new FormerOwnerProtectedException(entry.protectedUntil);
  const load = (await poolLoadOf(scope.em, [actor.userId])).get(actor.userId);
  if (load && load.held >= load.capacity) throw new PoolCapacityReachedException(load.capacity, load.held);
  const { dailyClaimLimit } = await effectivePolicy(scope.em, actor.orgUnitId);
  const today = periodOf('DAY', now);
  const claimed = await scope.em.count(PoolMovement, { userId: actor.userId, kind: 'CLAIMED', at: { $gte: today.start, $lt: today.end } });
  if (claimed >= dailyClaimLimit) throw new DailyClaimLimitReachedException(dailyClaimLimit, claimed);
}

/**
 * FUN-4: anyone whose unit owns the record's territory takes it from the public pool, within their
 * capacity and daily limit; whoever let it drop waits out the protection period. The record is then
 * theirs alone: out of the public pool, owned by them, with fresh clocks.
 */
export async function claimPoolRecord(scope: Scope, input: unknown): Promise<PoolEntry> {
  const actor = requireActor(scope.actor);
  const data = parseInput(claimInput, input);
  return withLockedEntry(scope, data, async (tx, entry) => {
    if (!entry || entry.state !== PoolState.Public) throw new NotInPublicPoolException(data.recordType, data.recordId);
    await requireClaimable(tx, actor, entry);
    await takeIntoPrivatePool(tx, entry, actor.userId);
    await recordMovement(tx, entry, 'CLAIMED', actor.userId);
    tx.recordEvent({
      type: Events.PoolRecordClaimed,
      key: entry.recordId,
      payload: { recordType: entry.recordType, recordId: entry.recordId, customerId: entry.customerId, ownerId: actor.userId, formerOwnerId: entry.formerOwnerId, droppedAt: entry.droppedAt?.toISOString() ?? null, claimedAt: tx.clock.now().toISOString() },
    });
    tx.audit({ subjectType: 'PoolEntry', subjectId: entry.recordId, action: 'pool_record.claimed', before: { state: PoolState.Public, formerOwnerId: entry.formerOwnerId }, after: { state: PoolState.Private, ownerId: actor.userId } });
    await tx.em.flush();
    return entry;
  });
}

/** To the public pool, and the one who held it may not claim it back for the protection period. */
async function dropToPublic(scope: Scope, entry: PoolEntry, reason: PoolDropReason, note: string | null): Promise<void> {
  const now = scope.clock.now();
  const formerOwnerId = entry.ownerId!;
  const protectedUntil = daysAfter(now, entry.protectionDays);
  Object.assign(entry, { state: PoolState.Public, ownerId: null, formerOwnerId, protectedUntil, droppedAt: now, dropsAt: null, warnAt: null, dropReason: reason });
  await recordMovement(scope, entry, 'DROPPED', formerOwnerId, reason);
  scope.recordEvent({
    type: Events.PoolRecordDropped,
    key: entry.recordId,
    payload: { recordType: entry.recordType, recordId: entry.recordId, customerId: entry.customerId, formerOwnerId, reason, note, droppedAt: now.toISOString(), protectedUntil: protectedUntil.toISOString() },
  });
  scope.audit({ subjectType: 'PoolEntry', subjectId: entry.recordId, action: 'pool_record.dropped', before: { state: PoolState.Private, ownerId: formerOwnerId }, after: { state: PoolState.Public, protectedUntil }, reason: note ?? reason });
}

/** FUN-4: its holder gives a record back to the public pool by hand, saying why. */
export async function releasePoolRecord(scope: Scope, input: unknown): Promise<PoolEntry> {
  const actor = requireActor(scope.actor);
  const data = parseInput(releaseInput, input);
  return withLockedEntry(scope, data, async (tx, entry) => {
    if (!entry || entry.state !== PoolState.Private || entry.ownerId !== actor.userId) throw new NotYourPrivateRecordException(data.recordType, data.recordId);
    await dropToPublic(tx, entry, PoolDropReason.Released, data.reason);
    await tx.em.flush();
    return entry;
  });
}

/**
 * FUN-5 (anti-collusion): a manager over the claimant, or an admin, undoes a claim, only while one of
 * `claimantIds` (when given) holds it. The record goes back to the public pool and the claimant gets
 * the protection period, as after a drop.
 */
export async function reverseClaim(
  scope: Scope,
  input: { recordType: 'OPPORTUNITY' | 'CUSTOMER'; recordId: string; reason: string },
  claimantIds?: readonly string[],
): Promise<void> {
  const actor = requireActor(scope.actor);
  const data = parseInput(releaseInput, input);
  poolPermissions.require(actor, 'pool.reverse_claim');
  await withLockedEntry(scope, data, async (tx, entry) => {
    if (!entry) throw new PoolEntryNotFoundException(data.recordType, data.recordId);
    // A flag names its claimants: a record someone else has claimed since is not theirs to undo.
    if (entry.state !== PoolState.Private || (claimantIds && !claimantIds.includes(entry.ownerId!))) throw new NoClaimToReverseException(data.recordType, data.recordId);
    const claimant = await tx.em.findOneOrFail(DirectoryUser, { id: entry.ownerId! });
    if (!canReach(actor, { id: claimant.id, orgPath: claimant.orgPath })) throw new PoolEntryNotFoundException(data.recordType, data.recordId);
    await dropToPublic(tx, entry, PoolDropReason.ClaimReversed, data.reason);
    tx.recordEvent({
      type: Events.PoolRecordClaimReversed,
      key: entry.recordId,
      payload: { recordType: entry.recordType, recordId: entry.recordId, customerId: entry.customerId, ownerId: claimant.id, restoredOwnerId: null, reversedById: actor.userId, reason: data.reason },
    });
    await tx.em.flush();
  });
}

/** FUN-4: nobody works a record in the public pool; it is claimed first (moves, closes). */
export async function requireNotInPublicPool(em: EntityManager, recordType: PoolRecordType, recordId: string): Promise<void> {
  const entry = await em.findOne(PoolEntry, { recordType, recordId, state: PoolState.Public });
  if (entry) throw new InPublicPoolException(recordId);
}

/** A Shanghai date range as the half-open instants [from 00:00, the day after `to` 00:00). */
export function shanghaiDayRange(from: string, to: string): { start: Date; end: Date } {
  const start = cutoffFor(from, { daysAfter: 0, at: '00:00' });
  const end = cutoffFor(to, { daysAfter: 1, at: '00:00' });
  if (end <= start) throw new InputException('to: the end of a date range cannot be before its start.', 'to');
  return { start, end };
}
