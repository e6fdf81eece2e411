export { quoteModule } from './quote.module';
export { Quote, QuoteLine } from './quote.entity';
export { createQuoteLoaders } from './quote.loaders';
export type { QuoteDocument, QuoteDocumentLine } from './quote-document';
