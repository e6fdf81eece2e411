import { demoData } from '@crm/demo-data';
import { ManualClock, createScope, type Scope } from '@crm/platform';
import { OpportunityStatus, PoolRecordType } from '../generated/graphql';
import { Opportunity } from '../modules/opportunity';
import { enterPrivatePool, RepPoolCapacity, sweepPools } from '../modules/pool';

const DAY_MS = 86_400_000;
const PUBLIC_RECORDS = 3;
const ABOUT_TO_DROP = 2;

const scopeAt = (scope: Scope, at: Date): Scope => createScope({ ...scope, clock: new ManualClock(at.toISOString()) });

/**
 * FUN-4's demo, after the demo opportunities: a few Shanghai opportunities in the public pool
 * (dropped by the sweep after 10 days without a visit), and one Shanghai rep's private pool one
 * record short of their capacity, two of its records inside the reminder window. Everything else
 * enters its owner's pool from its own conversion event. Through the pool's own rules, in the
 * seed's transaction.
 */
export async function seedDemoPools(scope: Scope): Promise<void> {
  const now = scope.clock.now();
  const open = await scope.em.find(Opportunity, { status: OpportunityStatus.Open }, { orderBy: { id: 'asc' } });
  // The demo's converted leads are for existing customers: where they are is the customer's place.
  const divisionOf = new Map(demoData().customers.map((customer) => [customer.id, customer.divisionCode]));
  const inShanghai = open.filter((o) => divisionOf.get(o.customerId)?.startsWith('31'));
  if (!inShanghai.length) return;
  const featuredRep = inShanghai[0]!.ownerId;
  const held = inShanghai.filter((o) => o.ownerId === featuredRep);
  const toDrop = inShanghai.filter((o) => o.ownerId !== featuredRep).slice(0, PUBLIC_RECORDS);
  const enter = (o: Opportunity, daysAgo: number) =>
    enterPrivatePool(scopeAt(scope, new Date(now.getTime() - daysAgo * DAY_MS)), {
      recordType: PoolRecordType.Opportunity,
      recordId: o.id,
      customerId: o.customerId,
      ownerId: o.ownerId,
      divisionCode: divisionOf.get(o.customerId) ?? null,
    });
  for (const o of toDrop) await enter(o, 11);
  for (const [i, o] of held.entries()) await enter(o, i < ABOUT_TO_DROP ? 9 : 1);
  scope.em.create(RepPoolCapacity, { userId: featuredRep, capacity: held.length + 1 });
  await scope.em.flush();
  await sweepPools(scope);
}
