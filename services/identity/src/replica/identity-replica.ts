import { defineModule } from '@crm/platform';
import { directoryConsumer } from './directory.consumer';
import { directoryEntities } from './directory.entities';
import { directoryMigrations } from './directory.migration';
import type { TerritoryTables } from './territory-resolution';

/**
 * identity's replica, for every other subgraph to list among its modules: the `directory_*`
 * tables (people, units, teams, leave, territories) in the subgraph's own database, their
 * migrations, and the consumer that keeps them from identity's events. With it a subgraph enforces
 * identity's rules — who sees what (ORG-2), who may own what, who handles (ORG-5), who owns a
 * territory (ORG-3) — locally, never by calling identity.
 */
export const identityReplica = defineModule({
  name: 'identity-replica',
  replicaOf: 'identity',
  entities: directoryEntities,
  migrations: directoryMigrations,
  consumers: [directoryConsumer],
});

/** The tables `territoryOwnerOf` reads in a subgraph holding the replica. */
export const replicaTerritoryTables: TerritoryTables = {
  bindings: 'directory_territory_binding',
  areas: 'directory_territory_area',
  units: 'directory_org_unit',
};
