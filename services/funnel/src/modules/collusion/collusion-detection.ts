import { Events, pgArray } from '@crm/events';
import type { Scope } from '@crm/platform';
import { CollusionFlagStatus, type CollusionKind } from '../../generated/graphql';
import { CollusionFlag, type CollusionMovement } from './collusion.entity';
import { PATTERNS, type EvidenceRow, type HandedClaim } from './collusion-patterns';
import { currentThresholds } from './collusion-thresholds';

/**
 * The pair's OPEN flag of the kind gets the evidence; without one a flag opens, announced for
 * analytics. One OPEN flag per pair and kind: a new occurrence adds to it.
 */
export async function raiseFlag(scope: Scope, kind: CollusionKind, people: readonly [string, string], evidence: readonly EvidenceRow[]): Promise<void> {
  const { em } = scope;
  const [personAId, personBId] = [...people].sort() as [string, string];
  const now = scope.clock.now();
  let flag = await em.findOne(CollusionFlag, { kind, personAId, personBId, status: CollusionFlagStatus.Open });
  if (flag) flag.lastSeenAt = now;
  else {
    flag = em.create(CollusionFlag, { kind, personAId, personBId, openedAt: now, lastSeenAt: now });
    scope.recordEvent({
      type: Events.CollusionFlagged,
      key: flag.id,
      payload: { flagId: flag.id, kind, personAId, personBId, recordIds: [...new Set(evidence.map((row) => row.record_id))], flaggedAt: now.toISOString() },
    });
  }
  await em.flush();
  await em
    .getConnection()
    .execute('insert into collusion_flag_movement (flag_id, movement_id) select ?, unnest(?::uuid[]) on conflict do nothing', [flag.id, pgArray(evidence.map((row) => row.id))], 'run', em.getTransactionContext());
}

const isHanded = (claim: CollusionMovement): claim is HandedClaim => claim.formerOwnerId !== null && claim.droppedAt !== null && claim.formerOwnerId !== claim.personId;

/** FUN-5: a logged claim checked against every pattern, with the thresholds in force. */
export async function detectCollusion(scope: Scope, claim: CollusionMovement): Promise<void> {
  if (!isHanded(claim)) return;
  const thresholds = await currentThresholds(scope.em);
  for (const pattern of PATTERNS) {
    const evidence = await pattern.evidence(scope.em, claim, thresholds);
    if (evidence.length) await raiseFlag(scope, pattern.kind, [claim.personId, claim.formerOwnerId], evidence);
  }
}
