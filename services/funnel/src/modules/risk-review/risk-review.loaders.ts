import { type Actor, type RowCondition } from '@crm/platform';
import { visibleOwnerConditionFor } from '@crm/identity/replica';
import type { EntityDictionary, EntityManager } from '@mikro-orm/core';
import DataLoader from 'dataloader';
import { NewCustomerReview } from './risk-review.entity';
import { riskReviewPermissions } from './risk-review.permissions';

/** Reviews are seen by reviewers who reach the credited rep (ORG-2); by nobody else, the rep included. */
export function reviewsVisibleTo(actor: Actor | null): RowCondition {
  if (!actor || !riskReviewPermissions.can(actor, 'new_customer.review')) return { sql: 'false', params: [] };
  // A manager who converts a lead themselves does not review their own new customer.
  const reach = visibleOwnerConditionFor(actor, 'owner_id');
  return { sql: `(${reach.sql}) and owner_id <> ?`, params: [...reach.params, actor.userId] };
}

export function createRiskReviewLoaders(em: EntityManager, actor: Actor | null) {
  const visible = reviewsVisibleTo(actor);
  return {
    newCustomerReviewByCustomer: new DataLoader<string, NewCustomerReview | null>(async (customerIds) => {
      const rows = (await em.getConnection().execute(`select * from new_customer_review where customer_id in (?) and (${visible.sql})`, [[...customerIds], ...visible.params])) as EntityDictionary<NewCustomerReview>[];
      const byCustomer = new Map(rows.map((row) => em.map(NewCustomerReview, row)).map((review) => [review.customerId, review]));
      return customerIds.map((id) => byCustomer.get(id) ?? null);
    }),
  };
}
