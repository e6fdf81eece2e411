import { parsePageArgs, requireActor } from '@crm/platform';
import type { Resolvers } from '../../generated/graphql';
import { DIMENSION_OF } from './scoring.entity';
import { createScoringRule, deleteScoringRule, listScoringRules, updateScoringRule } from './scoring.service';

export const scoringResolvers: Resolvers = {
  Query: {
    scoringRules: (_root, args, { em, actor }) => {
      requireActor(actor);
      return listScoringRules(em, parsePageArgs(args));
    },
  },
  Mutation: {
    createScoringRule: (_root, { input }, context) => createScoringRule(context, context.startJob, input),
    updateScoringRule: (_root, args, context) => updateScoringRule(context, context.startJob, args),
    deleteScoringRule: (_root, { id }, context) => deleteScoringRule(context, context.startJob, id),
  },
  ScoringRule: {
    dimension: (rule) => DIMENSION_OF[rule.factor],
  },
  Lead: {
    score: (lead, _args, { loaders }) => loaders.leadScore.load(lead.id),
  },
  Opportunity: {
    score: (opportunity, _args, { loaders }) => loaders.opportunityScore.load(opportunity.id),
  },
};
