import { Migration } from '@mikro-orm/migrations';

/**
 * FUN-1: what a lead is taken in with, what cleaning found, telesales' verdict; and funnel's
 * replica of customers' identity keys, which cleaning matches leads against.
 */
export class Migration20261130100000LeadCleaning extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table lead
      add column company_name varchar(200) null,
      add column contact_name varchar(100) null,
      add column mobile varchar(60) null,
      add column landline varchar(60) null,
      add column email varchar(200) null,
      add column uscc varchar(60) null,
      add column division_code char(6) null,
      add column notes text null,
      add column company_match text null,
      add column cleaning_notes jsonb not null default '[]',
      add column duplicate_of_id uuid null references lead (id),
      add column verified_at timestamptz null,
      add column verified_by_id uuid null,
      add column rejection_reason text null`);
    this.addSql('alter table lead drop constraint lead_status_check');
    this.addSql(`alter table lead add constraint lead_status_check
      check (status in ('NEW', 'VERIFIED', 'CONVERTED', 'DISCARDED', 'DUPLICATE', 'MATCHED_CUSTOMER'))`);
    // Cleaning looks a batch of new leads up among the open ones by mobile and by company.
    this.addSql(`create index lead_open_mobile_idx on lead (mobile) where status in ('NEW', 'VERIFIED') and mobile is not null`);
    this.addSql(`create index lead_open_company_idx on lead (company_match) where status in ('NEW', 'VERIFIED') and company_match is not null`);
    this.addSql(`create table customer_key_replica (
      kind text not null,
      value text not null,
      customer_id uuid not null,
      primary key (kind, value))`);
    this.addSql('create index customer_key_replica_customer_idx on customer_key_replica (customer_id)');
  }
}
