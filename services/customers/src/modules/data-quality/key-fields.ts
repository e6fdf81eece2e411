import { CustomerKind } from '../../generated/graphql';

/** One key field of a kind and what it weighs in the kind's completeness score (CUS-7). */
export interface KeyFieldWeight {
  field: string;
  weight: number;
}

/** Key fields of custom fields are named `custom.<key>`, so they never clash with record fields. */
export const CUSTOM_PREFIX = 'custom.';

/**
 * The record fields a completeness score may weigh, each as the SQL that says the customer `c`
 * has it. A mobile counts from the customer's identity keys or any of its contacts.
 */
export const RECORD_FIELDS: Readonly<Record<string, string>> = {
  name: "c.name <> ''",
  city: 'c.city is not null',
  identityKey: 'exists (select 1 from customer_key k where k.customer_id = c.id)',
  mobile: "(exists (select 1 from customer_key k where k.customer_id = c.id and k.kind = 'MOBILE') or exists (select 1 from contact t where t.customer_id = c.id and t.mobile is not null))",
  contact: 'exists (select 1 from contact t where t.customer_id = c.id)',
  address: 'c.address is not null',
  divisionCode: 'c.division_code is not null',
  location: 'c.longitude is not null and c.latitude is not null',
  industry: 'c.industry is not null',
  source: 'c.source is not null',
  tags: 'cardinality(c.tags) > 0',
};

/** What applies until an admin configures a kind; each adds up to 100 so a weight reads as points. */
export const DEFAULT_KEY_FIELDS: Readonly<Record<CustomerKind, readonly KeyFieldWeight[]>> = {
  [CustomerKind.Company]: [
    { field: 'name', weight: 5 },
    { field: 'identityKey', weight: 20 },
    { field: 'contact', weight: 15 },
    { field: 'mobile', weight: 10 },
    { field: 'address', weight: 10 },
    { field: 'divisionCode', weight: 10 },
    { field: 'location', weight: 5 },
    { field: 'industry', weight: 10 },
    { field: 'source', weight: 10 },
    { field: 'tags', weight: 5 },
  ],
  [CustomerKind.Individual]: [
    { field: 'name', weight: 5 },
    { field: 'identityKey', weight: 15 },
    { field: 'mobile', weight: 25 },
    { field: 'city', weight: 10 },
    { field: 'address', weight: 10 },
    { field: 'divisionCode', weight: 10 },
    { field: 'location', weight: 5 },
    { field: 'industry', weight: 5 },
    { field: 'source', weight: 10 },
    { field: 'tags', weight: 5 },
  ],
};

/** SQL saying customer `c` has the key field; a custom field's key is a bound parameter. */
export function presenceOf(field: string): { sql: string; params: unknown[] } {
  if (field.startsWith(CUSTOM_PREFIX)) {
    return { sql: 'exists (select 1 from customer_custom_value v where v.customer_id = c.id and v.field_key = ?)', params: [field.slice(CUSTOM_PREFIX.length)] };
  }
  const sql = RECORD_FIELDS[field];
  if (!sql) throw new Error(`No presence rule for key field ${field}`);
  return { sql, params: [] };
}

/**
 * The score of a customer having `present` of the key fields: the share of the weights it has,
 * 0–100 rounded half up to one decimal (1 of 3 equal fields is 33.3), and the fields it lacks.
 */
export function scoreOf(keyFields: readonly KeyFieldWeight[], present: ReadonlySet<string>): { score: number; missing: string[] } {
  const total = keyFields.reduce((sum, { weight }) => sum + weight, 0);
  const have = keyFields.reduce((sum, { field, weight }) => sum + (present.has(field) ? weight : 0), 0);
  // Integers until the one division: the tenths are exact, and x.5 rounds up. With nothing left to
  // weigh (every key field a retired custom field) nothing can be missing.
  return { score: total ? Math.round((1000 * have) / total) / 10 : 100, missing: keyFields.filter(({ field }) => !present.has(field)).map(({ field }) => field) };
}
