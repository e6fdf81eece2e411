import type { EventConsumer } from '@crm/events';
import type { EntityManager, EntitySchema, MigrationObject } from '@mikro-orm/core';
import type { AuthKeys, Actor } from '../auth';

export type SubgraphName = 'identity' | 'customers' | 'funnel' | 'service' | 'analytics';

/** What every resolver receives: a request-scoped EntityManager and DataLoaders, and the actor. */
export interface SubgraphContext<TLoaders> {
  em: EntityManager;
  loaders: TLoaders;
  actor: Actor | null;
  auth: AuthKeys;
}

/**
 * A subgraph is data, not a program: its schema, resolvers, entities, migrations, loaders and event
 * consumers. The platform runs it the same way everywhere (own process, or all in one process).
 */
export interface SubgraphDefinition<TLoaders = unknown> {
  name: SubgraphName;
  /** The modules' resolver maps, each typed by the service's graphql-codegen `Resolvers`; merged per type. */
  resolvers: readonly object[];
  entities: EntitySchema[];
  /** The service's own migrations, oldest first; the outbox/inbox tables are added by the platform. */
  migrations: MigrationObject[];
  /** Per request; loaders of owned records apply the actor's visibility. */
  createLoaders(em: EntityManager, actor: Actor | null): TLoaders;
  /** Keeps identity's directory replica (see `directory`) and enforces ORG-2 with it. */
  usesDirectory?: boolean;
  /**
   * The signed-in person as this subgraph knows them now, or null once deactivated (their token is
   * then refused). Defaults to the directory's view; identity, which owns people, supplies its own.
   */
  currentActor?(em: EntityManager, token: Actor): Promise<Actor | null>;
  /** Root fields an anonymous caller may use (e.g. `login`). */
  publicFields?: readonly string[];
  consumers?: readonly EventConsumer[];
  /** Writes this subgraph's part of the demo data set; must do nothing when it is already there. */
  seedDemoData?(em: EntityManager): Promise<void>;
}
