import { definePermissions } from '@crm/platform';

/** Pipelines shape every rep's work and the funnel reports (ANA-8), so only admins define them. */
export const pipelinePermissions = definePermissions({
  'pipeline.define': ['ADMIN'],
});
