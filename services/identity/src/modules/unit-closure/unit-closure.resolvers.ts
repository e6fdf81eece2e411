import { requireActor } from '@crm/platform';
import type { Resolvers } from '../../generated/graphql';
import { closeOrgUnit } from './unit-closure.service';

export const unitClosureResolvers: Resolvers = {
  Mutation: {
    closeOrgUnit: (_root, { id }, { em, actor }) => closeOrgUnit(em, requireActor(actor), id),
  },
};
