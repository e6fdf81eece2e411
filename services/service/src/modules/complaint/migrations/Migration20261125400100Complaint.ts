import { Migration } from '@mikro-orm/migrations';

/** Complaints, who filed them and who handles them (ORG-5). */
export class Migration20261125400100Complaint extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table complaint (
      id uuid primary key,
      subject varchar(200) not null,
      description text not null,
      severity text not null check (severity in ('LOW', 'MEDIUM', 'HIGH')),
      status text not null check (status in ('OPEN', 'RESOLVED', 'CONFIRMED')),
      customer_id uuid not null,
      filed_by_id uuid not null,
      created_at timestamptz not null default now(),
      handler_id uuid null)`);
    // Customer.complaints pages through this index.
    this.addSql('create index complaint_customer_id_id_idx on complaint (customer_id, id desc)');
    this.addSql('create index complaint_handler_id_id_idx on complaint (handler_id, id desc)');
  }
}
