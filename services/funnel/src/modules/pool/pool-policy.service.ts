import { DirectoryUser, canReach } from '@crm/identity/replica';
import { createScope, fields, parseInput, requireActor, type Actor, type Scope } from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';
import { z } from 'zod';
import type { PoolLoad, PoolPolicy } from '../../generated/graphql';
import { refreshDropDates } from './drop-dates';
import { effectivePolicy, POLICY_FIELDS, poolLoadOf } from './pool-policy';
import { uuidV7At } from './pool-sql';
import { PoolPolicyRecord, RepPoolCapacity } from './pool.entity';
import { OrgUnitNotFoundException, RepNotFoundException } from './pool.exception';
import { poolPermissions } from './pool.permissions';

const days = (field: string) => z.number().int(`${field} must be a whole number of days`).min(1, 'must be at least 1 day').max(3650, 'must be at most 3650 days').nullish();
const policyInput = z.object({
  orgUnitId: fields.id('orgUnitId'),
  noFollowUpDays: days('noFollowUpDays'),
  noStageMoveDays: days('noStageMoveDays'),
  noDealDays: days('noDealDays'),
  reminderDays: z.number().int().min(0, 'must not be negative').max(365).nullish(),
  protectionDays: z.number().int().min(0, 'must not be negative').max(365).nullish(),
  capacity: z.number().int().min(0, 'must not be negative').max(100_000).nullish(),
  dailyClaimLimit: z.number().int().min(1, 'must be at least 1').max(10_000).nullish(),
  customersEnabled: z.boolean().nullish(),
});
const capacityInput = z.object({ userId: fields.id('userId'), capacity: z.number().int().min(0, 'must not be negative').max(100_000).nullish() });

async function unitPathOf(em: EntityManager, orgUnitId: string): Promise<string | null> {
  const [unit] = (await em.getConnection().execute('select path::text as path from directory_org_unit where id = ?', [orgUnitId], 'all', em.getTransactionContext())) as { path: string }[];
  return unit?.path ?? null;
}

/** A unit the actor manages: its path, or NOT_FOUND for one out of reach (as for one that does not exist). */
export async function unitInReach(em: EntityManager, actor: Actor, orgUnitId: string): Promise<string> {
  const path = await unitPathOf(em, orgUnitId);
  if (!path || !canReach(actor, { id: orgUnitId, orgPath: path })) throw new OrgUnitNotFoundException(orgUnitId);
  return path;
}

/** The rules are no secret: anyone signed in reads those of any unit. */
export async function readPoolPolicy(em: EntityManager, actor: Actor | null, orgUnitId: string): Promise<PoolPolicy> {
  requireActor(actor);
  if (!(await unitPathOf(em, orgUnitId))) throw new OrgUnitNotFoundException(orgUnitId);
  return { orgUnitId, ...(await effectivePolicy(em, orgUnitId)) };
}

/**
 * FUN-4: a unit's own pool rules, inherited by the units under it where they set none. Entries held
 * under the unit get their drop dates recomputed in the same transaction.
 */
export async function setPoolPolicy(scope: Scope, input: unknown): Promise<PoolPolicy> {
  const actor = requireActor(scope.actor);
  const data = parseInput(policyInput, input);
  poolPermissions.require(actor, 'pool.set_policy');
  const path = await unitInReach(scope.em, actor, data.orgUnitId);
  return scope.em.transactional(async (tx) => {
    const record = (await tx.findOne(PoolPolicyRecord, { orgUnitId: data.orgUnitId })) ?? tx.create(PoolPolicyRecord, { orgUnitId: data.orgUnitId });
    const before = { ...record };
    const { orgUnitId } = data;
    // The input replaces the unit's own settings: a field left out inherits again.
    for (const field of POLICY_FIELDS) Object.assign(record, { [field]: data[field] ?? null });
    createScope({ ...scope, em: tx }).audit({ subjectType: 'OrgUnit', subjectId: orgUnitId, action: 'pool_policy.set', before, after: { ...record } });
    await tx.flush();
    if (data.customersEnabled) await enterCustomersHeldUnder(tx, path, scope.clock.now());
    await refreshDropDates(tx, { sql: 'e.owner_id in (select id from directory_user where org_path <@ ?::ltree)', params: [path] });
    return { orgUnitId, ...(await effectivePolicy(tx, orgUnitId)) };
  });
}

/**
 * Enabling customer pools for a unit puts the customers its reps own (customers' replica) in their
 * private pools, their clocks starting now; those already there stay as they are.
 */
async function enterCustomersHeldUnder(em: EntityManager, path: string, now: Date): Promise<void> {
  await em.getConnection().execute(
    `insert into pool_entry (id, record_type, record_id, customer_id, state, owner_id, last_follow_up_at, last_stage_move_at, entered_private_at, division_code)
     select ${uuidV7At('?::timestamptz')}, 'CUSTOMER', c.customer_id, c.customer_id, 'PRIVATE', c.owner_id, ?, ?, ?, c.division_code
       from customer_owner c join directory_user u on u.id = c.owner_id
      where u.org_path <@ ?::ltree
     on conflict (record_type, record_id) do nothing`,
    [now, now, now, now, path],
    'run',
    em.getTransactionContext(),
  );
}

/** FUN-4: one rep's capacity over their unit's; null gives them their unit's again. */
export async function setRepPoolCapacity(scope: Scope, input: unknown): Promise<PoolLoad> {
  const actor = requireActor(scope.actor);
  const data = parseInput(capacityInput, input);
  poolPermissions.require(actor, 'pool.set_policy');
  const rep = await scope.em.findOne(DirectoryUser, { id: data.userId });
  if (!rep || !canReach(actor, { id: rep.id, orgPath: rep.orgPath })) throw new RepNotFoundException(data.userId);
  const record = await scope.em.findOne(RepPoolCapacity, { userId: rep.id });
  scope.audit({ subjectType: 'User', subjectId: rep.id, action: 'pool_capacity.set', before: { capacity: record?.capacity ?? null }, after: { capacity: data.capacity ?? null } });
  if (data.capacity === null || data.capacity === undefined) {
    if (record) scope.em.remove(record);
  } else if (record) record.capacity = data.capacity;
  else scope.em.create(RepPoolCapacity, { userId: rep.id, capacity: data.capacity });
  await scope.em.flush();
  return readRepPoolCapacity(scope.em, actor, rep.id);
}

export async function readRepPoolCapacity(em: EntityManager, actor: Actor | null, userId: string): Promise<PoolLoad> {
  const reader = requireActor(actor);
  const rep = await em.findOne(DirectoryUser, { id: userId });
  if (!rep || !canReach(reader, { id: rep.id, orgPath: rep.orgPath })) throw new RepNotFoundException(userId);
  const load = (await poolLoadOf(em, [userId])).get(userId)!;
  return { userId, ...load };
}
