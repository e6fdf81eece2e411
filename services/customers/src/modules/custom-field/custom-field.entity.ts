import { EntitySchema } from '@mikro-orm/core';
import type { CustomFieldType, CustomerKind } from '../../generated/graphql';

/**
 * A field admins defined for customers (CUS-1). Its key is its identity: unique, never reused, and
 * what values and audit entries refer to. A retired field keeps its values for history but is no
 * longer shown, required or writable.
 */
export class CustomFieldDefinition {
  key!: string;
  label!: string;
  type!: CustomFieldType;
  required!: boolean;
  appliesTo!: CustomerKind[];
  /** The options of a choice field, in order; empty for other types. */
  options!: string[];
  createdAt!: Date;
  retiredAt: Date | null = null;
}

export const CustomFieldDefinitionSchema = new EntitySchema<CustomFieldDefinition>({
  class: CustomFieldDefinition,
  tableName: 'custom_field_definition',
  properties: {
    key: { type: 'string', primary: true },
    label: { type: 'string' },
    type: { type: 'string' },
    required: { type: 'boolean' },
    appliesTo: { type: 'string[]' },
    options: { type: 'string[]' },
    createdAt: { type: 'datetime' },
    retiredAt: { type: 'datetime', nullable: true },
  },
});

/**
 * One customer's value of one field: exactly one part is set, the one of the field's type. Written
 * and read with SQL of its own (custom-field.service.ts, custom-field.loaders.ts) so a number stays
 * an exact decimal string and a date a calendar date, never a JS number or a Date in some timezone.
 */
export class CustomerCustomValue {
  customerId!: string;
  fieldKey!: string;
  textValue: string | null = null;
  /** numeric, as its exact decimal text. */
  numberValue: string | null = null;
  /** YYYY-MM-DD. */
  dateValue: string | null = null;
  choices: string[] | null = null;
}

export const CustomerCustomValueSchema = new EntitySchema<CustomerCustomValue>({
  class: CustomerCustomValue,
  tableName: 'customer_custom_value',
  properties: {
    customerId: { type: 'uuid', primary: true },
    fieldKey: { type: 'string', primary: true },
    textValue: { type: 'text', nullable: true },
    numberValue: { type: 'string', columnType: 'numeric', nullable: true },
    dateValue: { type: 'string', columnType: 'date', nullable: true },
    choices: { type: 'string[]', nullable: true },
  },
});

/** Customer.customFields: a value with its field. */
export interface CustomFieldValue {
  definition: CustomFieldDefinition;
  text: string | null;
  number: string | null;
  date: string | null;
  choices: string[] | null;
}
