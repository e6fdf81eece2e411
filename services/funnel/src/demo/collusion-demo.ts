import { demoData } from '@crm/demo-data';
import { createScope, ManualClock, newId, type Scope } from '@crm/platform';
import { CollusionKind, CollusionMove, PoolDropReason, PoolRecordType } from '../generated/graphql';
import { CollusionMovement, raiseFlag } from '../modules/collusion';
import { Opportunity } from '../modules/opportunity';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
const userId = (handle: string): string => demoData().users.find((user) => user.email === `${handle}@demo.crm`)!.id;

/**
 * One flagged pair for the Shanghai manager (FUN-5): two reps of a team who released their
 * opportunities to each other within minutes, one a day over the last days, each ending with the
 * opportunity's present owner. Call it once the demo opportunities are in the unit of work.
 */
export async function seedDemoCollusion(scope: Scope): Promise<void> {
  const [rep, partner] = [userId('rep1.east.shanghai.team1'), userId('rep2.east.shanghai.team1')];
  const records = await scope.em.find(Opportunity, { ownerId: { $in: [rep, partner] } }, { orderBy: { id: 'asc' }, limit: 3 });
  if (!records.length) return;
  const now = scope.clock.now().getTime();
  const claimTimes = records.map((_record, i) => new Date(now - (records.length - i) * DAY_MS));
  const evidence = records.flatMap((record, i) => {
    const claimedAt = claimTimes[i]!;
    const droppedAt = new Date(claimedAt.getTime() - (5 + 4 * i) * MINUTE_MS);
    const formerOwnerId = record.ownerId === rep ? partner : rep;
    const common = { recordType: PoolRecordType.Opportunity, recordId: record.id, customerId: record.customerId };
    return [
      scope.em.create(CollusionMovement, { ...common, eventId: newId(), kind: CollusionMove.Dropped, personId: formerOwnerId, dropReason: PoolDropReason.Released, protectedUntil: new Date(droppedAt.getTime() + 7 * DAY_MS), occurredAt: droppedAt }),
      scope.em.create(CollusionMovement, { ...common, eventId: newId(), kind: CollusionMove.Claimed, personId: record.ownerId, formerOwnerId, droppedAt, occurredAt: claimedAt }),
    ];
  });
  const flaggedAt = createScope({ ...scope, clock: new ManualClock(claimTimes.at(-1)!) });
  await raiseFlag(flaggedAt, CollusionKind.QuickHandoff, [rep, partner], evidence.map((movement) => ({ id: movement.id, kind: movement.kind, record_id: movement.recordId })));
}
