import { Migration } from '@mikro-orm/migrations';

/** The projection of each rep's daily data quality (CUS-7), one row per rep and Shanghai day; appraisal reads a rep's days in a range. */
export class Migration20261129200000RepDataQuality extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table rep_data_quality_day (
      user_id uuid not null,
      day date not null,
      unit_id uuid not null,
      customers integer not null check (customers >= 0),
      completeness_sum numeric(14, 1) not null check (completeness_sum >= 0),
      interactions integer not null check (interactions >= 0),
      on_time integer not null check (on_time between 0 and interactions),
      primary key (user_id, day))`);
  }
}
