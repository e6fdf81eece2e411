import { Events } from '@crm/events';
import { checkIdentityKey, fields, InputException, newId, parseInput, requireActor, type Actor, type Scope } from '@crm/platform';
import { DirectoryUser, findDivision, replicaTerritoryTables, requireOwnerInTerritory } from '@crm/identity/replica';
import { z } from 'zod';
import { CustomerKind, LeadStatus } from '../../generated/graphql';
import type { Lead } from '../lead';
import { activeStages, DEFAULT_PIPELINE_ID, Pipeline, PipelineNotFoundException } from '../pipeline';
import { reviewNewCustomer } from '../risk-review';
import { Opportunity } from './opportunity.entity';
import { ConvertedLeadNotFoundException, CustomerNameRequiredException, LeadNotConvertibleException } from './opportunity.exception';
import { givenFields, stageFieldInput } from './opportunity-fields';
import { enterStage } from './stage-change';

const convertInput = z.object({
  leadId: fields.id('leadId'),
  pipelineId: fields.id('pipelineId').nullish(),
  amount: stageFieldInput.amount,
  expectedCloseDate: stageFieldInput.expectedCloseDate,
  customer: z
    .object({
      name: fields.text(200).nullish(),
      kind: z.enum(CustomerKind).nullish(),
      divisionCode: z.string().regex(/^\d{6}$/, 'must be a 6-digit GB/T 2260 division code').nullish(),
      mobile: fields.text(40).nullish(),
      uscc: fields.text(40).nullish(),
    })
    .nullish(),
});

type CustomerInput = NonNullable<z.infer<typeof convertInput>['customer']>;

/** The customer customers is to create under the id funnel assigned: lead.converted's newCustomer. */
export interface NewCustomer {
  name: string;
  kind: CustomerKind;
  divisionCode: string | null;
  mobile: string | null;
  uscc: string | null;
}

/** A key checked here so a bad one is refused now, not dead-lettered in customers; only the kind's own key (CUS-2). */
function checkedKey(kind: 'MOBILE' | 'USCC', raw: string | null | undefined, now: Date): string | null {
  if (!raw) return null;
  const checked = checkIdentityKey(kind, raw, now);
  const field = `customer.${kind === 'MOBILE' ? 'mobile' : 'uscc'}`;
  if (!checked.ok) throw new InputException(`${field}: ${checked.message}`, field);
  return checked.normalized;
}

/**
 * The new customer from the input, each field defaulting to the lead's, and the territory check
 * customers would make (ORG-3), made here against funnel's identity replica so a refusal is
 * synchronous rather than a customer that never appears.
 */
async function newCustomerOf(scope: Scope, actor: Actor, lead: Lead, input: CustomerInput): Promise<NewCustomer> {
  const name = input.name ?? lead.companyName ?? lead.contactName;
  if (!name) throw new CustomerNameRequiredException();
  const kind = input.kind ?? (lead.companyName ? CustomerKind.Company : CustomerKind.Individual);
  const divisionCode = input.divisionCode ?? lead.divisionCode;
  const division = divisionCode ? findDivision(divisionCode) : null;
  if (divisionCode && !division) throw new InputException(`customer.divisionCode: ${divisionCode} is not a GB/T 2260 division.`, 'customer.divisionCode');
  if (division) {
    const owner = await scope.em.findOneOrFail(DirectoryUser, { id: lead.ownerId });
    await requireOwnerInTerritory(scope.em, replicaTerritoryTables, actor, owner, { division, describe: `${name} (${division.name})` }, null);
  }
  const now = scope.clock.now();
  return {
    name,
    kind,
    divisionCode: division?.code ?? null,
    mobile: kind === CustomerKind.Individual ? checkedKey('MOBILE', input.mobile ?? lead.mobile, now) : null,
    uscc: kind === CustomerKind.Company ? checkedKey('USCC', input.uscc ?? lead.uscc, now) : null,
  };
}

/**
 * FUN-2: a verified lead becomes an opportunity at its pipeline's first stage, owned by the lead's
 * owner, and the lead CONVERTED — one transaction with lead.converted, which carries the new
 * customer (if any) for customers to create under the id assigned here.
 */
export async function convertLead(scope: Scope, findVisibleLead: (id: string) => Promise<Lead | null>, input: unknown): Promise<Opportunity> {
  const actor = requireActor(scope.actor);
  const data = parseInput(convertInput, input);
  const lead = await findVisibleLead(data.leadId);
  if (!lead) throw new ConvertedLeadNotFoundException(data.leadId);
  if (lead.status !== LeadStatus.Verified) throw new LeadNotConvertibleException(lead.id, lead.status);
  const pipelineId = data.pipelineId ?? DEFAULT_PIPELINE_ID;
  const pipeline = await scope.em.findOne(Pipeline, { id: pipelineId });
  if (!pipeline) throw new PipelineNotFoundException(pipelineId);
  const newCustomer = lead.customerId ? null : await newCustomerOf(scope, actor, lead, data.customer ?? {});
  const opportunity = Object.assign(new Opportunity(), {
    customerId: lead.customerId ?? newId(),
    ownerId: lead.ownerId,
    pipelineId: pipeline.id,
    sourceLeadId: lead.id,
    createdAt: scope.clock.now(),
  });
  enterStage(scope, opportunity, activeStages(pipeline)[0]!, givenFields(data), actor.userId);
  scope.em.persist(opportunity);
  Object.assign(lead, { status: LeadStatus.Converted, customerId: opportunity.customerId });
  scope.recordEvent({
    type: Events.LeadConverted,
    key: lead.id,
    payload: { leadId: lead.id, opportunityId: opportunity.id, customerId: opportunity.customerId, ownerId: lead.ownerId, convertedById: actor.userId, newCustomer },
  });
  if (newCustomer) await reviewNewCustomer(scope, { lead, customerId: opportunity.customerId, newCustomer });
  scope.audit({ subjectType: 'Lead', subjectId: lead.id, action: 'lead.converted', before: { status: LeadStatus.Verified }, after: { status: lead.status, opportunityId: opportunity.id } });
  await scope.em.flush();
  return opportunity;
}
