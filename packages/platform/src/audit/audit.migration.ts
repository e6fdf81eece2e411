import { Migration } from '@mikro-orm/migrations';

/**
 * The audit trail every subgraph keeps (PLT-4). Append-only is enforced by the database, not by
 * convention: a trigger refuses UPDATE, DELETE and TRUNCATE, so not even a careless script or a
 * bug in a later module can rewrite history.
 */
export class Migration20261125100000AuditTrail extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table audit_entry (
      id uuid primary key,
      subject_type text not null,
      subject_id text not null,
      action text not null,
      actor_id uuid null,
      on_behalf_of uuid null,
      at timestamptz not null,
      before jsonb null,
      after jsonb null,
      reason text null,
      request_id text null,
      trace_id text null)`);
    this.addSql('create index audit_entry_subject_idx on audit_entry (subject_type, subject_id, id desc)');
    this.addSql(`create function audit_entry_append_only() returns trigger language plpgsql as $$
      begin raise exception 'audit_entry is append-only: % refused', tg_op using errcode = '55000'; end $$`);
    this.addSql(`create trigger audit_entry_no_rewrite before update or delete on audit_entry
      for each row execute function audit_entry_append_only()`);
    this.addSql(`create trigger audit_entry_no_truncate before truncate on audit_entry
      for each statement execute function audit_entry_append_only()`);
  }
}

export const auditMigrations = [{ name: 'Migration20261125100000AuditTrail', class: Migration20261125100000AuditTrail }];
