import type { MigrationObject } from '@mikro-orm/core';
import { Migration } from '@mikro-orm/migrations';
import { testDatabaseUrl, uniqueDatabasePrefix } from '@crm/testing';
import { AuditEntrySchema, createLogger, createOrm } from '../src';

class Migration20260101000000Old extends Migration {
  override async up(): Promise<void> {
    this.addSql('create table old_layout (id int primary key)');
  }
}
class Migration20260201000000New extends Migration {
  override async up(): Promise<void> {
    this.addSql('create table old_layout (id int primary key)');
  }
}

const logger = createLogger('create-orm-test', 'error');
const databaseUrl = testDatabaseUrl(`${uniqueDatabasePrefix()}history`);
const open = (migrations: MigrationObject[]) => createOrm({ name: 'history-test', databaseUrl, entities: [AuditEntrySchema], migrations, logger });

it('refuses, with what to do, a database another version of the CRM migrated, and changes nothing in it', async () => {
  await (await open([{ name: 'Migration20260101000000Old', class: Migration20260101000000Old }])).close();
  await expect(open([{ name: 'Migration20260201000000New', class: Migration20260201000000New }])).rejects.toThrow(
    /was migrated by migrations this build does not know \(Migration20260101000000Old\).*delete \.data/,
  );
  const orm = await open([{ name: 'Migration20260101000000Old', class: Migration20260101000000Old }]);
  const executed = await orm.getMigrator().getExecutedMigrations();
  await orm.close();
  expect(executed.map((m) => m.name)).toEqual(['Migration20260101000000Old']);
});
