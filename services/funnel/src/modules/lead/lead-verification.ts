import { Events } from '@crm/events';
import { fields, parseId, parseInput, requireActor, type Actor, type Scope } from '@crm/platform';
import { z } from 'zod';
import { LeadStatus } from '../../generated/graphql';
import type { Lead } from './lead.entity';
import { LeadNotFoundException, LeadNotNewException } from './lead.exception';
import { leadPermissions } from './lead.permissions';

const rejectInput = z.object({ id: fields.id('id'), reason: fields.text(500) });

/** The rule of a verified lead, for telesales' verdict and an import of a pre-verified list: announced, from now on distributable. */
export function markVerified(scope: Scope, lead: Lead, verifiedById: string): void {
  Object.assign(lead, { status: LeadStatus.Verified, verifiedAt: scope.clock.now(), verifiedById });
  scope.recordEvent({ type: Events.LeadVerified, key: lead.id, payload: { leadId: lead.id, ownerId: lead.ownerId, verifiedById } });
}

/** A lead the actor sees, which they own or may verify for others, still NEW. */
async function requireVerifiable(actor: Actor, findVisible: (id: string) => Promise<Lead | null>, id: string): Promise<Lead> {
  const lead = await findVisible(id);
  if (!lead) throw new LeadNotFoundException([id]);
  if (lead.ownerId !== actor.userId) leadPermissions.require(actor, 'lead.verify_others');
  if (lead.status !== LeadStatus.New) throw new LeadNotNewException(lead.id, lead.status);
  return lead;
}

/** Telesales reached the lead and it is real (seed 003: 电销核实): NEW → VERIFIED, audited. */
export async function verifyLead(scope: Scope, findVisible: (id: string) => Promise<Lead | null>, rawId: string): Promise<Lead> {
  const actor = requireActor(scope.actor);
  const lead = await requireVerifiable(actor, findVisible, parseId(rawId));
  markVerified(scope, lead, actor.userId);
  scope.audit({ subjectType: 'Lead', subjectId: lead.id, action: 'lead.verified', before: { status: LeadStatus.New }, after: { status: lead.status } });
  await scope.em.flush();
  return lead;
}

/** Telesales found the lead wrong, uninterested or irrelevant: NEW → DISCARDED with the reason, audited. */
export async function rejectLead(scope: Scope, findVisible: (id: string) => Promise<Lead | null>, input: unknown): Promise<Lead> {
  const actor = requireActor(scope.actor);
  const data = parseInput(rejectInput, input);
  const lead = await requireVerifiable(actor, findVisible, data.id);
  Object.assign(lead, { status: LeadStatus.Discarded, rejectionReason: data.reason });
  scope.recordEvent({ type: Events.LeadRejected, key: lead.id, payload: { leadId: lead.id, ownerId: lead.ownerId, rejectedById: actor.userId, reason: data.reason } });
  scope.audit({ subjectType: 'Lead', subjectId: lead.id, action: 'lead.rejected', before: { status: LeadStatus.New }, after: { status: lead.status }, reason: data.reason });
  await scope.em.flush();
  return lead;
}
