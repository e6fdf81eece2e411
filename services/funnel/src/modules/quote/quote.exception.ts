import { DomainException, ErrorCodes } from '@crm/platform';

/** Why quote input is refused; stable, clients branch on them. */
export type QuoteInputRefusal = 'INVALID_QUANTITY' | 'INVALID_DISCOUNT' | 'INVALID_VALIDITY';

export class InvalidQuoteInputException extends DomainException {
  constructor(field: string, reason: QuoteInputRefusal, message: string) {
    super(ErrorCodes.BadUserInput, `${field}: ${message}`, { reason, field });
  }
}

/** The same answer for a quote that does not exist and one the actor may not see. */
export class QuoteNotFoundException extends DomainException {
  constructor(id: string) {
    super(ErrorCodes.NotFound, `No quote ${id} that you can see.`, { reason: 'QUOTE_NOT_FOUND', field: 'id' });
  }
}

/** The same answer for an opportunity that does not exist and one the actor may not see. */
export class QuoteOpportunityNotFoundException extends DomainException {
  constructor(id: string) {
    super(ErrorCodes.NotFound, `No opportunity ${id} that you can see.`, { reason: 'OPPORTUNITY_NOT_FOUND', field: 'opportunityId' });
  }
}

/** A won or lost opportunity is settled: there is nothing left to quote for. */
export class QuoteOpportunityClosedException extends DomainException {
  constructor(id: string, status: string) {
    super(ErrorCodes.Conflict, `Opportunity ${id} is ${status}; only an open one is quoted for.`, { reason: 'OPPORTUNITY_CLOSED', field: 'opportunityId', status });
  }
}

/** A step the quote's status does not allow: changing or sending one already sent, accepting one settled. */
export class QuoteStatusException extends DomainException {
  constructor(number: string, status: string, reason: 'QUOTE_NOT_DRAFT' | 'QUOTE_NOT_OPEN', wanted: string) {
    super(ErrorCodes.Conflict, `Quote ${number} is ${status}; it must be ${wanted} for that.`, { reason, status });
  }
}

/** Past its validity the customer holds no offer: the rep drafts a new quote, or extends a draft's validUntil. */
export class QuoteExpiredException extends DomainException {
  constructor(number: string, validUntil: string) {
    super(ErrorCodes.Conflict, `Quote ${number} was valid until ${validUntil}; give it a new validUntil (a draft) or draft a new quote.`, { reason: 'QUOTE_EXPIRED', validUntil });
  }
}
