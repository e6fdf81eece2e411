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
  }
}
