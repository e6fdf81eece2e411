import { Migration } from '@mikro-orm/migrations';

/** The outbox and inbox tables every subgraph's database carries; listed first in each service's migrations. */
export class Migration20261123000000Events extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table outbox_message (
      id bigserial primary key,
      topic text not null,
      envelope jsonb not null,
      created_at timestamptz not null default now(),
      published_at timestamptz null)`);
    this.addSql('create index outbox_message_pending_idx on outbox_message (id) where published_at is null');
    this.addSql('create index outbox_message_published_at_idx on outbox_message (published_at) where published_at is not null');
    this.addSql(`create table inbox_message (
      consumer text not null,
      event_id uuid not null,
      event_type text not null,
      processed_at timestamptz not null default now(),
      primary key (consumer, event_id))`);
  }
}

export const eventsMigration = { name: 'Migration20261123000000Events', class: Migration20261123000000Events };
