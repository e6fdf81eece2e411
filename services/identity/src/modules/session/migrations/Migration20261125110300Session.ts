import { Migration } from '@mikro-orm/migrations';

/** Refresh tokens (baseline of the former migration 0300). */
export class Migration20261125110300Session extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table refresh_token (
      id uuid primary key,
      user_id uuid not null references app_user (id),
      token_hash text not null unique,
      expires_at timestamptz not null,
      revoked_at timestamptz null,
      created_at timestamptz not null default now())`);
    // Revoking all of a person's sessions (deactivation, token reuse) looks them up by user.
    this.addSql('create index refresh_token_user_id_idx on refresh_token (user_id) where revoked_at is null');
    // The nightly purge finds old tokens by either date (session.purge_expired).
    this.addSql('create index refresh_token_expires_at_idx on refresh_token (expires_at)');
    this.addSql('create index refresh_token_revoked_at_idx on refresh_token (revoked_at) where revoked_at is not null');
  }
}
