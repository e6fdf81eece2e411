import type { EventConsumer } from '@crm/events';
import type { EntitySchema, MigrationObject } from '@mikro-orm/core';
import type { JobDefinition } from '../jobs';

/**
 * A module is one folder with one definition: its SDL (`<name>.graphql` beside this definition,
 * joined into the subgraph's schema by `npm run compose`), entities, migrations, resolvers,
 * consumers and jobs. A subgraph is the list of its modules.
 */
export interface ModuleDefinition {
  /** The folder's name; the module's SDL file is `<name>.graphql` in that folder. */
  name: string;
  /**
   * Set on a replica another subgraph publishes for others to list (e.g. identity's): its tables
   * and consumer live in the listing subgraph's database, its code and its rules with the owner.
   */
  replicaOf?: string;
  /** Resolver maps typed by the service's generated `Resolvers`; merged type by type with the other modules'. */
  resolvers?: readonly object[];
  entities?: readonly EntitySchema[];
  /** This module's migrations; a subgraph runs all its modules' migrations ordered by name (a timestamp). */
  migrations?: readonly MigrationObject[];
  consumers?: readonly EventConsumer[];
  jobs?: readonly JobDefinition[];
}

/** Identity only: it keeps a module's literal types for the reader and checks the shape. */
export const defineModule = <const M extends ModuleDefinition>(module: M): M => module;
