import { pgArray } from '@crm/events';
import { entityLoader, parsePageArgs, toConnection, type Actor, type Connection, type PageRequest, type RowCondition } from '@crm/platform';
import { visibilityOf, visibleOwnerCondition } from '@crm/identity/replica';
import type { EntityDictionary, EntityManager } from '@mikro-orm/core';
import DataLoader from 'dataloader';
import { CollusionFlag, CollusionMovement } from './collusion.entity';
import { collusionPermissions } from './collusion.permissions';

/** A flag is seen by managers and admins who reach both its people (ORG-2); by no one else, so never by the people themselves. */
export function visibleFlags(actor: Actor | null): RowCondition {
  if (!actor || !collusionPermissions.can(actor, 'collusion.review')) return { sql: 'false', params: [] };
  const visibility = visibilityOf(actor);
  const [a, b] = [visibleOwnerCondition(visibility, 'person_a_id'), visibleOwnerCondition(visibility, 'person_b_id')];
  // Never to either of the two people: a manager who claims or drops is judged by those above them.
  return { sql: `(${a.sql}) and (${b.sql}) and ? not in (person_a_id, person_b_id)`, params: [...a.params, ...b.params, actor.userId] };
}

const FLAG_ID = '__flag_id';

/**
 * A page of each flag's evidence in the order it happened, every flag asking for the same page in
 * one statement. Only asked for flags already read through the visibility above.
 */
function evidenceLoader(em: EntityManager) {
  const loaders = new Map<string, DataLoader<string, CollusionMovement[]>>();
  const load = (page: PageRequest) =>
    new DataLoader<string, CollusionMovement[]>(async (flagIds) => {
      const after = page.afterId ? 'and (m.occurred_at, m.id) > (select occurred_at, id from collusion_movement where id = ?)' : '';
      const rows = (await em.getConnection().execute(
        `select p.flag_id as "${FLAG_ID}", m.* from unnest(?::uuid[]) as p(flag_id)
          cross join lateral (
            select m.* from collusion_flag_movement fm join collusion_movement m on m.id = fm.movement_id
             where fm.flag_id = p.flag_id ${after} order by m.occurred_at, m.id limit ?) m`,
        [pgArray([...flagIds]), ...(page.afterId ? [page.afterId] : []), page.first + 1],
      )) as ({ [FLAG_ID]: string } & EntityDictionary<CollusionMovement>)[];
      const byFlag = new Map(flagIds.map((id) => [id, [] as CollusionMovement[]]));
      for (const { [FLAG_ID]: flagId, ...row } of rows) byFlag.get(flagId)?.push(em.map(CollusionMovement, row));
      return flagIds.map((id) => byFlag.get(id)!);
    });
  return {
    async connection(flagId: string, args: { first?: number | null; after?: string | null }): Promise<Connection<CollusionMovement>> {
      const page = parsePageArgs(args);
      const key = `${page.first}:${page.afterId ?? ''}`;
      if (!loaders.has(key)) loaders.set(key, load(page));
      return toConnection(await loaders.get(key)!.load(flagId), page);
    },
  };
}

export function createCollusionLoaders(em: EntityManager, actor: Actor | null) {
  return {
    collusionFlag: entityLoader(em, CollusionFlag, visibleFlags(actor)),
    collusionEvidence: evidenceLoader(em),
  };
}
