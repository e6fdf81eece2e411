import { fields, findPage, parseInput, requireActor, type Actor, type Connection, type PageRequest, type Scope } from '@crm/platform';
import { pgArray } from '@crm/events';
import type { EntityManager } from '@mikro-orm/core';
import { z } from 'zod';
import { CustomerKind, DuplicateReason } from '../../generated/graphql';
import { customerRecordInput, findKeyHolder, matchTextOf, parseIdentityKeys, visibleCustomers, type KeyHolder } from '../customer';
import { DuplicateReview } from './duplicate-review.entity';
import { DuplicateReviewNotFoundException } from './duplicate-review.exception';
import { duplicateReviewPermissions } from './duplicate-review.permissions';

/** From this similarity on (0–1) two customers are likely one: what a reviewer is asked to look at. */
export const LIKELY = 0.6;
const CANDIDATES = 10;

export interface DuplicateCandidate {
  customerId: string;
  visible: boolean;
  ownerName: string | null;
  ownerUnit: string | null;
  score: number;
  reasons: DuplicateReason[];
}

interface CandidateRow {
  id: string;
  owner_name: string | null;
  owner_unit: string | null;
  visible: boolean;
  name_score: number;
  address_score: number | null;
}

const round = (n: number) => Math.round(n * 1000) / 1000;

function scored(row: CandidateRow): DuplicateCandidate {
  const reasons: DuplicateReason[] = [];
  if (row.name_score >= LIKELY) reasons.push(DuplicateReason.SimilarName);
  if ((row.address_score ?? 0) >= LIKELY) reasons.push(DuplicateReason.SimilarAddress);
  // A similar address counts for less than a similar name: a building houses many companies.
  const score = row.address_score === null ? row.name_score : 0.7 * row.name_score + 0.3 * row.address_score;
  return { customerId: row.id, visible: row.visible, ownerName: row.owner_name, ownerUnit: row.owner_unit, score: round(score), reasons };
}

/**
 * Customers of the same kind whose match text (match-text.ts) is trigram-similar by name or by
 * address, most similar first: one statement on the two trigram indexes, whoever owns them.
 */
export function likelyDuplicates(em: EntityManager, actor: Actor | null, of: DuplicateQuery): Promise<DuplicateCandidate[]> {
  return em.transactional(async (tx) => {
    await useTrigramIndexes(tx);
    return (await candidatesOfMany(tx, actor, [of]))[0]!;
  });
}

/**
 * For the rest of the transaction: `%` takes its threshold from pg_trgm.similarity_threshold, and at
 * LIKELY the trigram index skips the many rows that share only a common word (贸易, 科技). The
 * planner prices a trigram comparison like an equality, so on a table of a few thousand rows it would
 * compare the name with every row instead (4 ms a check rather than 0.8); it is told not to scan.
 */
async function useTrigramIndexes(em: EntityManager): Promise<void> {
  await em
    .getConnection()
    .execute("select set_config('pg_trgm.similarity_threshold', ?, true), set_config('enable_seqscan', 'off', true)", [String(LIKELY)], 'all', em.getTransactionContext());
}

/** likelyDuplicates of many would-be customers (an import's batch) in one statement, in the caller's transaction. */
export async function likelyDuplicatesOfMany(em: EntityManager, actor: Actor | null, queries: readonly DuplicateQuery[]): Promise<DuplicateCandidate[][]> {
  await useTrigramIndexes(em);
  return candidatesOfMany(em, actor, queries);
}

interface DuplicateQuery {
  kind: string;
  name: string;
  address?: string | null;
  exceptId?: string;
}

const NO_CUSTOMER = '00000000-0000-0000-0000-000000000000';

interface BatchRow extends CandidateRow {
  i: number;
}

/**
 * The likely duplicates of many would-be customers in one statement: for each, the ten most similar
 * by name or address among customers of its kind, scored.
 */
async function candidatesOfMany(em: EntityManager, actor: Actor | null, queries: readonly DuplicateQuery[]): Promise<DuplicateCandidate[][]> {
  const texts = queries.map((query) => ({ ...matchTextOf(query), kind: query.kind, exceptId: query.exceptId ?? NO_CUSTOMER }));
  const visible = visibleCustomers(actor);
  const rows = (await em.getConnection().execute(
    `select q.i, c.id, u.display_name as owner_name, u.org_path::text as owner_unit, (${visible.sql}) as visible, c.name_score, c.address_score
       from unnest(?::int[], ?::text[], ?::text[], ?::text[], ?::uuid[]) as q(i, kind, name, address, except_id)
       cross join lateral (
         select c.id, c.owner_id, c.secondary_owner_id, c.sales_team_id, similarity(c.match_name, q.name) as name_score,
                case when q.address = '' or c.match_address is null then null else similarity(c.match_address, q.address) end as address_score
           from customer c
          where c.kind = q.kind and c.id <> q.except_id and c.merged_into_id is null and (c.match_name % q.name or (q.address <> '' and c.match_address % q.address))
          order by name_score desc limit ${CANDIDATES}) c
       left join directory_user u on u.id = c.owner_id`,
    [
      ...visible.params,
      pgArray(texts.map((_, i) => i)),
      pgArray(texts.map((t) => t.kind)),
      pgArray(texts.map((t) => t.matchName)),
      pgArray(texts.map((t) => t.matchAddress ?? '')),
      pgArray(texts.map((t) => t.exceptId)),
    ],
    'all',
    em.getTransactionContext(),
  )) as BatchRow[];
  return texts.map((_, i) =>
    rows
      .filter((row) => row.i === i)
      .map(scored)
      .filter((candidate) => candidate.score >= LIKELY)
      .sort((a, b) => b.score - a.score),
  );
}

