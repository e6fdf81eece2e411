import { Events, type EventConsumer } from '@crm/events';
import { createScope } from '@crm/platform';
import { NewCustomerReviewState, NewCustomerRiskCode } from '../../generated/graphql';
import { NewCustomerReview } from './risk-review.entity';
import { publishReview } from './risk-review.service';

/**
 * A conversion's new customer that customers did not create, because another customer already
 * held its key (funnel's replica of the keys had not caught up): there is no new customer to
 * credit. Its review is REJECTED by the system, at the time of the event, with the finding naming
 * the holder. One already REJECTED is left as it is, so a redelivery changes nothing.
 */
export const conversionLinkConsumer: EventConsumer = {
  name: 'risk-review-conversion-link',
  handlers: {
    [Events.CustomerConversionLinked]: async (em, { customerId, existingCustomerId }, envelope) => {
      const review = await em.findOne(NewCustomerReview, { customerId });
      if (!review || review.state === NewCustomerReviewState.Rejected) return;
      const scope = createScope({ subgraph: 'funnel', em, actor: null, clock: { now: () => new Date(envelope.time) } });
      const before = { state: review.state };
      Object.assign(review, {
        state: NewCustomerReviewState.Rejected,
        findings: [...review.findings, { code: NewCustomerRiskCode.DuplicateCustomer, message: 'Customers found its key already held by another customer and did not create it.', evidenceIds: [existingCustomerId] }],
        decidedById: null,
        decidedAt: scope.clock.now(),
        decisionNote: `Not a new customer: customer ${existingCustomerId} already holds its key.`,
        revision: review.revision + 1,
      });
      publishReview(scope, review);
      scope.audit({ subjectType: 'NewCustomerReview', subjectId: review.id, action: 'new_customer.rejected', before, after: { state: review.state, customerId, existingCustomerId }, reason: review.decisionNote });
      await em.flush();
    },
  },
};
