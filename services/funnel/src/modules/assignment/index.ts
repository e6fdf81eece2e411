export { assignmentModule } from './assignment.module';
export { createAssignmentLoaders, type AssignmentLoaders } from './assignment.loaders';
export { LeadAssignment, AssignmentRule, LeadAssignmentRun } from './assignment.entity';
