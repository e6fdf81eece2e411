import type { EntityManager } from '@mikro-orm/core';
import type { AuthKeys, Actor } from '../auth';
import type { StartJob } from '../jobs';
import type { ModuleDefinition } from '../module';
import type { Scope } from '../scope';

/** A subgraph's name: its folder under `services/`, its database and its topics' middle part. */
export type SubgraphName = string;

/** What every resolver receives: the request's scope (a forked EntityManager, the actor, the clock), and fresh DataLoaders. */
export interface SubgraphContext<TLoaders> extends Scope {
  loaders: TLoaders;
  auth: AuthKeys;
  /** The end client's address as the gateway saw it (`x-forwarded-for`), for per-address throttling. */
  clientAddress: string | null;
  /** Starts one of this subgraph's jobs as the actor, checked like `run…Job`. */
  startJob: StartJob;
}

/**
 * A subgraph is data, not a program: the list of its modules, plus how it builds per-request
 * loaders and knows the signed-in person. The platform runs it the same way everywhere (own
 * process, or all in one process).
 */
export interface SubgraphDefinition<TLoaders = unknown> {
  name: SubgraphName;
  /** Each module's folder holds its SDL, entities, migrations, resolvers, loaders, consumers and jobs. */
  modules: readonly ModuleDefinition[];
  /** Per request; loaders of owned records apply the actor's visibility. */
  createLoaders(em: EntityManager, actor: Actor | null): TLoaders;
  /**
   * The signed-in person as this subgraph knows them now, or null once deactivated (their token is
   * then refused): identity reads its own people, the others their replica of them. Without it the
   * token's claims are taken as they are.
   */
  currentActor?(em: EntityManager, token: Actor): Promise<Actor | null>;
  /** Root fields an anonymous caller may use (e.g. `login`). */
  publicFields?: readonly string[];
  /**
   * Writes this subgraph's part of the demo data set as the system; must do nothing when it is
   * already there. `seededWith` names the subgraphs whose demo is seeded in the same run (undefined:
   * all of them), so a part built on another subgraph's demo (funnel's orders on customers' groups)
   * is left out when that subgraph is not there to provide it.
   */
  seedDemoData?(scope: Scope, seededWith?: readonly string[]): Promise<void>;
}
