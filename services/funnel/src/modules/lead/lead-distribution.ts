import { fields, parseInput, requireActor, type Scope } from '@crm/platform';
import { requireOwnerInReach } from '@crm/identity/replica';
import { z } from 'zod';
import { LeadStatus } from '../../generated/graphql';
import type { Lead } from './lead.entity';
import { LeadNotFoundException, LeadNotVerifiedException } from './lead.exception';
import { leadPermissions } from './lead.permissions';
import { changeLeadOwner } from './lead.service';

const distributeInput = z.object({
  leadIds: z.array(fields.id('leadIds')).min(1, 'name at least one lead').max(1_000, 'at most 1,000 leads at once'),
  toOwnerId: fields.id('toOwnerId'),
});

/**
 * A manager hands verified leads to a rep within reach (FUN-6's manual assignment), each an
 * ordinary audited reassignment. All or nothing: one unseen lead is NOT_FOUND, one unverified
 * lead refuses the call with LEAD_NOT_VERIFIED.
 */
export async function distributeLeads(scope: Scope, findVisible: (id: string) => Promise<Lead | null>, input: unknown): Promise<Lead[]> {
  const actor = requireActor(scope.actor);
  const data = parseInput(distributeInput, input);
  const ids = [...new Set(data.leadIds)];
  const found = await Promise.all(ids.map(findVisible));
  const missing = ids.filter((_id, i) => !found[i]);
  if (missing.length) throw new LeadNotFoundException(missing);
  const leads = found as Lead[];
  leadPermissions.require(actor, 'lead.distribute');
  const unverified = leads.filter((lead) => lead.status !== LeadStatus.Verified);
  if (unverified.length) throw new LeadNotVerifiedException(unverified.map((lead) => lead.id));
  await requireOwnerInReach(scope.em, actor, data.toOwnerId);
  for (const lead of leads) if (lead.ownerId !== data.toOwnerId) changeLeadOwner(scope, lead, data.toOwnerId, 'Distributed after verification.');
  await scope.em.flush();
  return leads;
}
