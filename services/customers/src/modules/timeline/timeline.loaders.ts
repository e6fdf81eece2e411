import { InputException, MAX_PAGE_SIZE, parseInput, type Actor, type Connection } from '@crm/platform';
import type { EntityDictionary, EntityManager } from '@mikro-orm/core';
import DataLoader from 'dataloader';
import { z } from 'zod';
import { TimelineKind } from '../../generated/graphql';
import { visibleCustomers } from '../customer';
import { Interaction, TimelineEntry } from './timeline.entity';

/** Timeline pages are newest first by when things happened, so the cursor is (occurredAt, id). */
interface TimelinePage {
  first: number;
  after?: { occurredAt: Date; id: string };
  kinds?: readonly TimelineKind[];
}

const timelineArgs = z.object({
  first: z.number().int().min(1, 'must be at least 1').max(MAX_PAGE_SIZE, `must be at most ${MAX_PAGE_SIZE}`).default(20),
  after: z.string().nullish(),
  kinds: z.array(z.enum(TimelineKind)).nullish(),
});

const encodeCursor = (entry: TimelineEntry) => Buffer.from(`tl:${entry.occurredAt.toISOString()}|${entry.id}`).toString('base64url');

function decodeCursor(cursor: string): { occurredAt: Date; id: string } {
  const [, at = '', id = ''] = /^tl:([^|]+)\|(.+)$/.exec(Buffer.from(cursor, 'base64url').toString()) ?? [];
  const occurredAt = new Date(at);
  if (Number.isNaN(occurredAt.getTime()) || !z.uuid().safeParse(id).success) {
    throw new InputException('after: not a cursor this API issued; pass pageInfo.endCursor of the previous page', 'after');
  }
  return { occurredAt, id };
}

export function parseTimelineArgs(args: { first?: number | null; after?: string | null; kinds?: readonly TimelineKind[] | null }): TimelinePage {
  const { first, after, kinds } = parseInput(timelineArgs, { first: args.first ?? undefined, after: args.after, kinds: args.kinds });
  return { first, after: after ? decodeCursor(after) : undefined, kinds: kinds?.length ? [...new Set(kinds)].sort() : undefined };
}

const PARENT_ID = '__timeline_customer_id';

/**
 * One page of the timeline of each of many customers, in one statement: the customers the actor
 * may see (ORG-2), and for each (a lateral join) its entries newest first, after the cursor, of the
 * kinds asked for.
 */
async function findTimelinePages(em: EntityManager, actor: Actor | null, customerIds: readonly string[], page: TimelinePage): Promise<Map<string, TimelineEntry[]>> {
  const visible = visibleCustomers(actor);
  const params: unknown[] = [[...customerIds], ...visible.params];
  const after = page.after ? 'and (e.occurred_at, e.id) < (?::timestamptz, ?::uuid)' : '';
  if (page.after) params.push(page.after.occurredAt, page.after.id);
  const kinds = page.kinds ? 'and e.kind in (?)' : '';
  if (page.kinds) params.push([...page.kinds]);
  params.push(page.first + 1);
  const rows = await em.getConnection().execute<EntityDictionary<TimelineEntry>[]>(
    `select p.id as "${PARENT_ID}", e.* from (select id from customer where id in (?) and (${visible.sql})) p
     cross join lateral (
       select * from customer_timeline_entry e
        where e.customer_id = p.id ${after} ${kinds}
        order by e.occurred_at desc, e.id desc limit ?
     ) e`,
    params,
    'all',
    em.getTransactionContext(),
  );
  const byCustomer = new Map<string, TimelineEntry[]>(customerIds.map((id) => [id, []]));
  for (const { [PARENT_ID]: customerId, ...row } of rows) {
    byCustomer.get(String(customerId))?.push(em.map(TimelineEntry, row as EntityDictionary<TimelineEntry>));
  }
  return byCustomer;
}

function toTimelineConnection(rows: readonly TimelineEntry[], page: TimelinePage): Connection<TimelineEntry> {
  const edges = rows.slice(0, page.first).map((node) => ({ cursor: encodeCursor(node), node }));
  return { edges, pageInfo: { hasNextPage: rows.length > page.first, endCursor: edges.at(-1)?.cursor ?? null } };
}

/** Customer.timeline for a batch of customers: one statement per distinct page request, never one per customer. */
export function createTimelineLoaders(em: EntityManager, actor: Actor | null) {
  const pages = new Map<string, DataLoader<string, TimelineEntry[]>>();
  const timelinePage = (customerId: string, page: TimelinePage): Promise<TimelineEntry[]> => {
    const key = JSON.stringify([page.first, page.after?.occurredAt.toISOString(), page.after?.id, page.kinds]);
    let loader = pages.get(key);
    if (!loader) {
      loader = new DataLoader(async (ids) => {
        const found = await findTimelinePages(em, actor, ids, page);
        return ids.map((id) => found.get(id) ?? []);
      });
      pages.set(key, loader);
    }
    return loader.load(customerId);
  };
  return {
    timeline: {
      connection: async (customerId: string, args: Parameters<typeof parseTimelineArgs>[0]): Promise<Connection<TimelineEntry>> => {
        const page = parseTimelineArgs(args);
        return toTimelineConnection(await timelinePage(customerId, page), page);
      },
    },
    // Only asked for interactions on the timeline of a customer already loaded through its visibility.
    interaction: new DataLoader<string, Interaction | null>(async (ids) => {
      const found = await em.find(Interaction, { id: { $in: [...ids] } });
      return ids.map((id) => found.find((interaction) => interaction.id === id) ?? null);
    }),
  };
}

export type TimelineLoaders = ReturnType<typeof createTimelineLoaders>;
