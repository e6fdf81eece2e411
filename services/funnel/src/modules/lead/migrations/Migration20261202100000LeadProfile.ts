import { Migration } from '@mikro-orm/migrations';

/** What scoring (FUN-3) fits a lead by, and the device a sign-up came from for risk control (FUN-9). */
export class Migration20261202100000LeadProfile extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table lead
      add column industry varchar(100) null,
      add column company_size varchar(10) null check (company_size in ('MICRO', 'SMALL', 'MEDIUM', 'LARGE')),
      add column device_id varchar(200) null`);
    // Risk control counts recent sign-ups per device.
    this.addSql('create index lead_device_idx on lead (device_id, created_at) where device_id is not null');
  }
}
