import { Migration } from '@mikro-orm/migrations';

/**
 * Files sent through the gateway in parts (its JSON body limit is 1 MB): one row per upload and
 * one per part, so a part sent twice (a client's retry) lands once.
 */
export class Migration20261127200000Upload extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table upload (
      id uuid primary key,
      uploaded_by uuid not null,
      file_name text not null,
      byte_size integer not null check (byte_size > 0),
      received_bytes integer not null default 0,
      created_at timestamptz not null,
      expires_at timestamptz not null)`);
    this.addSql('create index upload_expires_at_idx on upload (expires_at)');
    this.addSql(`create table upload_chunk (
      upload_id uuid not null references upload (id) on delete cascade,
      sequence integer not null check (sequence >= 0),
      data bytea not null,
      primary key (upload_id, sequence))`);
  }
}

/** A module that takes files lists these among its migrations; the tables then live in its subgraph. */
export const uploadMigrations = [{ name: 'Migration20261127200000Upload', class: Migration20261127200000Upload }];
