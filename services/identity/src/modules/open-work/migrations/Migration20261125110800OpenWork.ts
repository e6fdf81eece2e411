import { Migration } from '@mikro-orm/migrations';

/** Who holds the other subgraphs' open work (baseline of the former migration 0900). */
export class Migration20261125110800OpenWork extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table open_work_item (
      kind text not null check (kind in ('CUSTOMER', 'LEAD', 'COMPLAINT')),
      record_id uuid not null,
      holder_id uuid not null,
      primary key (kind, record_id))`);
    this.addSql('create index open_work_item_holder_id_idx on open_work_item (holder_id)');
  }
}
