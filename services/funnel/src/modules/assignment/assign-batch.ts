import type { Actor, Scope } from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';
import { LeadStatus } from '../../generated/graphql';
import { changeLeadOwner, Lead, LeadNotFoundException, LeadNotVerifiedException, visibleLeads } from '../lead';
import { LeadAssignment } from './assignment.entity';
import type { Plan } from './assignment-plan';

/** Leads assigned in one transaction: the most one call assigns at once, and a job's batch. */
export const BATCH_LEADS = 1_000;

/** All or nothing: a lead the actor cannot see is NOT_FOUND (as one that does not exist), an unverified one LEAD_NOT_VERIFIED. */
export async function requireAssignable(em: EntityManager, actor: Actor, ids: readonly string[]): Promise<void> {
  const visible = visibleLeads(actor);
  const rows = (await em
    .getConnection()
    .execute(`select id, status from lead where id in (?) and (${visible.sql})`, [ids, ...visible.params], 'all', em.getTransactionContext())) as { id: string; status: LeadStatus }[];
  const status = new Map(rows.map((row) => [row.id, row.status]));
  const missing = ids.filter((id) => !status.has(id));
  if (missing.length) throw new LeadNotFoundException(missing);
  const unverified = ids.filter((id) => status.get(id) !== LeadStatus.Verified);
  if (unverified.length) throw new LeadNotVerifiedException(unverified);
}

/**
 * One batch in one transaction (the scope's): checked again, since a job's leads may have moved on
 * since it started, then each lead to its pick as an audited reassignment, the way it was chosen
 * kept as the lead's assignment.
 */
export async function assignBatch(scope: Scope, actor: Actor, plan: Plan, ids: readonly string[], offset: number): Promise<Lead[]> {
  const { em } = scope;
  await requireAssignable(em, actor, ids);
  const byId = new Map((await em.find(Lead, { id: { $in: [...ids] } })).map((lead) => [lead.id, lead]));
  const leads = ids.map((id) => byId.get(id)!);
  const picks = await plan.pick(em, leads, offset);
  const assignedAt = scope.clock.now();
  const records = leads.map((lead, i) => {
    const { ownerId, reason } = picks[i]!;
    if (lead.ownerId !== ownerId) changeLeadOwner(scope, lead, ownerId, `${plan.strategy}: ${reason}`);
    return { leadId: lead.id, strategy: plan.strategy, reason, assignedById: actor.userId, assignedAt };
  });
  await em.upsertMany(LeadAssignment, records);
  await em.flush();
  return leads;
}
