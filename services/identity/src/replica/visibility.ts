import type { Actor, RowCondition } from '@crm/platform';

/**
 * What an actor may see of owned records (ORG-2): open downward, closed upward. Managers and team
 * leads see everything owned inside their unit's subtree; everyone else sees their own.
 */
export type Visibility = { scope: 'subtree'; path: string } | { scope: 'own'; userIds: readonly string[] };

const SUBTREE_ROLES = ['ADMIN', 'MANAGER', 'TEAM_LEAD'];

export function visibilityOf(actor: Actor): Visibility {
  return actor.roles.some((role) => SUBTREE_ROLES.includes(role))
    ? { scope: 'subtree', path: actor.orgPath }
    : // An assistant's token names the reps they support; a change applies from their next token.
      { scope: 'own', userIds: [actor.userId, ...(actor.supports ?? [])] };
}

/** Rows whose owner (an identity user id in `ownerColumn`) the actor may see. */
export function visibleOwnerCondition(visibility: Visibility, ownerColumn: string): RowCondition {
  return visibility.scope === 'own'
    ? // Literal values (knex expands the array) let the planner use the owner index.
      { sql: `"${ownerColumn}" in (?)`, params: [visibility.userIds] }
    : {
        sql: `"${ownerColumn}" in (select d.id from directory_user d where d.org_path <@ ?::ltree)`,
        params: [visibility.path],
      };
}

/**
 * The condition for an actor, or one matching nothing for an anonymous caller. With several owner
 * columns (e.g. primary and secondary owner) a row is visible through any of them; with a team
 * column, also to every member of the sales team sharing it (ORG-4).
 */
export function visibleOwnerConditionFor(
  actor: Actor | null,
  ownerColumns: string | readonly string[],
  teamColumn?: string,
): RowCondition {
  if (!actor) return { sql: 'false', params: [] };
  const visibility = visibilityOf(actor);
  const conditions = (typeof ownerColumns === 'string' ? [ownerColumns] : ownerColumns).map((column) =>
    visibleOwnerCondition(visibility, column),
  );
  if (teamColumn && actor.teamIds?.length) conditions.push({ sql: `"${teamColumn}" in (?)`, params: [actor.teamIds] });
  return { sql: conditions.map((c) => `(${c.sql})`).join(' or '), params: conditions.flatMap((c) => c.params) };
}

/** Whether the actor may act on this person's behalf or on their records: the same rule as the row filter. */
export function canReach(actor: Actor, person: { id: string; orgPath: string }): boolean {
  const visibility = visibilityOf(actor);
  return visibility.scope === 'own'
    ? visibility.userIds.includes(person.id)
    : person.orgPath === visibility.path || person.orgPath.startsWith(`${visibility.path}.`);
}
