import type { Resolvers } from '../../generated/graphql';
import { dataQualityConfigs, setDataQualityConfig } from './data-quality-config.service';
import { dataQualityByRep, repDataQuality, unitDataQuality } from './data-quality.service';

export const dataQualityResolvers: Resolvers = {
  Query: {
    dataQualityConfig: (_root, _args, { em, actor }) => dataQualityConfigs(em, actor),
    repDataQuality: (_root, args, { em, actor }) => repDataQuality(em, actor, args),
    unitDataQuality: (_root, args, { em, actor }) => unitDataQuality(em, actor, args),
    dataQualityByRep: (_root, args, { em, actor }) => dataQualityByRep(em, actor, args),
  },
  Mutation: {
    setDataQualityConfig: (_root, { input }, context) => setDataQualityConfig(context, input),
  },
  Customer: {
    completeness: (customer, _args, { loaders }) => loaders.completeness.load(customer.id),
  },
};
