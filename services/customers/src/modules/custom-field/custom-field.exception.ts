import { DomainException, ErrorCodes } from '@crm/platform';

/** A key defined before (retired keys included: a key is never reused). */
export class CustomFieldKeyTakenException extends DomainException {
  constructor(key: string, retired: boolean) {
    super(ErrorCodes.Conflict, `key: a custom field "${key}" already exists${retired ? ' (retired; keys are never reused)' : ''}; choose another key.`, {
      reason: 'CUSTOM_FIELD_KEY_TAKEN',
      field: 'key',
      key,
    });
  }
}

/** No field with this key, or a retired one where only fields in use will do. */
export class UnknownCustomFieldException extends DomainException {
  constructor(field: string, key: string, retired: boolean) {
    super(
      ErrorCodes.BadUserInput,
      retired ? `${field}: the custom field "${key}" is retired; it can no longer be used.` : `${field}: there is no custom field "${key}"; see customFieldDefinitions.`,
      { reason: retired ? 'CUSTOM_FIELD_RETIRED' : 'UNKNOWN_CUSTOM_FIELD', rule: retired ? 'FIELD_RETIRED' : 'FIELD_UNKNOWN', field, key },
    );
  }
}

/** A definition that breaks a rule (options of a text field, a retired field changed, …). */
export class InvalidCustomFieldDefinitionException extends DomainException {
  constructor(field: string, rule: string, message: string) {
    super(ErrorCodes.BadUserInput, `${field}: ${message}`, { reason: 'INVALID_CUSTOM_FIELD_DEFINITION', rule, field });
  }
}

/** Options that customers still have chosen cannot be removed. */
export class CustomFieldOptionInUseException extends DomainException {
  constructor(key: string, inUse: { option: string; customers: number }[]) {
    const listed = inUse.map(({ option, customers }) => `"${option}" (${customers} customer${customers === 1 ? '' : 's'})`).join(', ');
    super(ErrorCodes.BadUserInput, `options: ${listed} of "${key}" still chosen; change those customers' values before removing the option.`, {
      reason: 'CUSTOM_FIELD_OPTION_IN_USE',
      rule: 'OPTION_IN_USE',
      field: 'options',
      key,
      inUse,
      customers: inUse.reduce((sum, { customers }) => sum + customers, 0),
    });
  }
}

/** A value that breaks its field's rule; `field` is `values.N.<part>` (or a filter argument) and `rule` says which. */
export class InvalidCustomFieldValueException extends DomainException {
  constructor(field: string, key: string, rule: string, message: string) {
    super(ErrorCodes.BadUserInput, `${field}: ${message}`, { reason: 'INVALID_CUSTOM_FIELD_VALUE', rule, field, key });
  }
}
