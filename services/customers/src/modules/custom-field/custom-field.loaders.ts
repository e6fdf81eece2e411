import type { Actor } from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';
import DataLoader from 'dataloader';
import type { CustomerKind, CustomFieldType } from '../../generated/graphql';
import { CustomFieldDefinition, type CustomFieldValue } from './custom-field.entity';
import { findCustomFieldDefinitions } from './custom-field.service';

interface ValueRow {
  customer_id: string;
  key: string;
  label: string;
  type: CustomFieldType;
  required: boolean;
  applies_to: CustomerKind[];
  options: string[];
  created_at: Date;
  text_value: string | null;
  number_value: string | null;
  date_value: string | null;
  choices: string[] | null;
}

const definitionOf = (row: ValueRow): CustomFieldDefinition =>
  Object.assign(new CustomFieldDefinition(), {
    key: row.key,
    label: row.label,
    type: row.type,
    required: row.required,
    appliesTo: row.applies_to,
    options: row.options,
    createdAt: row.created_at,
    retiredAt: null,
  });

/**
 * Custom fields of a batch of customers, one statement per batch (never one per customer): their
 * values of the fields in use, each with its field. Only asked about customers already loaded
 * through the customer loader's visibility (ORG-2).
 */
export function createCustomFieldLoaders(em: EntityManager, _actor: Actor | null) {
  let definitions: Promise<CustomFieldDefinition[]> | null = null;
  return {
    customFieldValues: new DataLoader<string, CustomFieldValue[]>(async (ids) => {
      const rows = (await em.getConnection().execute(
        `select v.customer_id, d.key, d.label, d.type, d.required, d.applies_to, d.options, d.created_at,
                v.text_value, v.number_value::text as number_value, to_char(v.date_value, 'YYYY-MM-DD') as date_value, v.choices
           from customer_custom_value v join custom_field_definition d on d.key = v.field_key
          where v.customer_id in (?) and d.retired_at is null
          order by d.position`,
        [[...ids]],
      )) as ValueRow[];
      const byCustomer = new Map<string, CustomFieldValue[]>(ids.map((id) => [id, []]));
      for (const row of rows) {
        byCustomer.get(row.customer_id)?.push({ definition: definitionOf(row), text: row.text_value, number: row.number_value, date: row.date_value, choices: row.choices });
      }
      return ids.map((id) => byCustomer.get(id) ?? []);
    }),
    /** The fields in use, read once per request. */
    activeCustomFieldDefinitions: (): Promise<CustomFieldDefinition[]> =>
      (definitions ??= findCustomFieldDefinitions(em, false)),
  };
}

export type CustomFieldLoaders = ReturnType<typeof createCustomFieldLoaders>;
