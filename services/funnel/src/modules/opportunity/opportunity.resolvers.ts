import { parseId, parsePageArgs } from '@crm/platform';
import type { Context } from '../../context';
import type { Resolvers } from '../../generated/graphql';
import { findStage } from '../pipeline';
import { convertLead } from './lead-conversion';
import { closeOpportunity, listOpportunities, moveOpportunityStage } from './opportunity.service';

const finder = ({ loaders }: Context) => (id: string) => loaders.opportunity.load(id);

/** A stage read through its pipeline, which keeps retired ones. */
const stageOf = async ({ loaders }: Context, pipelineId: string, stageId: string) => {
  const pipeline = await loaders.pipeline.load(pipelineId);
  return pipeline ? (findStage(pipeline, stageId) ?? null) : null;
};

export const opportunityResolvers: Resolvers = {
  Query: {
    opportunity: (_root, { id }, { loaders }) => loaders.opportunity.load(parseId(id)),
    opportunities: (_root, { filter, orderBy, ...args }, { em, actor }) => listOpportunities(em, actor, parsePageArgs(args), filter, orderBy),
  },
  Mutation: {
    convertLead: (_root, { input }, context) => convertLead(context, (id) => context.loaders.lead.load(id), input),
    moveOpportunityStage: (_root, { input }, context) => moveOpportunityStage(context, finder(context), input),
    closeOpportunity: (_root, args, context) => closeOpportunity(context, finder(context), args),
  },
  Opportunity: {
    __resolveReference: (ref, { loaders }) => loaders.opportunity.load(ref.id),
    customer: (opportunity) => ({ id: opportunity.customerId }),
    owner: (opportunity) => ({ id: opportunity.ownerId }),
    pipeline: async (opportunity, _args, { loaders }) => (await loaders.pipeline.load(opportunity.pipelineId))!,
    stage: async (opportunity, _args, context) => (await stageOf(context, opportunity.pipelineId, opportunity.stageId))!,
    sourceLead: (opportunity, _args, { loaders }) => (opportunity.sourceLeadId ? loaders.lead.load(opportunity.sourceLeadId) : null),
    stageHistory: (opportunity, args, { loaders }) => loaders.stageHistory.connection(opportunity.id, args),
  },
  StageChange: {
    fromStage: (change, _args, context) => (change.fromStageId ? stageOf(context, change.pipelineId, change.fromStageId) : null),
    toStage: async (change, _args, context) => (await stageOf(context, change.pipelineId, change.toStageId))!,
    movedBy: (change) => ({ id: change.movedById }),
  },
  Customer: {
    opportunities: (customer, args, { loaders }) => loaders.opportunitiesByCustomer.connection(customer.id, args),
    lifecycle: (customer, _args, { loaders }) => loaders.customerLifecycle.load(customer.id),
  },
  Lead: {
    opportunity: (lead, _args, { loaders }) => loaders.opportunityByLead.load(lead.id),
  },
};
