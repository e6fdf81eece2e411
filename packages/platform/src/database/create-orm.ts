import { MikroORM, type EntitySchema, type MigrationObject } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { ensureDatabase } from './ensure-database';

export interface OrmOptions {
  /** Unique per ORM in a process: MikroORM finds the current transaction by this name. */
  name: string;
  databaseUrl: string;
  entities: EntitySchema[];
  migrations: MigrationObject[];
  logger: Logger;
  /** Receives every SQL statement; tests use it to count queries. */
  onQuery?: (sql: string) => void;
}

/** Opens the service's database and brings its schema up to date with the service's own migrations. */
export async function createOrm(options: OrmOptions): Promise<MikroORM<PostgreSqlDriver>> {
  await ensureDatabase(options.databaseUrl);
  const orm = await MikroORM.init<PostgreSqlDriver>({
    driver: PostgreSqlDriver,
    clientUrl: options.databaseUrl,
    // Several subgraphs may share one process; without distinct names one ORM would pick up
    // another's open transaction from the async context.
    contextName: options.name,
    entities: options.entities,
    extensions: [Migrator],
    migrations: { migrationsList: options.migrations, transactional: true, allOrNothing: true, snapshot: false },
    discovery: { disableDynamicFileAccess: true, requireEntitiesArray: true },
    allowGlobalContext: false,
    forceUtcTimezone: true,
    pool: { min: 0, max: 10 },
    colors: false,
    debug: options.onQuery ? ['query'] : false,
    logger: (message: string) =>
      options.onQuery && message.startsWith('[query]') ? options.onQuery(message) : options.logger.debug(message),
  });
  await refuseUnknownHistory(orm, options);
  await orm.getMigrator().up();
  return orm;
}

/**
 * A database migrated by migrations this build does not have (an older pre-release layout, or a
 * newer build) cannot be brought up to date safely: say so plainly instead of failing halfway
 * through a migration on a table that already exists.
 */
async function refuseUnknownHistory(orm: MikroORM<PostgreSqlDriver>, options: OrmOptions): Promise<void> {
  const known = new Set(options.migrations.map((migration) => migration.name));
  const executed = await orm.getMigrator().getExecutedMigrations();
  const unknown = executed.map((migration) => migration.name).filter((name) => !known.has(name));
  if (unknown.length) {
    await orm.close();
    throw new Error(
      `Database ${new URL(options.databaseUrl).pathname.slice(1)} was migrated by migrations this build does not know ` +
        `(${unknown.slice(0, 3).join(', ')}${unknown.length > 3 ? ', …' : ''}). It comes from another version of the CRM; ` +
        'for the local stack delete .data/ (or set CRM_DATABASE_PREFIX to start afresh), otherwise migrate it with that version first.',
    );
  }
}
