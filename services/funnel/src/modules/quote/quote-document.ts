import { chineseUppercase, parseId, shanghaiDate, type Money, type Scope } from '@crm/platform';
import type { QuoteStatus } from '../../generated/graphql';
import { Product } from '../product';
import { discountPercentOf } from './quote-lines';
import { QuoteLine, type Quote } from './quote.entity';
import { requireVisibleQuote, statusOf } from './quote.service';

/** The seller printed on every quote: one company runs this CRM, so it is configuration (QUOTE_SELLER_NAME), not data. */
const DEFAULT_SELLER = 'CRM 演示有限公司';
const sellerName = (): string => process.env.QUOTE_SELLER_NAME?.trim() || DEFAULT_SELLER;

export interface QuoteDocumentLine {
  lineNo: number;
  mainLineNo: number | null;
  sku: string;
  productName: string;
  unit: string;
  quantity: number;
  bookPrice: Money;
  discountPercent: string | null;
  netUnitPrice: Money;
  amount: Money;
}

/** What a printed quote shows, ready for a PDF template: nothing left to compute or look up but the buyer's name. */
export interface QuoteDocument {
  seller: string;
  customerId: string;
  number: string;
  status: QuoteStatus;
  issueDate: string;
  validUntil: string;
  note: string | null;
  lines: QuoteDocumentLine[];
  subtotal: Money;
  discountTotal: Money;
  total: Money;
  totalInWords: string;
}

function documentLine(line: QuoteLine, product: Product): QuoteDocumentLine {
  return {
    lineNo: line.lineNo,
    mainLineNo: line.mainLine === null ? null : line.mainLine + 1,
    sku: product.sku,
    productName: product.name,
    unit: product.unit,
    quantity: line.quantity,
    bookPrice: line.bookPrice,
    discountPercent: discountPercentOf(line),
    netUnitPrice: line.netUnitPrice,
    amount: line.amount,
  };
}

function documentOf(scope: Scope, quote: Quote, lines: readonly QuoteLine[], products: ReadonlyMap<string, Product>): QuoteDocument {
  return {
    seller: sellerName(),
    customerId: quote.customerId,
    number: quote.number,
    status: statusOf(quote, scope.clock),
    issueDate: shanghaiDate(quote.sentAt ?? scope.clock.now()),
    validUntil: quote.validUntil,
    note: quote.note,
    lines: lines.map((line) => documentLine(line, products.get(line.productId)!)),
    subtotal: quote.subtotal,
    discountTotal: quote.discountTotal,
    total: quote.total,
    totalInWords: chineseUppercase(quote.total),
  };
}

/** FUN-11's PDF-ready quote, for one the actor sees (else NOT_FOUND, QUOTE_NOT_FOUND). */
export async function quoteDocument(scope: Scope, id: string): Promise<QuoteDocument> {
  const quote = await requireVisibleQuote(scope, parseId(id));
  const lines = await scope.em.find(QuoteLine, { quoteId: quote.id }, { orderBy: { lineNo: 'asc' } });
  const products = await scope.em.find(Product, { id: { $in: lines.map((line) => line.productId) } });
  return documentOf(scope, quote, lines, new Map(products.map((product) => [product.id, product])));
}
