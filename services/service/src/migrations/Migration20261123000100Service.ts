import { Migration } from '@mikro-orm/migrations';

export class Migration20261123000100Service extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table complaint (
      id uuid primary key,
      subject varchar(200) not null,
      description text not null,
      severity text not null check (severity in ('LOW', 'MEDIUM', 'HIGH')),
      status text not null check (status in ('OPEN', 'RESOLVED', 'CONFIRMED')),
      customer_id uuid not null,
      filed_by_id uuid not null,
      created_at timestamptz not null default now())`);
    // Customer.complaints pages through this index.
    this.addSql('create index complaint_customer_id_id_idx on complaint (customer_id, id desc)');
  }
}
