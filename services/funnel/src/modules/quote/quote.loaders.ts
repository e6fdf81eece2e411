import { entityLoader, PageLoader, type Actor, type RowCondition } from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';
import DataLoader from 'dataloader';
import { visibleOpportunities } from '../opportunity';
import { Quote, QuoteLine } from './quote.entity';

/** ORG-2: a quote is seen as its opportunity is — by its owner, their managers up the org tree, admins. */
export function visibleQuotes(actor: Actor | null): RowCondition {
  const opportunities = visibleOpportunities(actor);
  return { sql: `opportunity_id in (select id from opportunity where ${opportunities.sql})`, params: opportunities.params };
}

/** Every way to read quotes goes through the actor's visibility, one statement per batch. */
export function createQuoteLoaders(em: EntityManager, actor: Actor | null) {
  const visible = visibleQuotes(actor);
  return {
    quote: entityLoader(em, Quote, visible),
    quotesByOpportunity: new PageLoader(em, Quote, 'opportunity_id', visible),
    /** Only asked for quotes already read through the visibility above. */
    quoteLines: new DataLoader<string, QuoteLine[]>(async (quoteIds) => {
      const lines = await em.find(QuoteLine, { quoteId: { $in: [...quoteIds] } }, { orderBy: { quoteId: 'asc', lineNo: 'asc' } });
      return quoteIds.map((id) => lines.filter((line) => line.quoteId === id));
    }),
  };
}
