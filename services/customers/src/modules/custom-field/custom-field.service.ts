import { createScope, fields, findPage, InputException, parseInput, parsePageArgs, requireActor, type Actor, type Connection, type RowCondition, type Scope } from '@crm/platform';
import { LockMode, UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import { z } from 'zod';
import { CustomerKind, CustomFieldType } from '../../generated/graphql';
import { Customer, CustomerNotFoundException, listedCustomers, type CustomerFilterExtension } from '../customer';
import { CustomFieldDefinition } from './custom-field.entity';
import {
  CustomFieldKeyTakenException,
  CustomFieldOptionInUseException,
  InvalidCustomFieldDefinitionException,
  InvalidCustomFieldValueException,
  UnknownCustomFieldException,
} from './custom-field.exception';
import { customFieldPermissions } from './custom-field.permissions';

type FindVisible = (id: string) => Promise<Customer | null>;

const CHOICE_TYPES: readonly CustomFieldType[] = [CustomFieldType.SingleChoice, CustomFieldType.MultiChoice];
export const isChoiceField = (definition: { type: CustomFieldType }): boolean => CHOICE_TYPES.includes(definition.type);

/** The limits of values, stated once. */
export const CUSTOM_FIELD_RULES = {
  maxTextLength: 1000,
  maxOptions: 100,
  maxOptionLength: 40,
  maxLabelLength: 40,
  /** Digits before and after the point of a NUMBER value (PostgreSQL numeric holds them exactly). */
  maxIntegerDigits: 20,
  maxFractionDigits: 10,
  maxValuesPerWrite: 100,
} as const;

const KEY_PATTERN = /^[a-z][a-z0-9_]{1,39}$/;
const keyField = z
  .string()
  .regex(KEY_PATTERN, 'must be lower_snake_case: a lower-case letter, then lower-case letters, digits or _, 2 to 40 characters in all');
const labelField = fields
  .text(CUSTOM_FIELD_RULES.maxLabelLength)
  .refine((label) => /\p{Script=Han}/u.test(label), 'must be Chinese text (at least one Chinese character), as the apps show it');
const optionsField = z
  .array(fields.text(CUSTOM_FIELD_RULES.maxOptionLength))
  .min(1, 'a choice field needs at least 1 option')
  .max(CUSTOM_FIELD_RULES.maxOptions, `must have at most ${CUSTOM_FIELD_RULES.maxOptions} options`)
  .superRefine((options, context) => {
    const seen = new Set<string>();
    options.forEach((option, index) => {
      if (seen.has(option)) context.addIssue({ code: 'custom', path: [index], message: `"${option}" is given twice; options must be distinct` });
      seen.add(option);
    });
  });

const defineInput = z.object({
  key: keyField,
  label: labelField,
  type: z.enum(CustomFieldType),
  required: z.boolean().nullish(),
  appliesTo: z.array(z.enum(CustomerKind)).min(1, 'must name at least one customer kind'),
  options: optionsField.nullish(),
});

const updateInput = z.object({
  key: keyField,
  label: labelField.nullish(),
  required: z.boolean().nullish(),
  options: optionsField.nullish(),
});

const valuesInput = z.object({
  customerId: fields.id('customerId'),
  values: z
    .array(
      z.object({
        key: z.string(),
        text: z.string().nullish(),
        number: z.string().nullish(),
        date: z.string().nullish(),
        choices: z.array(z.string()).nullish(),
      }),
    )
    .min(1, 'must hold at least one value')
    .max(CUSTOM_FIELD_RULES.maxValuesPerWrite, `must hold at most ${CUSTOM_FIELD_RULES.maxValuesPerWrite} values`),
});

/** What the audit trail keeps of a definition. */
const definitionSnapshot = (definition: CustomFieldDefinition) => ({
  label: definition.label,
  type: definition.type,
  required: definition.required,
  appliesTo: definition.appliesTo,
  options: definition.options,
});

/** A text[] parameter as a PostgreSQL array literal (knex would spread a JS array into a list), every element quoted. */
export const textArray = (values: readonly string[] | null): string | null =>
  values === null ? null : `{${values.map((value) => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;

async function query<T>(em: EntityManager, sql: string, params: unknown[] = []): Promise<T[]> {
  return (await em.getConnection().execute(sql, params, 'all', em.getTransactionContext())) as T[];
}

// ————————————————————————————— definitions —————————————————————————————

/** CUS-1: an admin defines a field. Its key is unique for ever (a retired key is not reused). */
export async function defineCustomField(scope: Scope, input: unknown): Promise<CustomFieldDefinition> {
  const actor = requireActor(scope.actor);
  const data = parseInput(defineInput, input);
  customFieldPermissions.require(actor, 'custom_field.define');
  const choice = isChoiceField(data);
  if (choice && !data.options) throw new InvalidCustomFieldDefinitionException('options', 'OPTIONS_REQUIRED', `a ${data.type} field needs its options: 1 to ${CUSTOM_FIELD_RULES.maxOptions} distinct texts`);
  if (!choice && data.options?.length) throw new InvalidCustomFieldDefinitionException('options', 'OPTIONS_NOT_ALLOWED', `a ${data.type} field has no options; give options only for SINGLE_CHOICE and MULTI_CHOICE`);
  const existing = await scope.em.findOne(CustomFieldDefinition, { key: data.key });
  if (existing) throw new CustomFieldKeyTakenException(data.key, existing.retiredAt !== null);
  const definition = scope.em.create(CustomFieldDefinition, {
    key: data.key,
    label: data.label,
    type: data.type,
    required: data.required ?? false,
    appliesTo: [...new Set(data.appliesTo)].sort(),
    options: choice ? data.options! : [],
    createdAt: scope.clock.now(),
    retiredAt: null,
  });
  scope.audit({ subjectType: 'CustomFieldDefinition', subjectId: definition.key, action: 'custom_field.defined', after: definitionSnapshot(definition) });
  try {
    await scope.em.flush();
  } catch (error) {
    // Someone defined the same key at the same moment.
    if (error instanceof UniqueConstraintViolationException) throw new CustomFieldKeyTakenException(data.key, false);
    throw error;
  }
  return definition;
}

/** A definition locked for the rest of the transaction, or UNKNOWN/RETIRED. */
async function lockedDefinition(em: EntityManager, key: string): Promise<CustomFieldDefinition> {
  const definition = await em.findOne(CustomFieldDefinition, { key }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!definition) throw new UnknownCustomFieldException('key', key, false);
  if (definition.retiredAt) throw new UnknownCustomFieldException('key', key, true);
  return definition;
}

/**
 * CUS-1: an admin changes a field's label, whether it is required, or a choice field's options.
 * Options may be added, reordered or removed, but not removed while customers still have them:
 * refused with how many do. The definition's row is locked meanwhile, so no value can choose a
 * removed option in between.
 */
export async function updateCustomFieldDefinition(scope: Scope, input: unknown): Promise<CustomFieldDefinition> {
  const actor = requireActor(scope.actor);
  const data = parseInput(updateInput, input);
  customFieldPermissions.require(actor, 'custom_field.update');
  return scope.em.transactional(async (tx) => {
    const txScope = createScope({ ...scope, em: tx });
    const definition = await lockedDefinition(tx, data.key);
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    if (data.label != null && data.label !== definition.label) {
      before.label = definition.label;
      after.label = data.label;
      definition.label = data.label;
    }
    if (data.required != null && data.required !== definition.required) {
      before.required = definition.required;
      after.required = data.required;
      definition.required = data.required;
    }
    if (data.options) {
      if (!isChoiceField(definition)) {
        throw new InvalidCustomFieldDefinitionException('options', 'OPTIONS_NOT_ALLOWED', `"${definition.key}" is a ${definition.type} field, which has no options`);
      }
      const removed = definition.options.filter((option) => !data.options!.includes(option));
      if (removed.length) {
        const inUse = await query<{ option: string; customers: number }>(
          tx,
          `select o.option, count(*)::int as customers
             from customer_custom_value v cross join lateral unnest(v.choices) as o(option)
            where v.field_key = ? and v.choices is not null and v.choices && array[?]::text[] and o.option in (?)
            group by o.option order by o.option`,
          [definition.key, removed, removed],
        );
        if (inUse.length) throw new CustomFieldOptionInUseException(definition.key, inUse);
      }
      if (data.options.join('\u0000') !== definition.options.join('\u0000')) {
        before.options = definition.options;
        after.options = data.options;
        definition.options = [...data.options];
      }
    }
    if (Object.keys(after).length) txScope.audit({ subjectType: 'CustomFieldDefinition', subjectId: definition.key, action: 'custom_field.updated', before, after });
    return definition;
  });
}

/** CUS-1: an admin retires a field: its values stay for history; it is no longer shown, required or writable. Retiring twice changes nothing. */
export async function retireCustomField(scope: Scope, key: string): Promise<CustomFieldDefinition> {
  const actor = requireActor(scope.actor);
  const data = parseInput(z.object({ key: keyField }), { key });
  customFieldPermissions.require(actor, 'custom_field.retire');
  return scope.em.transactional(async (tx) => {
    const definition = await tx.findOne(CustomFieldDefinition, { key: data.key }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!definition) throw new UnknownCustomFieldException('key', data.key, false);
    if (definition.retiredAt) return definition;
    definition.retiredAt = scope.clock.now();
    createScope({ ...scope, em: tx }).audit({
      subjectType: 'CustomFieldDefinition',
      subjectId: definition.key,
      action: 'custom_field.retired',
      before: { retiredAt: null },
      after: { retiredAt: definition.retiredAt.toISOString() },
    });
    return definition;
  });
}

/** The fields in the order they were defined (in use only, or retired ones too), in one statement. */
export async function findCustomFieldDefinitions(em: EntityManager, includeRetired: boolean): Promise<CustomFieldDefinition[]> {
  const rows = await query<Record<string, unknown>>(
    em,
    `select key, label, type, required, applies_to, options, created_at, retired_at from custom_field_definition
      ${includeRetired ? '' : 'where retired_at is null'} order by position`,
  );
  return rows.map((row) => em.map(CustomFieldDefinition, row));
}

/** The fields, oldest first; with a kind, those applying to it; retired ones only when asked. */
export async function listCustomFieldDefinitions(em: EntityManager, args: { kind?: CustomerKind | null; includeRetired?: boolean | null }): Promise<CustomFieldDefinition[]> {
  const kind = args.kind ? parseInput(z.object({ kind: z.enum(CustomerKind) }), { kind: args.kind }).kind : null;
  const all = await findCustomFieldDefinitions(em, Boolean(args.includeRetired));
  return kind ? all.filter((definition) => definition.appliesTo.includes(kind)) : all;
}

// ————————————————————————————— values —————————————————————————————

/** A NUMBER value: an exact decimal, normalised (no trailing zeros after the point, no "-0"), or why not. */
export function parseDecimal(text: string, field: string, key: string): string {
  const example = 'such as "1250.75" or "-3"';
  if (!/^-?(?:0|[1-9]\d*)(?:\.\d+)?$/.test(text)) {
    throw new InvalidCustomFieldValueException(field, key, 'NUMBER_NOT_DECIMAL', `${JSON.stringify(text.slice(0, 40))} is not a decimal number: send digits with an optional leading "-" and at most one ".", ${example} (no exponent, spaces, "+" or separators)`);
  }
  const [whole = '', fraction = ''] = text.replace(/^-/, '').split('.');
  if (whole.length > CUSTOM_FIELD_RULES.maxIntegerDigits || fraction.length > CUSTOM_FIELD_RULES.maxFractionDigits) {
    throw new InvalidCustomFieldValueException(
      field,
      key,
      'NUMBER_OUT_OF_RANGE',
      `${JSON.stringify(text.slice(0, 40))} has more than ${CUSTOM_FIELD_RULES.maxIntegerDigits} digits before the point or ${CUSTOM_FIELD_RULES.maxFractionDigits} after it`,
    );
  }
  const trimmed = fraction.replace(/0+$/, '');
  const normal = trimmed ? `${whole}.${trimmed}` : whole;
  return text.startsWith('-') && normal !== '0' ? `-${normal}` : normal;
}

/** A DATE value: a real calendar date written YYYY-MM-DD, or why not. */
export function parseDate(text: string, field: string, key: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) throw new InvalidCustomFieldValueException(field, key, 'DATE_FORMAT', `${JSON.stringify(text.slice(0, 40))} is not a date written YYYY-MM-DD, such as "2026-11-28"`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  date.setUTCFullYear(year);
  if (year < 1 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    throw new InvalidCustomFieldValueException(field, key, 'DATE_NOT_REAL', `${text} is not a real date (no such day in that month)`);
  }
  return text;
}

/** Chosen options, each one of the field's, in the field's order; a single choice holds one. */
function parseChoices(definition: CustomFieldDefinition, choices: readonly string[], field: string): string[] {
  const chosen = new Set(choices.map((choice) => choice.trim()));
  for (const choice of chosen) {
    if (!definition.options.includes(choice)) {
      throw new InvalidCustomFieldValueException(field, definition.key, 'CHOICE_NOT_AN_OPTION', `${JSON.stringify(choice.slice(0, 40))} is not an option of "${definition.key}" (${definition.options.join('、')})`);
    }
  }
  if (definition.type === CustomFieldType.SingleChoice && chosen.size > 1) {
    throw new InvalidCustomFieldValueException(field, definition.key, 'SINGLE_CHOICE_HAS_MANY', `"${definition.key}" is a single choice: choose one option, not ${chosen.size}`);
  }
  return definition.options.filter((option) => chosen.has(option));
}

/** A stored value: exactly one part, the one of its field's type. */
export interface StoredValue {
  text: string | null;
  number: string | null;
  date: string | null;
  choices: string[] | null;
}

type Part = 'text' | 'number' | 'date' | 'choices';
const PART_OF: Record<CustomFieldType, Part> = {
  [CustomFieldType.Text]: 'text',
  [CustomFieldType.Number]: 'number',
  [CustomFieldType.Date]: 'date',
  [CustomFieldType.SingleChoice]: 'choices',
  [CustomFieldType.MultiChoice]: 'choices',
};
const PARTS: readonly Part[] = ['text', 'number', 'date', 'choices'];

type ValueInput = z.infer<typeof valuesInput>['values'][number];

/** One entry of setCustomFieldValues, checked against its field: the value to store, or null to clear. */
function parseValue(definition: CustomFieldDefinition, kind: CustomerKind, entry: ValueInput, index: number): StoredValue | null {
  const at = (part: string) => `values.${index}.${part}`;
  if (!definition.appliesTo.includes(kind)) {
    throw new InvalidCustomFieldValueException(at('key'), definition.key, 'FIELD_NOT_FOR_KIND', `"${definition.key}" applies to ${definition.appliesTo.join(' and ')} customers, not ${kind}`);
  }
  const part = PART_OF[definition.type];
  const wrong = PARTS.find((other) => other !== part && entry[other] != null);
  if (wrong) {
    throw new InvalidCustomFieldValueException(at(wrong), definition.key, 'WRONG_TYPE', `"${definition.key}" is a ${definition.type} field: give its value as ${part}, not ${wrong}`);
  }
  const empty: StoredValue = { text: null, number: null, date: null, choices: null };
  let value: StoredValue | null = null;
  if (part === 'text' && entry.text != null && entry.text.trim()) {
    const text = entry.text.trim();
    if (text.length > CUSTOM_FIELD_RULES.maxTextLength) {
      throw new InvalidCustomFieldValueException(at('text'), definition.key, 'TEXT_TOO_LONG', `must be at most ${CUSTOM_FIELD_RULES.maxTextLength} characters`);
    }
    value = { ...empty, text };
  } else if (part === 'number' && entry.number != null && entry.number !== '') {
    value = { ...empty, number: parseDecimal(entry.number, at('number'), definition.key) };
  } else if (part === 'date' && entry.date != null && entry.date !== '') {
    value = { ...empty, date: parseDate(entry.date, at('date'), definition.key) };
  } else if (part === 'choices' && entry.choices?.length) {
    value = { ...empty, choices: parseChoices(definition, entry.choices, at('choices')) };
  }
  if (!value && definition.required) {
    throw new InvalidCustomFieldValueException(at(part), definition.key, 'REQUIRED', `"${definition.key}" (${definition.label}) is required for ${kind} customers; it cannot be cleared`);
  }
  return value;
}

/** How the audit trail shows a value. */
const shown = (value: StoredValue | null): unknown => value?.text ?? value?.number ?? value?.date ?? value?.choices ?? null;

interface ValueRow {
  field_key: string;
  text_value: string | null;
  number_value: string | null;
  date_value: string | null;
  choices: string[] | null;
}

/**
 * CUS-1: sets (or clears) custom field values of a customer the actor may see; other fields stay.
 * Every entry is checked against its field first, so a refusal (naming `values.N.<part>` and the
 * rule) writes nothing; then the values change, audited with before and after, in one transaction.
 * The fields' rows are share-locked meanwhile, so an option cannot be removed under the write.
 */
export async function setCustomFieldValues(scope: Scope, findVisible: FindVisible, input: unknown): Promise<Customer> {
  requireActor(scope.actor);
  const data = parseInput(valuesInput, input);
  const seen = new Map<string, number>();
  data.values.forEach((entry, index) => {
    if (seen.has(entry.key)) throw new InvalidCustomFieldValueException(`values.${index}.key`, entry.key, 'KEY_REPEATED', `"${entry.key}" is also given at values.${seen.get(entry.key)}; give each field once`);
    seen.set(entry.key, index);
  });
  const customer = await findVisible(data.customerId);
  if (!customer) throw new CustomerNotFoundException(data.customerId);

  await scope.em.transactional(async (tx) => {
    const keys = [...seen.keys()];
    const rows = await query<Record<string, unknown>>(tx, 'select * from custom_field_definition where key in (?) for share', [keys]);
    const definitions = new Map(rows.map((row) => [String(row.key), tx.map(CustomFieldDefinition, row)]));
    const changes = data.values.map((entry, index) => {
      const definition = definitions.get(entry.key);
      if (!definition || definition.retiredAt) throw new UnknownCustomFieldException(`values.${index}.key`, entry.key, Boolean(definition));
      return { key: entry.key, value: parseValue(definition, customer.kind, entry, index) };
    });

    const current = await query<ValueRow>(
      tx,
      `select field_key, text_value, number_value::text as number_value, to_char(date_value, 'YYYY-MM-DD') as date_value, choices
         from customer_custom_value where customer_id = ? and field_key in (?) for update`,
      [customer.id, keys],
    );
    const before = new Map(current.map((row) => [row.field_key, { text: row.text_value, number: row.number_value, date: row.date_value, choices: row.choices }]));
    const changed = changes.filter(({ key, value }) => JSON.stringify(shown(before.get(key) ?? null)) !== JSON.stringify(shown(value)));
    if (!changed.length) return;

    const cleared = changed.filter(({ value }) => !value).map(({ key }) => key);
    if (cleared.length) await query(tx, 'delete from customer_custom_value where customer_id = ? and field_key in (?)', [customer.id, cleared]);
    const set = changed.filter((change): change is { key: string; value: StoredValue } => change.value !== null);
    if (set.length) {
      await query(
        tx,
        `insert into customer_custom_value (customer_id, field_key, text_value, number_value, date_value, choices)
         values ${set.map(() => '(?, ?, ?, ?::numeric, ?::date, ?::text[])').join(', ')}
         on conflict (customer_id, field_key) do update
           set text_value = excluded.text_value, number_value = excluded.number_value, date_value = excluded.date_value, choices = excluded.choices`,
        set.flatMap(({ key, value }) => [customer.id, key, value.text, value.number, value.date, textArray(value.choices)]),
      );
    }
    createScope({ ...scope, em: tx }).audit({
      subjectType: 'Customer',
      subjectId: customer.id,
      action: 'customer.custom_fields_set',
      before: Object.fromEntries(changed.map(({ key }) => [key, shown(before.get(key) ?? null)])),
      after: Object.fromEntries(changed.map(({ key, value }) => [key, shown(value)])),
    });
  });
  return customer;
}

// ————————————————————————————— filters and counts —————————————————————————————

/** A field in use, for a filter or a count. */
async function activeDefinition(em: EntityManager, key: string): Promise<CustomFieldDefinition> {
  const definition = await em.findOne(CustomFieldDefinition, { key });
  if (!definition || definition.retiredAt) throw new UnknownCustomFieldException('key', key, Boolean(definition));
  return definition;
}

/** A filter value in the field's type (what it is compared as). */
function filterValue(definition: CustomFieldDefinition, text: string, field: string): string {
  switch (definition.type) {
    case CustomFieldType.Number:
      return parseDecimal(text, field, definition.key);
    case CustomFieldType.Date:
      return parseDate(text, field, definition.key);
    case CustomFieldType.Text:
      return text.trim();
    default:
      return parseChoices(definition, [text], field)[0]!;
  }
}

const filterArgs = z.object({
  key: z.string(),
  equals: z.string().nullish(),
  anyOf: z.array(z.string()).min(1, 'must hold at least one value').max(100, 'must hold at most 100 values').nullish(),
});

/**
 * CUS-1: customers the actor may see (merged ones excluded) whose field has the value asked for (or
 * any value), newest first. The field's slice of customer_custom_value is read through its index.
 */
export async function customersByCustomField(
  em: EntityManager,
  actor: Actor | null,
  args: { key: string; equals?: string | null; anyOf?: readonly string[] | null; first?: number | null; after?: string | null },
): Promise<Connection<Customer>> {
  requireActor(actor);
  const condition = await customFieldCondition(em, { key: args.key, equals: args.equals, anyOf: args.anyOf }, '');
  const listed = listedCustomers(actor);
  return findPage(em, Customer, parsePageArgs(args), { sql: `${condition.sql} and ${listed.sql}`, params: [...condition.params, ...listed.params] });
}

/**
 * Customers whose field has the value asked for (or any value), as a condition on `customer`; the
 * field's slice of customer_custom_value is read through its index. `at` prefixes the names of the
 * inputs a refusal points at (`customFields.0.`), empty for customersByCustomField's own arguments.
 */
async function customFieldCondition(em: EntityManager, args: { key: string; equals?: string | null; anyOf?: readonly string[] | null }, at: string): Promise<RowCondition> {
  const data = parseInput(filterArgs, args);
  if (data.equals != null && data.anyOf) throw new InputException(`${at}anyOf: give either equals or anyOf, not both`, `${at}anyOf`);
  const definition = await activeDefinition(em, data.key);
  const values = data.anyOf ? data.anyOf.map((text, index) => filterValue(definition, text, `${at}anyOf.${index}`)) : data.equals != null ? [filterValue(definition, data.equals, `${at}equals`)] : null;
  const column = { text: 'v.text_value', number: 'v.number_value', date: 'v.date_value', choices: 'v.choices' }[PART_OF[definition.type]];
  let match = `${column} is not null`;
  const params: unknown[] = [definition.key];
  if (values && isChoiceField(definition)) {
    match = `v.choices is not null and v.choices ${data.anyOf ? '&&' : '@>'} array[?]::text[]`;
    params.push(values);
  } else if (values) {
    const cast = { text: '', number: '::numeric', date: '::date', choices: '' }[PART_OF[definition.type]];
    match = `${column} in (${values.map(() => `?${cast}`).join(', ')})`;
    params.push(...values);
  }
  return { sql: `id in (select v.customer_id from customer_custom_value v where v.field_key = ? and ${match})`, params };
}

/** CUS-1: `customers(filter: { customFields })` — every field asked about must match. */
export const customFieldsFilter: CustomerFilterExtension = async (em, filter) => {
  if (!filter.customFields?.length) return null;
  const conditions = await Promise.all(filter.customFields.map((field, index) => customFieldCondition(em, field, `filter.customFields.${index}.`)));
  return { sql: conditions.map((condition) => condition.sql).join(' and '), params: conditions.flatMap((condition) => condition.params) };
};

/**
 * CUS-1: how many customers the actor may see (merged ones excluded) have each value of a field:
 * every option of a choice field, in order (0 for none); otherwise the most frequent values first.
 */
export async function customFieldCounts(em: EntityManager, actor: Actor | null, args: { key: string; first?: number | null }): Promise<{ value: string; customers: number }[]> {
  requireActor(actor);
  const { key, first } = parseInput(z.object({ key: z.string(), first: z.number().int().min(1, 'must be at least 1').max(100, 'must be at most 100').default(50) }), {
    key: args.key,
    first: args.first ?? undefined,
  });
  const definition = await activeDefinition(em, key);
  const listed = listedCustomers(actor);
  const visible = `v.customer_id in (select id from customer where ${listed.sql})`;
  if (isChoiceField(definition)) {
    const rows = await query<{ value: string; customers: number }>(
      em,
      `select o.value, count(*)::int as customers
         from customer_custom_value v cross join lateral unnest(v.choices) as o(value)
        where v.field_key = ? and v.choices is not null and ${visible}
        group by o.value`,
      [definition.key, ...listed.params],
    );
    const counts = new Map(rows.map((row) => [row.value, row.customers]));
    return definition.options.map((value) => ({ value, customers: counts.get(value) ?? 0 }));
  }
  const column = { text: 'v.text_value', number: 'v.number_value::text', date: "to_char(v.date_value, 'YYYY-MM-DD')", choices: '' }[PART_OF[definition.type]];
  const raw = { text: 'v.text_value', number: 'v.number_value', date: 'v.date_value', choices: '' }[PART_OF[definition.type]];
  return query<{ value: string; customers: number }>(
    em,
    `select ${column} as value, count(*)::int as customers
       from customer_custom_value v
      where v.field_key = ? and ${raw} is not null and ${visible}
      group by ${raw} order by customers desc, ${raw} asc limit ?`,
    [definition.key, ...listed.params, first],
  );
}
