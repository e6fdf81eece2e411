import { Events, type EventConsumer, type EventPayload } from '@crm/events';
import type { EntityManager } from '@mikro-orm/core';
import { DirectoryUser } from './directory-user.entity';
import { rehomeSubtree } from './rehome-subtree';

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
const rehomePeople = (em: EntityManager, { fromPath, toPath }: EventPayload<typeof Events.OrgUnitMoved>) =>
  rehomeSubtree(em, 'directory_user', 'org_path', fromPath, toPath);

/**
 * Keeps a subgraph's replica of identity's people and their place in the org tree, from which it
 * decides what each actor may see without asking identity on every request.
 */
export const directoryConsumer: EventConsumer = {
  name: 'directory',
  handlers: {
    [Events.UserCreated]: upsertUser,
    [Events.UserUpdated]: upsertUser,
    [Events.OrgUnitMoved]: rehomePeople,
  },
};
