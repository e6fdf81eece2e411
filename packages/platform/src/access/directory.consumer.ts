import { Events, type EventConsumer, type EventPayload } from '@crm/events';
import type { EntityManager } from '@mikro-orm/core';
import { DirectoryUser } from './directory-user.entity';

async function upsertUser(em: EntityManager, user: EventPayload<typeof Events.UserCreated>): Promise<void> {
  await em.upsert(DirectoryUser, {
    id: user.userId,
    displayName: user.displayName,
    orgUnitId: user.orgUnitId,
    orgPath: user.orgPath,
    active: user.active,
  });
}

/** A moved org unit takes everyone under it along: their paths get the new prefix. */
async function rehomeSubtree(em: EntityManager, { fromPath, toPath }: EventPayload<typeof Events.OrgUnitMoved>): Promise<void> {
  await em
    .getConnection()
    .execute(
      // subpath() refuses an empty remainder, so the subtree's root gets the new path as a whole.
      'update directory_user set org_path = case when org_path = ?::ltree then ?::ltree else ?::ltree || subpath(org_path, nlevel(?::ltree)) end where org_path <@ ?::ltree',
      [fromPath, toPath, toPath, fromPath, fromPath],
      'run',
      em.getTransactionContext(),
    );
}

/**
 * Keeps a subgraph's replica of identity's people and their place in the org tree, from which it
 * decides what each actor may see without asking identity on every request.
 */
export const directoryConsumer: EventConsumer = {
  name: 'directory',
  handlers: {
    [Events.UserCreated]: upsertUser,
    [Events.UserUpdated]: upsertUser,
    [Events.OrgUnitMoved]: rehomeSubtree,
  },
};
