import { Migration } from '@mikro-orm/migrations';

export class Migration20261123000800Assistants extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table app_user add column supports uuid[] not null default '{}'`);
  }
}
