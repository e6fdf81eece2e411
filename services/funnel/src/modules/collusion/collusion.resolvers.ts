import { parseId, parsePageArgs } from '@crm/platform';
import type { Resolvers } from '../../generated/graphql';
import { readThresholds, setThresholds } from './collusion-thresholds';
import { dismissFlag, listFlags, reverseFlaggedClaim } from './collusion.service';

export const collusionResolvers: Resolvers = {
  Query: {
    collusionFlags: (_root, { filter, ...args }, { em, actor }) => listFlags(em, actor, parsePageArgs(args), filter),
    collusionFlag: (_root, { id }, { loaders }) => loaders.collusionFlag.load(parseId(id)),
    collusionThresholds: (_root, _args, context) => readThresholds(context),
  },
  Mutation: {
    dismissCollusionFlag: (_root, args, context) => dismissFlag(context, args),
    reverseCollusionClaim: (_root, args, context) => reverseFlaggedClaim(context, args),
    setCollusionThresholds: (_root, { input }, context) => setThresholds(context, input),
  },
  CollusionFlag: {
    personA: (flag) => ({ id: flag.personAId }),
    personB: (flag) => ({ id: flag.personBId }),
    closedBy: (flag) => (flag.closedById ? { id: flag.closedById } : null),
    evidence: (flag, args, { loaders }) => loaders.collusionEvidence.connection(flag.id, args),
  },
  CollusionEvidence: {
    move: (movement) => movement.kind,
    customer: (movement) => ({ id: movement.customerId }),
    person: (movement) => ({ id: movement.personId }),
    formerOwner: (movement) => (movement.formerOwnerId ? { id: movement.formerOwnerId } : null),
    at: (movement) => movement.occurredAt,
  },
};
