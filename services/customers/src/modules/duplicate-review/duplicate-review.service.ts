import { fields, findPage, parseInput, requireActor, type Actor, type Connection, type PageRequest, type Scope } from '@crm/platform';
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
export async function likelyDuplicates(em: EntityManager, actor: Actor | null, of: { kind: string; name: string; address?: string | null; exceptId?: string }): Promise<DuplicateCandidate[]> {
  const { matchName, matchAddress } = matchTextOf(of);
  const visible = visibleCustomers(actor);
  const rows = (await em.getConnection().execute(
    `select c.id, u.display_name as owner_name, u.org_path::text as owner_unit, (${visible.sql}) as visible,
            similarity(c.match_name, ?) as name_score,
            case when ?::text is null or c.match_address is null then null else similarity(c.match_address, ?) end as address_score
       from customer c left join directory_user u on u.id = c.owner_id
      where c.kind = ? and c.id is distinct from ?::uuid and (c.match_name % ? or (?::text is not null and c.match_address % ?))
      order by name_score desc limit ?`,
    [...visible.params, matchName, matchAddress, matchAddress, of.kind, of.exceptId ?? null, matchName, matchAddress, matchAddress, CANDIDATES],
    'all',
    em.getTransactionContext(),
  )) as CandidateRow[];
  return rows.map(scored).filter((candidate) => candidate.score >= LIKELY).sort((a, b) => b.score - a.score);
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

/** Queues every likely duplicate of a new customer for review; a pair already queued stays as it is. */
export async function queueLikelyDuplicates(scope: Scope, customer: { id: string; kind: string; name: string; address: string | null }): Promise<void> {
  for (const candidate of await likelyDuplicates(scope.em, null, { ...customer, exceptId: customer.id })) {
    await scope.em.getConnection().execute(
      `insert into duplicate_review (id, customer_id, candidate_id, score, reasons, created_at) values (?, ?, ?, ?, ?::jsonb, ?)
       on conflict (customer_id, candidate_id) do nothing`,
      [new DuplicateReview().id, customer.id, candidate.customerId, candidate.score, JSON.stringify(candidate.reasons), scope.clock.now()],
      'run',
      scope.em.getTransactionContext(),
    );
  }
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
