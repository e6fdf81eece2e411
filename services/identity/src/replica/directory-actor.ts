import type { EntityManager } from '@mikro-orm/core';
import { NotReadyException, type Actor, type Role } from '@crm/platform';

interface ActorRow {
  org_unit_id: string;
  org_path: string;
  active: boolean;
  roles: Role[];
  supports: string[];
  team_ids: string[];
}

/**
 * The person as the directory knows them now, in one statement: null once deactivated, undefined
 * when the directory has no such person.
 */
export async function readDirectoryActor(em: EntityManager, userId: string): Promise<Actor | null | undefined> {
  const [row] = (await em.getConnection().execute(
    `select u.org_unit_id, u.org_path::text as org_path, u.active, u.roles, u.supports,
            array(select m.team_id from directory_team_member m where m.user_id = u.id order by m.team_id) as team_ids
       from directory_user u where u.id = ?`,
    [userId],
  )) as ActorRow[];
  if (!row) return undefined;
  if (!row.active) return null;
  return { userId, orgUnitId: row.org_unit_id, orgPath: row.org_path, roles: row.roles, supports: row.supports, teamIds: row.team_ids };
}

/**
 * The signed-in person as this subgraph's directory knows them now: a move, a new role, a team or
 * a deactivation applies from the next request, not from the next token. Null once deactivated.
 * A token alone grants nothing here: someone identity has not told this subgraph about yet (a new
 * person in the instant before their event arrives, or a subgraph still replaying identity's log)
 * is asked to retry, because the token's claims may be stale (a move, a lost role).
 */
export async function actorFromDirectory(em: EntityManager, token: Actor): Promise<Actor | null> {
  const actor = await readDirectoryActor(em, token.userId);
  if (actor === undefined) {
    throw new NotReadyException(
      'This part of the CRM has not received your account from identity yet; it usually arrives within a second. Try again shortly.',
      'ACTOR_NOT_REPLICATED',
    );
  }
  return actor;
}
