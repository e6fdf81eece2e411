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

/**
 * The outbox becomes the subgraph's ordered event log. The relay gives each published row a
 * position in commit order, so a reader's "everything after position P" never misses a row that
 * commits late; the in-process transport reads it, and replay starts from position 0. Positions go
 * to rows published before, in id order. A statement trigger tells the relay at commit that rows
 * arrived, so nothing polls the outbox hard.
 */
export class Migration20261125000000EventLog extends Migration {
  override async up(): Promise<void> {
    this.addSql('create sequence outbox_message_position_seq');
    this.addSql('alter table outbox_message add column position bigint null');
    this.addSql(`update outbox_message o set position = s.rn
      from (select id, row_number() over (order by id) as rn from outbox_message where published_at is not null) s
      where o.id = s.id`);
    this.addSql(`select setval('outbox_message_position_seq', coalesce((select max(position) from outbox_message), 0) + 1, false)`);
    this.addSql('create unique index outbox_message_log_idx on outbox_message (topic, position) where position is not null');
    this.addSql(`create function outbox_message_notify() returns trigger language plpgsql as $$
      begin perform pg_notify('outbox_message', ''); return null; end $$`);
    this.addSql(`create trigger outbox_message_inserted after insert on outbox_message
      for each statement execute function outbox_message_notify()`);
    this.addSql(`alter table inbox_message alter column processed_at set default clock_timestamp()`);
    this.addSql(`create table consumer_position (
      consumer text not null,
      topic text not null,
      position bigint not null,
      primary key (consumer, topic))`);
    this.addSql(`create table dead_letter (
      id bigserial primary key,
      consumer text not null,
      topic text not null,
      -- null when what arrived was not a readable envelope
      event_id uuid null,
      event_type text null,
      envelope jsonb not null,
      error text not null,
      attempts int not null,
      failed_at timestamptz not null default clock_timestamp(),
      replayed_at timestamptz null)`);
    this.addSql('create index dead_letter_open_idx on dead_letter (consumer, id) where replayed_at is null');
  }
}

export const eventsMigrations = [
  { name: 'Migration20261123000000Events', class: Migration20261123000000Events },
  { name: 'Migration20261125000000EventLog', class: Migration20261125000000EventLog },
];
