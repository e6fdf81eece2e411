/**
 * The roles an access token carries. Every subgraph checks them, so they are declared here once;
 * identity's `Role` enum in its SDL must list the same values (its tests compare the two).
 */
export const ROLES = ['ADMIN', 'MANAGER', 'TEAM_LEAD', 'REP', 'ASSISTANT'] as const;

export type Role = (typeof ROLES)[number];

/** Narrows a role named by another subgraph's event; a role this build does not know grants nothing. */
export const knownRoles = (roles: readonly string[]): Role[] => roles.filter((role): role is Role => (ROLES as readonly string[]).includes(role));
