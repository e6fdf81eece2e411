import { DomainException, ErrorCodes } from '@crm/platform';
import type { CreditLimitFigures } from './order.entity';

/** Why order input is refused; stable, clients branch on them. */
export type OrderInputRefusal = 'INVALID_QUANTITY' | 'INVALID_PARTY' | 'INVALID_ATTACHMENT' | 'NEGATIVE_PRICE' | 'INVALID_MONEY' | 'NOT_TEAM_MEMBER' | 'NOT_TEAM_CUSTOMER';

export class InvalidOrderInputException extends DomainException {
  constructor(field: string, reason: OrderInputRefusal, message: string) {
    super(ErrorCodes.BadUserInput, `${field}: ${message}`, { reason, field });
  }
}

/** The same answer for an order that does not exist and one the actor may not see. */
export class OrderNotFoundException extends DomainException {
  constructor(id: string, field = 'id') {
    super(ErrorCodes.NotFound, `No order ${id} that you can see.`, { reason: 'ORDER_NOT_FOUND', field });
  }
}

export class OrderLineNotFoundException extends DomainException {
  constructor(id: string, field = 'lineId') {
    super(ErrorCodes.NotFound, `No order line ${id} that you can see.`, { reason: 'ORDER_LINE_NOT_FOUND', field });
  }
}

/** A step the order's status does not allow (placing a shipped order, shipping a draft…). */
export class OrderStatusException extends DomainException {
  constructor(number: string, status: string, wanted: string) {
    super(ErrorCodes.Conflict, `Order ${number} is ${status}; it must be ${wanted} for that.`, { reason: 'ORDER_STATUS', status });
  }
}

export class OrderHasPaymentsException extends DomainException {
  constructor(number: string, paid: string) {
    super(ErrorCodes.Conflict, `Order ${number} has ${paid} paid against it, so it cannot be cancelled; return its goods instead.`, { reason: 'ORDER_HAS_PAYMENTS', paidAmount: paid });
  }
}

/**
 * CUS-4 under the REFUSE policy: the figures of every limit exceeded travel with the refusal, so the
 * person entering the order sees by how much, and against whose limit.
 */
export class CreditLimitExceededException extends DomainException {
  constructor(orderAmount: string, exceeded: readonly CreditLimitFigures[]) {
    const what = exceeded.map((check) => `${check.scope === 'GROUP' ? "its group's" : 'its'} limit ${check.limit} (open ${check.exposure}, ${check.exposureAfter} with this order)`);
    super(ErrorCodes.Conflict, `The bill-to party would exceed ${what.join(' and ')}; the order of ${orderAmount} stays a draft. Ask a manager to raise the limit, or wait for payments.`, {
      reason: 'CREDIT_LIMIT_EXCEEDED',
      orderAmount,
      limits: exceeded,
    });
  }
}
