import { defineModule } from '@crm/platform';
import { AssignmentCursorSchema, AssignmentRuleSchema, LeadAssignmentRunSchema, LeadAssignmentSchema } from './assignment.entity';
import { assignLeadsJob } from './assignment.job';
import { assignmentResolvers } from './assignment.resolvers';
import { assignmentMigrations } from './migrations';

/**
 * FUN-6: verified leads to reps — round robin, at random, by hand, by admins' rules, an even split,
 * or by reps' proven strengths — skipping reps away or at capacity; big lists as a job.
 */
export const assignmentModule = defineModule({
  name: 'assignment',
  entities: [LeadAssignmentSchema, AssignmentRuleSchema, AssignmentCursorSchema, LeadAssignmentRunSchema],
  migrations: assignmentMigrations,
  resolvers: [assignmentResolvers],
  jobs: [assignLeadsJob],
});
