import { pgArray } from '@crm/events';
import { fields, parseInput, requireActor, type Actor, type RowCondition, type Scope } from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';
import { z } from 'zod';
import { CustomerKind, CustomerSource } from '../../generated/graphql';
import { listedCustomers } from './customer.loaders';
import { customerPermissions } from './customer.permissions';

const filterSchema = z
  .object({
    nameContains: fields.text(100),
    kind: z.enum(CustomerKind),
    divisionCode: z.string().regex(/^\d{6}$/, 'must be a 6-digit GB/T 2260 division code'),
    ownerId: fields.id('ownerId'),
    tags: z.array(fields.text(40)).max(10),
    source: z.enum(CustomerSource),
    industry: fields.text(100),
    createdFrom: z.date(),
    createdBefore: z.date(),
    // Read by the custom-field module's extension (extendCustomerFilter); at most five at once.
    customFields: z.array(z.object({ key: z.string(), equals: z.string().nullish(), anyOf: z.array(z.string()).nullish() })).max(5),
  })
  .partial();

export type CustomerFilter = z.infer<typeof filterSchema>;

export const parseCustomerFilter = (input: unknown): CustomerFilter => parseInput(filterSchema, input ?? {});

/** GB/T 2260 codes nest by prefix: 310000 (上海) holds 3101xx, which holds 310104 (徐汇区). */
const divisionPrefix = (code: string): string => code.replace(/(00)+$/, '');

/** Letters only: the user typed pinyin initials rather than part of the name. */
const INITIALS = /^[a-z]+$/i;

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * A part of the customer filter another module answers (custom fields): a condition on `customer`,
 * or null when the filter does not use it. Registered by that module, so this one need not know it.
 */
export type CustomerFilterExtension = (em: EntityManager, filter: CustomerFilter) => Promise<RowCondition | null>;

const extensions: CustomerFilterExtension[] = [];

export const extendCustomerFilter = (extension: CustomerFilterExtension): void => void extensions.push(extension);

/** The filter as one condition on `customer`, within the actor's listed customers; every part uses an index. */
export async function customerFilterCondition(em: EntityManager, actor: Actor | null, filter: CustomerFilter): Promise<RowCondition> {
  const listed = listedCustomers(actor);
  const parts = [`(${listed.sql})`];
  const params: unknown[] = [...listed.params];
  const where = (sql: string, ...values: unknown[]) => {
    parts.push(sql);
    params.push(...values);
  };
  if (filter.nameContains) {
    if (INITIALS.test(filter.nameContains)) where('name_initials like ?', `%${escapeLike(filter.nameContains.toLowerCase())}%`);
    else where('name ilike ?', `%${escapeLike(filter.nameContains)}%`);
  }
  if (filter.kind) where('kind = ?', filter.kind);
  if (filter.divisionCode) where('division_code like ?', `${divisionPrefix(filter.divisionCode)}%`);
  if (filter.ownerId) where('owner_id = ?', filter.ownerId);
  if (filter.tags?.length) where('tags @> ?::text[]', pgArray(filter.tags));
  if (filter.source) where('source = ?', filter.source);
  if (filter.industry) where('industry = ?', filter.industry);
  if (filter.createdFrom) where('created_at >= ?', filter.createdFrom);
  if (filter.createdBefore) where('created_at < ?', filter.createdBefore);
  for (const condition of await Promise.all(extensions.map((extension) => extension(em, filter)))) if (condition) where(`(${condition.sql})`, ...condition.params);
  return { sql: parts.join(' and '), params };
}

interface FacetRow {
  facet: string;
  value: string;
  count: number;
}

const FACET_LIMIT = 20;

/** Counts beside a search, in one statement over the filtered rows. */
export async function customerFacets(em: EntityManager, actor: Actor | null, filter: CustomerFilter) {
  const condition = await customerFilterCondition(em, actor, filter);
  const rows = (await em.getConnection().execute(
    `with found as (select kind, source, division_code, tags, owner_id from customer where ${condition.sql}),
          counted as (
            select 'total' as facet, '' as value, count(*)::int as count from found
            union all select 'kinds', kind, count(*)::int from found group by kind
            union all select 'sources', source, count(*)::int from found where source is not null group by source
            union all select 'provinces', left(division_code, 2) || '0000', count(*)::int from found where division_code is not null group by 2
            union all (select 'tags', tag, count(*)::int from found, unnest(tags) tag group by tag order by 3 desc, 2 limit ${FACET_LIMIT})
            union all (select 'owners', owner_id::text, count(*)::int from found group by owner_id order by 3 desc, 2 limit ${FACET_LIMIT}))
     select * from counted`,
    condition.params,
  )) as FacetRow[];
  const of = (facet: string) => rows.filter((row) => row.facet === facet).map(({ value, count }) => ({ value, count }));
  return { total: rows.find((row) => row.facet === 'total')?.count ?? 0, kinds: of('kinds'), sources: of('sources'), provinces: of('provinces'), tags: of('tags'), owners: of('owners') };
}

/**
 * ORG-3's loose ends: listed customers whose division no territory binding covers (a binding of a
 * province covers its cities and districts), for an admin to bind or reassign. Areas drawn on the
 * map are not consulted here: a customer placed only by a point is listed when no division covers it.
 */
export function outsideTerritoriesCondition(scope: Scope): RowCondition {
  const actor = requireActor(scope.actor);
  customerPermissions.require(actor, 'customer.review_territories');
  const listed = listedCustomers(actor);
  return {
    sql: `(${listed.sql}) and not exists (
      select 1 from directory_territory_binding b where customer.division_code like regexp_replace(b.division_code, '(00)+$', '') || '%')`,
    params: listed.params,
  };
}
