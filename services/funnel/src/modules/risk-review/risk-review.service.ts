import { Events } from '@crm/events';
import { createScope, fields, findPage, parseInput, requireActor, type Actor, type Connection, type PageRequest, type Scope } from '@crm/platform';
import { canReach, DirectoryUser } from '@crm/identity/replica';
import { LockMode, type EntityManager } from '@mikro-orm/core';
import { z } from 'zod';
import { NewCustomerReviewState } from '../../generated/graphql';
import type { Lead } from '../lead';
import { assessConversion, type NewCustomerKeys } from './risk-checks';
import { NewCustomerReview } from './risk-review.entity';
import { NewCustomerReviewDecidedException, NewCustomerReviewNotFoundException } from './risk-review.exception';
import { reviewsVisibleTo } from './risk-review.loaders';
import { riskReviewPermissions } from './risk-review.permissions';
import { currentThresholds } from './risk-settings';

/** Every state a review enters is announced, for appraisal's credit (analytics keeps the highest revision). */
export function publishReview(scope: Scope, review: NewCustomerReview): void {
  scope.recordEvent({
    type: Events.NewCustomerReviewChanged,
    key: review.customerId,
    payload: {
      reviewId: review.id,
      customerId: review.customerId,
      leadId: review.leadId,
      ownerId: review.ownerId,
      state: review.state,
      codes: [...new Set(review.findings.map((finding) => finding.code))],
      registeredAt: review.createdAt.toISOString(),
      revision: review.revision,
      decidedById: review.decidedById,
    },
  });
}

/**
 * FUN-9, at the conversion of a lead into a new customer, in its transaction (the caller flushes):
 * the conversion is assessed, CLEARED when nothing is suspicious, else PENDING with the findings
 * until a reviewer decides; either way published for appraisal's credit.
 */
export async function reviewNewCustomer(scope: Scope, conversion: { lead: Lead; customerId: string; newCustomer: NewCustomerKeys }): Promise<void> {
  const actor = requireActor(scope.actor);
  const { lead, customerId, newCustomer } = conversion;
  const at = scope.clock.now();
  const findings = await assessConversion(scope.em, { lead, newCustomer, at }, await currentThresholds(scope.em));
  const review = scope.em.create(NewCustomerReview, {
    customerId,
    leadId: lead.id,
    ownerId: lead.ownerId,
    convertedById: actor.userId,
    state: findings.length ? NewCustomerReviewState.Pending : NewCustomerReviewState.Cleared,
    findings,
    createdAt: at,
  });
  publishReview(scope, review);
}

const stateInput = z.enum(NewCustomerReviewState);

/** The queue, newest first; reviewers only, for the reps they reach. */
export function listNewCustomerReviews(scope: Scope, page: PageRequest, state: unknown): Promise<Connection<NewCustomerReview>> {
  const actor = requireActor(scope.actor);
  const wanted = parseInput(stateInput, state ?? NewCustomerReviewState.Pending);
  riskReviewPermissions.require(actor, 'new_customer.review');
  const visible = reviewsVisibleTo(actor);
  return findPage(scope.em, NewCustomerReview, page, { sql: `state = ? and (${visible.sql})`, params: [wanted, ...visible.params] });
}

const approveInput = z.object({ id: fields.id('id'), note: fields.text(500).nullish() });
const rejectInput = z.object({ id: fields.id('id'), reason: fields.text(500) });

/** The review locked for the decision, if the actor reaches its rep; then whether they may decide, and whether it is still open. */
async function lockPending(em: EntityManager, actor: Actor, id: string): Promise<NewCustomerReview> {
  const review = await em.findOne(NewCustomerReview, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  const owner = review && (await em.findOne(DirectoryUser, { id: review.ownerId }));
  if (!review || !owner || !canReach(actor, owner)) throw new NewCustomerReviewNotFoundException(id);
  riskReviewPermissions.require(actor, 'new_customer.review');
  if (review.state !== NewCustomerReviewState.Pending) throw new NewCustomerReviewDecidedException(id, review.state);
  return review;
}

async function decide(scope: Scope, id: string, state: NewCustomerReviewState, note: string | null): Promise<NewCustomerReview> {
  const actor = requireActor(scope.actor);
  return scope.em.transactional(async (em) => {
    const review = await lockPending(em, actor, id);
    Object.assign(review, { state, decidedById: actor.userId, decidedAt: scope.clock.now(), decisionNote: note, revision: review.revision + 1 });
    const decision = createScope({ ...scope, em });
    publishReview(decision, review);
    decision.audit({
      subjectType: 'NewCustomerReview',
      subjectId: review.id,
      action: state === NewCustomerReviewState.Approved ? 'new_customer.approved' : 'new_customer.rejected',
      before: { state: NewCustomerReviewState.Pending },
      after: { state, customerId: review.customerId },
      reason: note,
    });
    return review;
  });
}

/** A reviewer finds a PENDING new customer real: it earns its rep credit. */
export async function approveNewCustomer(scope: Scope, input: unknown): Promise<NewCustomerReview> {
  const data = parseInput(approveInput, input);
  return decide(scope, data.id, NewCustomerReviewState.Approved, data.note ?? null);
}

/** A reviewer finds a PENDING new customer fake (seed 003 §3): it never earns credit. */
export async function rejectNewCustomer(scope: Scope, input: unknown): Promise<NewCustomerReview> {
  const data = parseInput(rejectInput, input);
  return decide(scope, data.id, NewCustomerReviewState.Rejected, data.reason);
}