const checkInput = z.object({
  name: fields.text(200),
  kind: z.enum(CustomerKind),
  address: customerRecordInput.address,
  identityKeys: customerRecordInput.identityKeys,
});

const fromHolder = (holder: KeyHolder): DuplicateCandidate => ({
  customerId: holder.customer_id,
  visible: holder.visible,
  ownerName: holder.owner_name,
  ownerUnit: holder.owner_unit,
  score: 1,
  reasons: [DuplicateReason.SameIdentityKey],
});

/** CUS-3 before saving: what createCustomer would refuse (a key already taken) and what it would queue for review. */
export async function checkDuplicates(scope: Scope, input: unknown): Promise<{ sameKey: DuplicateCandidate | null; likely: DuplicateCandidate[] }> {
  const actor = requireActor(scope.actor);
  const data = parseInput(checkInput, input);
  const keys = parseIdentityKeys(data.kind, data.identityKeys ?? [], scope.clock.now());
  const holder = await findKeyHolder(scope.em, actor, keys);
  return { sameKey: holder && fromHolder(holder), likely: await likelyDuplicates(scope.em, actor, data) };
}

type NewCustomer = { id: string; kind: string; name: string; address: string | null; createdAt: Date };

/**
 * Queues every likely duplicate of new customers for review, dated when the customer was created,
 * in the caller's transaction (a consumer's batch); a pair already queued stays as it is.
 */
export async function queueLikelyDuplicates(em: EntityManager, customers: readonly NewCustomer[]): Promise<void> {
  await useTrigramIndexes(em);
  const found = await candidatesOfMany(em, null, customers.map((customer) => ({ ...customer, exceptId: customer.id })));
  // A pair is one review, the later customer (ids are UUIDv7, ordered by creation) asking about the
  // earlier: whichever of the two is looked at first, in whichever batch or on a redelivery, the
  // same direction is kept.
  const pairs = customers.flatMap((customer, i) =>
    found[i]!
      .filter((candidate) => candidate.customerId < customer.id)
      .map((candidate) => [new DuplicateReview().id, customer.id, candidate.customerId, candidate.score, JSON.stringify(candidate.reasons), customer.createdAt]),
  );
  if (!pairs.length) return;
  await em.getConnection().execute(
    `insert into duplicate_review (id, customer_id, candidate_id, score, reasons, created_at)
     values ${pairs.map(() => '(?, ?, ?, ?, ?::jsonb, ?)').join(', ')}
     on conflict (customer_id, candidate_id) do nothing`,
    pairs.flat(),
    'run',
    em.getTransactionContext(),
  );
}

/** Reviews of new customers the actor sees; managers and admins only. */
export function listDuplicateReviews(scope: Scope, page: PageRequest): Promise<Connection<DuplicateReview>> {
  const actor = requireActor(scope.actor);
  duplicateReviewPermissions.require(actor, 'duplicate.review');
  const visible = visibleCustomers(actor);
  return findPage(scope.em, DuplicateReview, page, {
    sql: `status = 'OPEN' and customer_id in (select id from customer where ${visible.sql})`,
    params: visible.params,
  });
}

async function customerVisible(em: EntityManager, actor: Actor, customerId: string): Promise<boolean> {
  const visible = visibleCustomers(actor);
  const rows = await em.getConnection().execute(`select 1 from customer where id = ? and (${visible.sql})`, [customerId, ...visible.params], 'all', em.getTransactionContext());
  return rows.length > 0;
}

const dismissInput = z.object({ id: fields.id('id'), reason: fields.text(500) });

export async function dismissDuplicateReview(scope: Scope, input: unknown): Promise<DuplicateReview> {
  const actor = requireActor(scope.actor);
  const data = parseInput(dismissInput, input);
  duplicateReviewPermissions.require(actor, 'duplicate.review');
  const found = await scope.em.findOne(DuplicateReview, { id: data.id, status: 'OPEN' });
  if (!found || !(await customerVisible(scope.em, actor, found.customerId))) throw new DuplicateReviewNotFoundException(data.id);
  found.status = 'DISMISSED';
  found.decidedById = actor.userId;
  found.decidedAt = scope.clock.now();
  found.reason = data.reason;
  scope.audit({ subjectType: 'Customer', subjectId: found.customerId, action: 'customer.duplicate_dismissed', reason: data.reason, after: { candidateId: found.candidateId } });
  await scope.em.flush();
  return found;
}
