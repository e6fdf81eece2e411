import { directoryConsumer } from './directory.consumer';
import { actorFromDirectory } from './directory-actor';
import { directoryEntities } from './directory.entities';
import { directoryMigrations } from './directory.migration';
import type { TerritoryTables } from '../territory';

/**
 * Everything a subgraph needs to enforce ORG-2 and ORG-3 from identity's events: the replica's
 * tables, their migrations, the consumer that fills them, the per-request actor lookup, and the
 * tables `territoryOwnerOf` reads to refuse cross-territory work.
 */
export const directory = {
  entities: directoryEntities,
  migrations: directoryMigrations,
  consumer: directoryConsumer,
  currentActor: actorFromDirectory,
  territories: {
    bindings: 'directory_territory_binding',
    areas: 'directory_territory_area',
    units: 'directory_org_unit',
  } satisfies TerritoryTables,
};
