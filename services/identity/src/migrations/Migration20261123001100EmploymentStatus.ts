import { Migration } from '@mikro-orm/migrations';

export class Migration20261123001100EmploymentStatus extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table app_user add column employment_status text not null default 'REGULAR'
      check (employment_status in ('PROBATION', 'REGULAR', 'LEFT'))`);
    this.addSql(`update app_user set employment_status = 'LEFT' where not active`);
    // Sign-in and every subgraph go by `active`; the two must never disagree.
    this.addSql(`alter table app_user add constraint app_user_left_is_inactive check ((employment_status = 'LEFT') = (not active))`);
  }
}
