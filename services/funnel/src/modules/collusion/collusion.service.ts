import { canReach, DirectoryUser } from '@crm/identity/replica';
import { createScope, fields, findPage, parseInput, requireActor, type Actor, type Connection, type PageRequest, type Scope } from '@crm/platform';
import { LockMode, type EntityManager } from '@mikro-orm/core';
import { z } from 'zod';
import { CollusionFlagStatus, type PoolRecordType } from '../../generated/graphql';
import { reverseClaim } from '../pool';
import { CollusionFlag } from './collusion.entity';
import { CollusionFlagClosedException, CollusionFlagNotFoundException, RecordNotInEvidenceException } from './collusion.exception';
import { visibleFlags } from './collusion.loaders';
import { collusionPermissions } from './collusion.permissions';

const filterInput = z.object({ status: z.enum(CollusionFlagStatus).nullish() });
const dismissInput = z.object({ id: fields.id('id'), reason: fields.text(500) });
const reverseInput = z.object({ flagId: fields.id('flagId'), recordId: fields.id('recordId'), reason: fields.text(500) });

export function listFlags(em: EntityManager, actor: Actor | null, page: PageRequest, rawFilter: unknown): Promise<Connection<CollusionFlag>> {
  const filter = parseInput(filterInput, rawFilter ?? {});
  const visible = visibleFlags(actor);
  return findPage(em, CollusionFlag, page, filter.status ? { sql: `(${visible.sql}) and status = ?`, params: [...visible.params, filter.status] } : visible);
}

/** The flag locked for the decision, if the actor reaches both its people; then whether they may review, and whether it is still OPEN. */
async function lockOpenFlag(em: EntityManager, actor: Actor, id: string, field: string): Promise<CollusionFlag> {
  const flag = await em.findOne(CollusionFlag, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  const people = flag ? await em.find(DirectoryUser, { id: { $in: [flag.personAId, flag.personBId] } }) : [];
  if (!flag || people.length !== 2 || !people.every((person) => canReach(actor, person))) throw new CollusionFlagNotFoundException(id, field);
  collusionPermissions.require(actor, 'collusion.review');
  if (flag.status !== CollusionFlagStatus.Open) throw new CollusionFlagClosedException(id, flag.status);
  return flag;
}

/** The one rule of settling a flag, dismissed or acted on: who, when and why, audited. */
function closeFlag(scope: Scope, flag: CollusionFlag, status: CollusionFlagStatus, reason: string, reversedRecordId: string | null = null): void {
  Object.assign(flag, { status, closedAt: scope.clock.now(), closedById: requireActor(scope.actor).userId, closeReason: reason, reversedRecordId });
  scope.audit({
    subjectType: 'CollusionFlag',
    subjectId: flag.id,
    action: status === CollusionFlagStatus.Dismissed ? 'collusion_flag.dismissed' : 'collusion_flag.claim_reversed',
    before: { status: CollusionFlagStatus.Open },
    after: { status, reversedRecordId },
    reason,
  });
}

/** One transaction around a decision on a flag, the flag locked: two managers deciding at once decide one after the other. */
function decide(scope: Scope, id: string, field: string, change: (tx: Scope, flag: CollusionFlag) => Promise<void>): Promise<CollusionFlag> {
  const actor = requireActor(scope.actor);
  return scope.em.transactional(async (em) => {
    const flag = await lockOpenFlag(em, actor, id, field);
    await change(createScope({ ...scope, em }), flag);
    return flag;
  });
}

export function dismissFlag(scope: Scope, input: unknown): Promise<CollusionFlag> {
  const data = parseInput(dismissInput, input);
  return decide(scope, data.id, 'id', async (tx, flag) => closeFlag(tx, flag, CollusionFlagStatus.Dismissed, data.reason));
}

/** The record's type, when the flag's evidence has a claim of it. */
async function claimedInEvidence(em: EntityManager, flagId: string, recordId: string): Promise<PoolRecordType | undefined> {
  const [claim] = (await em.getConnection().execute(
    `select m.record_type from collusion_flag_movement fm join collusion_movement m on m.id = fm.movement_id
      where fm.flag_id = ? and m.record_id = ? and m.kind = 'CLAIMED' limit 1`,
    [flagId, recordId],
    'all',
    em.getTransactionContext(),
  )) as { record_type: PoolRecordType }[];
  return claim?.record_type;
}

/** The pool undoes the record's latest claim and the flag closes as acted on, in one transaction. */
export function reverseFlaggedClaim(scope: Scope, input: unknown): Promise<CollusionFlag> {
  const data = parseInput(reverseInput, input);
  return decide(scope, data.flagId, 'flagId', async (tx, flag) => {
    const recordType = await claimedInEvidence(tx.em, flag.id, data.recordId);
    if (!recordType) throw new RecordNotInEvidenceException(flag.id, data.recordId);
    await reverseClaim(tx, { recordType, recordId: data.recordId, reason: data.reason }, [flag.personAId, flag.personBId]);
    closeFlag(tx, flag, CollusionFlagStatus.ClaimReversed, data.reason, data.recordId);
  });
}
