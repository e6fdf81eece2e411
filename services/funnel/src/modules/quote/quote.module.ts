import { defineModule } from '@crm/platform';
import { quoteMigrations } from './migrations';
import { QuoteLineSchema, QuoteSchema } from './quote.entity';
import { quoteResolvers } from './quote.resolvers';

/**
 * FUN-11's quotes: drafted from an opportunity with discounted lines priced from the price book,
 * valid until a day, sent, accepted (becoming an order) or rejected, and printed from PDF-ready data.
 */
export const quoteModule = defineModule({
  name: 'quote',
  entities: [QuoteSchema, QuoteLineSchema],
  migrations: quoteMigrations,
  resolvers: [quoteResolvers],
});
