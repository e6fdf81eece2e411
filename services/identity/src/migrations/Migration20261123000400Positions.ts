import { Migration } from '@mikro-orm/migrations';

export class Migration20261123000400Positions extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table user_position (
      id uuid primary key,
      -- Deferred: the ORM does not order inserts by these plain-id references.
      user_id uuid not null references app_user (id) deferrable initially deferred,
      org_unit_id uuid not null references org_unit (id) deferrable initially deferred,
      valid_from timestamptz not null,
      valid_to timestamptz null check (valid_to is null or valid_to > valid_from))`);
    this.addSql('create index user_position_user_id_valid_from_idx on user_position (user_id, valid_from desc)');
    // Everyone already here holds their current unit from the day they were created.
    this.addSql('insert into user_position (id, user_id, org_unit_id, valid_from) select gen_random_uuid(), id, org_unit_id, created_at from app_user');
  }
}
