import type { Resolvers } from '../../generated/graphql';
import { repDataQualityKpi } from './data-quality.service';

export const dataQualityResolvers: Resolvers = {
  Query: {
    repDataQualityKpi: (_root, args, { em, actor }) => repDataQualityKpi(em, actor, args),
  },
};
