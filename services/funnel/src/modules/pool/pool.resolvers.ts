import { parseId, parsePageArgs } from '@crm/platform';
import type { Resolvers } from '../../generated/graphql';
import { PoolRecordType } from '../../generated/graphql';
import { findStage } from '../pipeline';
import { poolFlows } from './pool-flows';
import { listMyPrivatePool, listPublicPool } from './pool-lists';
import { readPoolPolicy, readRepPoolCapacity, setPoolPolicy, setRepPoolCapacity } from './pool-policy.service';
import { claimPoolRecord, releasePoolRecord } from './pool.service';

export const poolResolvers: Resolvers = {
  Query: {
    publicPool: (_root, { recordType, ...args }, { em, actor }) => listPublicPool(em, actor, recordType ?? PoolRecordType.Opportunity, parsePageArgs(args)),
    myPrivatePool: (_root, args, { em, actor }) => listMyPrivatePool(em, actor, parsePageArgs(args)),
    poolPolicy: (_root, { orgUnitId }, { em, actor }) => readPoolPolicy(em, actor, parseId(orgUnitId, 'orgUnitId')),
    repPoolCapacity: (_root, { userId }, { em, actor }) => readRepPoolCapacity(em, actor, parseId(userId, 'userId')),
    poolFlows: (_root, args, { em, actor }) => poolFlows(em, actor, args),
  },
  Mutation: {
    claimPoolRecord: (_root, { input }, context) => claimPoolRecord(context, input),
    releasePoolRecord: (_root, { input }, context) => releasePoolRecord(context, input),
    setPoolPolicy: (_root, { input }, context) => setPoolPolicy(context, input),
    setRepPoolCapacity: (_root, args, context) => setRepPoolCapacity(context, args),
  },
  PoolEntry: {
    opportunity: (entry, _args, { loaders }) => (entry.recordType === PoolRecordType.Opportunity ? loaders.opportunity.load(entry.recordId) : null),
    summary: (entry, _args, { loaders }) => (entry.recordType === PoolRecordType.Opportunity ? loaders.pooledOpportunity.load(entry.recordId) : null),
    customer: (entry) => ({ id: entry.customerId }),
    owner: (entry) => (entry.ownerId ? { id: entry.ownerId } : null),
    formerOwner: (entry) => (entry.formerOwnerId ? { id: entry.formerOwnerId } : null),
    warned: (entry) => entry.dropsAt !== null && entry.warnedDropsAt?.getTime() === entry.dropsAt.getTime(),
  },
  PoolOpportunitySummary: {
    pipeline: async (opportunity, _args, { loaders }) => (await loaders.pipeline.load(opportunity.pipelineId))!,
    stage: async (opportunity, _args, { loaders }) => findStage((await loaders.pipeline.load(opportunity.pipelineId))!, opportunity.stageId)!,
  },
};
