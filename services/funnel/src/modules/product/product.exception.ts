import { DomainException, ErrorCodes } from '@crm/platform';

/** Why catalogue input is refused; stable, clients branch on them. */
export type ProductRefusal = 'INVALID_MONEY' | 'NEGATIVE_PRICE' | 'INVALID_VALIDITY' | 'INVALID_ATTACHMENT' | 'DUPLICATE_ENTRY';

export class InvalidProductInputException extends DomainException {
  constructor(field: string, reason: ProductRefusal, message: string) {
    super(ErrorCodes.BadUserInput, `${field}: ${message}`, { reason, field });
  }
}

/** What is unique in the catalogue: a SKU, a product line's code, a category's name. */
export type CatalogueDuplicate = 'DUPLICATE_SKU' | 'DUPLICATE_PRODUCT_LINE' | 'DUPLICATE_CATEGORY';

export class CatalogueConflictException extends DomainException {
  constructor(field: string, reason: CatalogueDuplicate, message: string) {
    super(ErrorCodes.Conflict, `${field}: ${message}`, { reason, field });
  }
}

export type CatalogueRecord = 'UNKNOWN_PRODUCT' | 'UNKNOWN_PRODUCT_LINE' | 'UNKNOWN_CATEGORY' | 'UNKNOWN_PRICE_BOOK';

export class CatalogueNotFoundException extends DomainException {
  constructor(field: string, reason: CatalogueRecord, id: string) {
    super(ErrorCodes.NotFound, `${field}: there is no ${RECORD_NAMES[reason]} ${id}.`, { reason, field });
  }
}

const RECORD_NAMES: Record<CatalogueRecord, string> = {
  UNKNOWN_PRODUCT: 'product',
  UNKNOWN_PRODUCT_LINE: 'product line',
  UNKNOWN_CATEGORY: 'product category',
  UNKNOWN_PRICE_BOOK: 'price book',
};

/** One customer group (or the general list) has one price book on any day, so which price applies is never a guess. */
export class OverlappingPriceBookException extends DomainException {
  constructor(overlapping: { id: string; name: string; validFrom: string; validTo: string }) {
    super(
      ErrorCodes.BadUserInput,
      `validFrom: the dates overlap price book ${overlapping.name} (${overlapping.validFrom} to ${overlapping.validTo}) for the same customers; choose dates outside it.`,
      { reason: 'OVERLAPPING_PRICE_BOOK', field: 'validFrom', priceBookId: overlapping.id },
    );
  }
}
