import { auditTrailResolver, parseId, parsePageArgs } from '@crm/platform';
import type { Context } from '../../context';
import type { Resolvers } from '../../generated/graphql';
import { quoteDocument } from './quote-document';
import { discountPercentOf } from './quote-lines';
import { acceptQuote, createQuote, listQuotes, rejectQuote, sendQuote, statusOf, updateQuote } from './quote.service';

const loadedProduct = async ({ loaders }: Context, id: string) => (await loaders.product.load(id))!;

export const quoteResolvers: Resolvers = {
  Query: {
    quote: (_root, { id }, { loaders }) => loaders.quote.load(parseId(id)),
    quotes: (_root, { filter, ...args }, context) => listQuotes(context, parsePageArgs(args), filter),
    quoteDocument: (_root, { id }, context) => quoteDocument(context, id),
    quoteAuditTrail: auditTrailResolver('Quote', (context: Context, id) => context.loaders.quote.load(id)),
  },
  Mutation: {
    createQuote: (_root, { input }, context) => createQuote(context, input),
    updateQuote: (_root, { input }, context) => updateQuote(context, input),
    sendQuote: (_root, args, context) => sendQuote(context, args),
    rejectQuote: (_root, args, context) => rejectQuote(context, args),
    acceptQuote: (_root, args, context) => acceptQuote(context, args),
  },
  Quote: {
    __resolveReference: (ref, { loaders }) => loaders.quote.load(ref.id),
    status: (quote, _args, { clock }) => statusOf(quote, clock),
    opportunity: async (quote, _args, { loaders }) => (await loaders.opportunity.load(quote.opportunityId))!,
    customer: (quote) => ({ id: quote.customerId }),
    lines: (quote, _args, { loaders }) => loaders.quoteLines.load(quote.id),
    createdBy: (quote) => ({ id: quote.createdById }),
    order: (quote, _args, { loaders }) => (quote.orderId ? loaders.order.load(quote.orderId) : null),
  },
  QuoteLine: {
    product: (line, _args, context) => loadedProduct(context, line.productId),
    discountPercent: (line) => discountPercentOf(line),
  },
  QuoteDocument: {
    buyer: (document) => ({ id: document.customerId }),
  },
  Opportunity: {
    quotes: (opportunity, args, { loaders }) => loaders.quotesByOpportunity.connection(opportunity.id, args),
  },
};
