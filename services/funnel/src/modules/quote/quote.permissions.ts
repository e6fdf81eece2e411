import { definePermissions } from '@crm/platform';

/**
 * Whoever works an opportunity quotes for it: which quotes is a matter of which opportunities they
 * see (ORG-2). An assistant prepares quotes for the reps they support (ORG-6).
 */
export const quotePermissions = definePermissions({
  'quote.prepare': ['REP', 'ASSISTANT', 'TEAM_LEAD', 'MANAGER', 'ADMIN'],
});
