import { JobRecord, parseId, parsePageArgs, requireActor } from '@crm/platform';
import type { Context } from '../../context';
import type { Resolvers } from '../../generated/graphql';
import { LeadAssignmentRun } from './assignment.entity';
import { AssignmentRunNotFoundException } from './assignment.exception';
import { createAssignmentRule, deleteAssignmentRule, listAssignmentRules } from './assignment-rules';
import { assignLeads, distributeLeads } from './assignment.service';

async function findRun({ em, actor }: Context, rawId: string): Promise<LeadAssignmentRun> {
  const id = parseId(rawId);
  const { userId, roles } = requireActor(actor);
  const run = await em.findOne(LeadAssignmentRun, { id });
  if (!run || (run.requestedById !== userId && !roles.includes('ADMIN'))) throw new AssignmentRunNotFoundException(id);
  return run;
}

export const assignmentResolvers: Resolvers = {
  Query: {
    assignmentRules: (_root, args, context) => listAssignmentRules(context, parsePageArgs(args)),
    leadAssignmentRun: (_root, { id }, context) => findRun(context, id),
  },
  Mutation: {
    assignLeads: (_root, { input }, context) => assignLeads(context, context.startJob, input),
    distributeLeads: (_root, { input }, context) => distributeLeads(context, input),
    createAssignmentRule: (_root, { input }, context) => createAssignmentRule(context, input),
    deleteAssignmentRule: (_root, { id }, context) => deleteAssignmentRule(context, id),
  },
  Lead: {
    assignment: (lead, _args, { loaders }) => loaders.leadAssignment.load(lead.id),
  },
  LeadAssignment: {
    assignedBy: (record) => ({ id: record.assignedById }),
  },
  LeadAssignmentRun: {
    total: (run) => run.leadIds.length,
    job: (run, _args, { em }) => (run.jobId ? em.findOne(JobRecord, { id: run.jobId }) : null),
  },
  AssignmentRule: {
    toOwner: (rule) => (rule.toOwnerId ? { id: rule.toOwnerId } : null),
  },
};
