import { DomainException, ErrorCodes } from '@crm/platform';

export class CustomerNotFoundException extends DomainException {
  constructor(id: string) {
    super(ErrorCodes.NotFound, `No customer with id ${id} that you can see.`, { reason: 'CUSTOMER_NOT_FOUND' });
  }
}

/** An identity key that breaks its rule (CUS-2); `rule` says which, e.g. USCC_CHECK_DIGIT. */
export class InvalidIdentityKeyException extends DomainException {
  constructor(field: string, kind: string, rule: string, message: string) {
    super(ErrorCodes.BadUserInput, `${field}: ${message}`, { reason: 'INVALID_IDENTITY_KEY', rule, kind, field });
  }
}

/**
 * Another customer already has this key (CUS-3, exact match). Someone who may see that customer is
 * told which one; anyone else only whose it is, so they can ask rather than re-enter it.
 */
export class DuplicateCustomerKeyException extends DomainException {
  constructor(kind: string, existing: { id: string; name: string } | null, ownerName: string | null, ownerUnit: string | null) {
    const whose = ownerName ? `${ownerName} (${ownerUnit})` : 'someone else';
    super(
      ErrorCodes.Conflict,
      existing
        ? `A customer with this ${kind} already exists: ${existing.name} (${existing.id}). Open it instead of creating another.`
        : `A customer with this ${kind} already exists, owned by ${whose}. Ask them, or their manager, to share or hand it over.`,
      { reason: 'DUPLICATE_CUSTOMER_KEY', kind, existingCustomerId: existing?.id ?? null, ownerName, ownerUnit },
    );
  }
}
