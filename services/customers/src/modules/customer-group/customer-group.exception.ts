import { DomainException, ErrorCodes } from '@crm/platform';

const named = (customer: { id: string; name: string }) => `${customer.name} (${customer.id})`;

/** The parent is the customer itself or one of its descendants. */
export class CustomerHierarchyCycleException extends DomainException {
  constructor(customer: { id: string; name: string }, parent: { id: string; name: string }) {
    super(
      ErrorCodes.BadUserInput,
      customer.id === parent.id
        ? `${named(customer)} cannot be its own parent.`
        : `${named(parent)} is under ${named(customer)}, so it cannot also be its parent; move it elsewhere first.`,
      { reason: 'CUSTOMER_HIERARCHY_CYCLE', field: 'parentId', customerId: customer.id, parentId: parent.id },
    );
  }
}

/** A party of an order default outside the customer's group. */
export class OrderPartyOutsideGroupException extends DomainException {
  constructor(field: string, customer: { id: string; name: string }, party: { id: string; name: string }) {
    super(ErrorCodes.BadUserInput, `${field}: ${named(party)} is not in the group of ${named(customer)}; choose the customer itself or a customer of its group.`, {
      reason: 'ORDER_PARTY_OUTSIDE_GROUP',
      field,
      customerId: customer.id,
      partyId: party.id,
    });
  }
}

/** The figures of a refused credit limit, all as exact CNY strings. */
export interface GroupCreditFigures {
  groupLimit: string;
  allocated: string;
  requested: string;
  wouldBe: string;
}

/** The members of a group would be granted more than the group limit. */
export class GroupCreditExceededException extends DomainException {
  constructor(group: { id: string; name: string }, message: string, figures: GroupCreditFigures) {
    super(ErrorCodes.BadUserInput, message, { reason: 'GROUP_CREDIT_EXCEEDED', groupId: group.id, groupName: group.name, ...figures });
  }
}

/** A GROUP limit belongs to a group's top customer. */
export class GroupLimitNotOnTopException extends DomainException {
  constructor(customer: { id: string; name: string }, top: { id: string; name: string } | null) {
    super(
      ErrorCodes.BadUserInput,
      `${named(customer)} is not the top of its group${top ? `; set the group limit on ${named(top)}` : ''}.`,
      { reason: 'GROUP_LIMIT_NOT_ON_TOP', field: 'customerId', customerId: customer.id },
    );
  }
}

/** A customer holding a group's limit cannot go under another customer until the limit is removed. */
export class GroupLimitOnMovedTopException extends DomainException {
  constructor(customer: { id: string; name: string }, limit: string) {
    super(
      ErrorCodes.BadUserInput,
      `${named(customer)} holds a group credit limit of ${limit}; remove it (setCreditLimit scope GROUP, limit null) before placing it under another customer.`,
      { reason: 'GROUP_LIMIT_ON_MOVED_TOP', field: 'customerId', customerId: customer.id, groupLimit: limit },
    );
  }
}

export class NegativeCreditLimitException extends DomainException {
  constructor(limit: string) {
    super(ErrorCodes.BadUserInput, `limit: ${limit} is negative; a credit limit is "0.00" or more, or null for none.`, { field: 'limit', reason: 'NEGATIVE_CREDIT_LIMIT' });
  }
}
