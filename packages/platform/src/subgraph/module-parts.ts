import type { EventConsumer } from '@crm/events';
import type { EntitySchema, MigrationObject } from '@mikro-orm/core';
import type { JobDefinition } from '../jobs';
import type { SubgraphDefinition } from './subgraph-definition';

/** Every consumer a subgraph runs: its modules' and its replicas'. */
export const consumersOf = (definition: SubgraphDefinition<unknown>): EventConsumer[] => definition.modules.flatMap((module) => module.consumers ?? []);

export const entitiesOf = (definition: SubgraphDefinition<unknown>): EntitySchema[] =>
  definition.modules.flatMap((module) => module.entities ?? []);

/** The modules' migrations in one timeline: names start with a timestamp, so a later module's table can refer to an earlier one's. */
export const migrationsOf = (definition: SubgraphDefinition<unknown>): MigrationObject[] =>
  definition.modules.flatMap((module) => module.migrations ?? []).sort((a, b) => a.name.localeCompare(b.name));

export const resolversOf = (definition: SubgraphDefinition<unknown>): object[] => definition.modules.flatMap((module) => module.resolvers ?? []);

export const jobsOf = (definition: SubgraphDefinition<unknown>): JobDefinition[] => definition.modules.flatMap((module) => module.jobs ?? []);
