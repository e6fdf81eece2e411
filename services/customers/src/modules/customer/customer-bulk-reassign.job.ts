import { pgArray } from '@crm/events';
import { createScope, defineJob, fields, parseInput, requireActor, type Actor, type Scope } from '@crm/platform';
import { OutOfTerritoryException, TerritoryOverrideNotAllowedException, requireOwnerInReach, type DirectoryUser } from '@crm/identity/replica';
import { z } from 'zod';
import { Customer } from './customer.entity';
import { listedCustomers } from './customer.loaders';
import { customerPermissions } from './customer.permissions';
import { changeCustomerOwner, requireInTerritory } from './customer.service';

/** The most customers one run hands over (CUS-5). */
export const BULK_REASSIGN_LIMIT = 100_000;
const CHUNK = 500;

const payloadSchema = z
  .object({
    customerIds: z.array(fields.id('customerIds')).min(1).max(BULK_REASSIGN_LIMIT).optional(),
    filter: z.object({ ownerId: fields.id('filter.ownerId').optional(), divisionCode: z.string().regex(/^\d{6}$/).optional(), tag: fields.text(40).optional() }).optional(),
    toOwnerId: fields.id('toOwnerId'),
    territoryOverrideReason: fields.text(500).optional(),
  })
  .refine((p) => (p.customerIds ? !p.filter : Boolean(p.filter && Object.keys(p.filter).length)), 'give either customerIds or a non-empty filter');

type Payload = z.infer<typeof payloadSchema>;

/** The customers a run covers: those listed, or those matching the filter, always only those the starter sees. */
async function customerIdsFor(scope: Scope, actor: Actor, payload: Payload): Promise<string[]> {
  const listed = listedCustomers(actor);
  const conditions = [`(${listed.sql})`];
  const params: unknown[] = [...listed.params];
  const where = (condition: string, value: unknown) => {
    conditions.push(condition);
    params.push(value);
  };
  // One array parameter: a list of up to 100,000 ids would otherwise become as many placeholders.
  if (payload.customerIds) where('id = any(?::uuid[])', pgArray(payload.customerIds));
  if (payload.filter?.ownerId) where('owner_id = ?', payload.filter.ownerId);
  if (payload.filter?.divisionCode) where('division_code = ?', payload.filter.divisionCode);
  if (payload.filter?.tag) where('? = any(tags)', payload.filter.tag);
  const rows = (await scope.em.getConnection().execute(`select id from customer where ${conditions.join(' and ')} order by id limit ${BULK_REASSIGN_LIMIT}`, params)) as { id: string }[];
  return rows.map((row) => row.id);
}

/** True when ORG-3 keeps the customer from the new owner (no override, or one the starter may not give). */
async function outsideTerritory(scope: Scope, customer: Customer, toOwner: DirectoryUser, overrideReason: string | null): Promise<boolean> {
  try {
    await requireInTerritory(scope, customer, toOwner, overrideReason);
    return false;
  } catch (error) {
    if (error instanceof OutOfTerritoryException || error instanceof TerritoryOverrideNotAllowedException) return true;
    throw error;
  }
}

/**
 * Hands many customers to one rep (CUS-5): by list or by filter, within the starter's reach, each
 * an ordinary hand-over (the previous owner stays secondary, audited, published). A customer whose
 * territory the new owner is outside of is left as it is unless the starter gave an override
 * reason and may give it; the run reports how far it got, 500 customers per transaction.
 */
export const bulkReassignCustomersJob = defineJob<Payload>({
  kind: 'customer.bulk_reassign',
  startableBy: ['ADMIN', 'MANAGER', 'TEAM_LEAD'],
  singleton: false,
  retry: { limit: 2, delaySeconds: 30, backoff: true },
  parsePayload: (input) => parseInput(payloadSchema, input),
  async run({ scope, payload, progress, logger }) {
    const actor = requireActor(scope.actor);
    customerPermissions.require(actor, 'customer.reassign');
    const toOwner: DirectoryUser = await requireOwnerInReach(scope.em, actor, payload.toOwnerId);
    const ids = await customerIdsFor(scope, actor, payload);
    await progress(0, ids.length);
    let kept = 0;
    for (let done = 0; done < ids.length; done += CHUNK) {
      await scope.em.fork().transactional(async (tx) => {
        const chunk = createScope({ ...scope, em: tx });
        for (const customer of await tx.find(Customer, { id: { $in: ids.slice(done, done + CHUNK) }, ownerId: { $ne: toOwner.id } })) {
          if (await outsideTerritory(chunk, customer, toOwner, payload.territoryOverrideReason ?? null)) kept += 1;
          else changeCustomerOwner(chunk, customer, toOwner.id, customer.ownerId);
        }
      });
      await progress(Math.min(done + CHUNK, ids.length), ids.length);
    }
    if (kept) logger.info({ kept }, 'customers outside the new owner’s territory were left with their owner');
  },
});
