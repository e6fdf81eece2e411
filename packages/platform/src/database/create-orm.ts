import { MikroORM, type EntitySchema, type MigrationObject } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { ensureDatabase } from './ensure-database';

export interface OrmOptions {
  databaseUrl: string;
  entities: EntitySchema[];
  migrations: MigrationObject[];
  /** Receives every SQL statement; tests use it to count queries. */
  onQuery?: (sql: string) => void;
}

/** Opens the service's database and brings its schema up to date with the service's own migrations. */
export async function createOrm(options: OrmOptions): Promise<MikroORM<PostgreSqlDriver>> {
  await ensureDatabase(options.databaseUrl);
  const orm = await MikroORM.init<PostgreSqlDriver>({
    driver: PostgreSqlDriver,
    clientUrl: options.databaseUrl,
    entities: options.entities,
    extensions: [Migrator],
    migrations: { migrationsList: options.migrations, transactional: true, allOrNothing: true, snapshot: false },
    discovery: { disableDynamicFileAccess: true, requireEntitiesArray: true },
    allowGlobalContext: false,
    forceUtcTimezone: true,
    pool: { min: 0, max: 10 },
    ...(options.onQuery
      ? { debug: ['query'], colors: false, logger: (message: string) => options.onQuery?.(message) }
      : {}),
  });
  await orm.getMigrator().up();
  return orm;
}
