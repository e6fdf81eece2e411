import { definePermissions, type Role } from '@crm/platform';

/** Scores order every rep's lists, so only admins set the rules, and start a rescoring by hand. */
export const RULE_EDITORS: readonly Role[] = ['ADMIN'];

export const scoringPermissions = definePermissions({
  'scoring.define_rules': RULE_EDITORS,
});
