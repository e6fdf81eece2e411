import { entityLoader } from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';
import { Opportunity } from '../opportunity';

/**
 * The pool shows an opportunity's summary to whoever may claim it, past the opportunity's own
 * visibility: only asked for entries already read through the pool's rules.
 */
export function createPoolLoaders(em: EntityManager) {
  return { pooledOpportunity: entityLoader(em, Opportunity) };
}
