import type { EntityManager } from '@mikro-orm/core';
import type { HandlerLookups } from './handler-fallback';

const rows = async <T>(em: EntityManager, sql: string, params: unknown[]) =>
  (await em.getConnection().execute(sql, params, 'all', em.getTransactionContext())) as T[];

/**
 * resolveHandler's lookups, the one place "who handles" is written in SQL: available means active
 * and not on leave; the team leader is the leader of the person's oldest team — or of the team the
 * record is shared with, when it is; managers are the MANAGERs and TEAM_LEADs of their unit and
 * above. They read the directory replica's tables (`directory_user`, `directory_sales_team`,
 * `directory_team_member`, `directory_leave`); identity, which owns the originals, has views of
 * those names over its own tables and answers its `whoHandles` with these same lookups.
 */
export function directoryHandlerLookups(em: EntityManager, options: { sharedWithTeamId?: string | null } = {}): HandlerLookups {
  return {
    isAvailable: async (userId, at) => {
      const [row] = await rows<{ available: boolean }>(
        em,
        `select u.active and not exists (
            select 1 from directory_leave l where l.user_id = u.id and l.starts_at <= ? and l.ends_at > ?) as available
           from directory_user u where u.id = ?`,
        [at, at, userId],
      );
      return row?.available ?? false;
    },
    teamLeaderOf: async (userId) => {
      // Team ids are UUIDv7, so the smallest is the oldest team.
      const [row] = await rows<{ leader_id: string }>(
        em,
        options.sharedWithTeamId
          ? 'select t.leader_id from directory_sales_team t where t.id = ?'
          : `select t.leader_id from directory_sales_team t join directory_team_member m on m.team_id = t.id
              where m.user_id = ? and t.leader_id <> ? order by t.id limit 1`,
        options.sharedWithTeamId ? [options.sharedWithTeamId] : [userId, userId],
      );
      return row?.leader_id ?? null;
    },
    managersAbove: async (userId) => {
      const managers = await rows<{ id: string }>(
        em,
        `select u.id from directory_user u
          where u.org_path @> (select p.org_path from directory_user p where p.id = ?)
            and u.roles && array['MANAGER', 'TEAM_LEAD'] and u.id <> ?
          order by nlevel(u.org_path) desc, u.id`,
        [userId, userId],
      );
      return managers.map((row) => row.id);
    },
  };
}
