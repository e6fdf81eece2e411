import { Migration } from '@mikro-orm/migrations';

export class Migration20261125234000DuplicateReview extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table duplicate_review (
      id uuid primary key,
      customer_id uuid not null references customer (id) on delete cascade,
      candidate_id uuid not null references customer (id) on delete cascade,
      score double precision not null,
      reasons jsonb not null,
      status text not null default 'OPEN',
      created_at timestamptz not null,
      decided_by_id uuid,
      decided_at timestamptz,
      reason text,
      unique (customer_id, candidate_id))`);
    this.addSql(`create index duplicate_review_open_idx on duplicate_review (id desc) where status = 'OPEN'`);
    this.addSql('create index duplicate_review_candidate_idx on duplicate_review (candidate_id)');
  }
}
