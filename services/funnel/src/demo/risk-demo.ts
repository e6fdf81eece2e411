import type { Scope } from '@crm/platform';
import { NewCustomerReviewState, NewCustomerRiskCode } from '../generated/graphql';
import type { Lead } from '../modules/lead';
import { NewCustomerReview, publishReview } from '../modules/risk-review';

const MINUTE_MS = 60_000;

/**
 * FUN-9 in the demo: the converted leads' customers as risk control would have left them — most
 * CLEARED two hours after the lead came in, every fourth converted within minutes and waiting in
 * the managers' queue — published, so appraisal's credit shows both.
 */
export function seedDemoNewCustomerReviews(scope: Scope, convertedLeads: readonly Lead[]): void {
  convertedLeads.forEach((lead, i) => {
    const suspicious = i % 4 === 0;
    const minutes = suspicious ? 3 : 120;
    const review = scope.em.create(NewCustomerReview, {
      customerId: lead.customerId!,
      leadId: lead.id,
      ownerId: lead.ownerId,
      convertedById: lead.ownerId,
      state: suspicious ? NewCustomerReviewState.Pending : NewCustomerReviewState.Cleared,
      findings: suspicious ? [{ code: NewCustomerRiskCode.FastConversion, message: `Converted ${minutes} minutes after it was entered; under 10 is implausible.`, evidenceIds: [lead.id] }] : [],
      createdAt: new Date(lead.createdAt.getTime() + minutes * MINUTE_MS),
    });
    publishReview(scope, review);
  });
}
