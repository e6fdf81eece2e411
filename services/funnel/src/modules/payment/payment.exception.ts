import { DomainException, ErrorCodes, type Money } from '@crm/platform';

/** Why a payment is refused; stable, clients branch on them. */
export type PaymentRefusal = 'INVALID_AMOUNT' | 'INVALID_DATE' | 'INVALID_ALLOCATION' | 'ALLOCATION_EXCEEDS_OPEN' | 'ALLOCATIONS_EXCEED_PAYMENT';

export class InvalidPaymentException extends DomainException {
  constructor(field: string, reason: PaymentRefusal, message: string, figures: Record<string, string> = {}) {
    super(ErrorCodes.BadUserInput, `${field}: ${message}`, { reason, field, ...figures });
  }
}

/**
 * Money beyond what the payer owes is never applied silently: whoever records it says where it
 * goes, or that the rest stays on account.
 */
export class PaymentExceedsOpenAmountException extends DomainException {
  constructor(amount: Money, openAmount: Money) {
    const excess = amount.minus(openAmount);
    super(
      ErrorCodes.BadUserInput,
      `amount: ${amount.toString()} is ${excess.toString()} more than the ${openAmount.toString()} the payer's open orders owe; choose the orders it settles with allocations (the rest is kept on account), or give allocations: [] to keep it all on account.`,
      { reason: 'PAYMENT_EXCEEDS_OPEN_AMOUNT', field: 'amount', amount: amount.toString(), openAmount: openAmount.toString(), excess: excess.toString() },
    );
  }
}
