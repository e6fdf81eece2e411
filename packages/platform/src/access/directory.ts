import { directoryConsumer } from './directory.consumer';
import { actorFromDirectory } from './directory-actor';
import { directoryEntities } from './directory.entities';
import { directoryMigrations } from './directory.migration';

/**
 * Everything a subgraph needs to enforce ORG-2 from identity's events: the replica's tables,
 * their migrations, the consumer that fills them and the per-request actor lookup.
 */
export const directory = {
  entities: directoryEntities,
  migrations: directoryMigrations,
  consumer: directoryConsumer,
  currentActor: actorFromDirectory,
};
