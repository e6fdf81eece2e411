import { Migration } from '@mikro-orm/migrations';

/**
 * Failed sign-ins per account (the e-mail as typed, known or not) and per client address, in a
 * window: in PostgreSQL, so every replica counts the same attempts.
 */
export class Migration20261125174900SignInThrottle extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table sign_in_throttle (
      scope text not null check (scope in ('ACCOUNT', 'ADDRESS')),
      key text not null,
      failures int not null check (failures > 0),
      window_started_at timestamptz not null,
      locked_until timestamptz null,
      primary key (scope, key))`);
    // The nightly purge (session.purge_expired) drops counters whose window is long over.
    this.addSql('create index sign_in_throttle_window_started_at_idx on sign_in_throttle (window_started_at)');
  }
}
