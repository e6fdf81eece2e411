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

/** Keeps the owner directory in step with identity. */
export const ownerDirectoryConsumer: EventConsumer = {
  name: 'owner-directory',
  handlers: {
    [Events.UserCreated]: upsertUser,
    [Events.UserUpdated]: upsertUser,
  },
};
