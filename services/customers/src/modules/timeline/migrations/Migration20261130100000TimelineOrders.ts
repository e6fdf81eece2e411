import { Migration } from '@mikro-orm/migrations';

/**
 * CUS-6: orders, returns and payments on the timeline, with their amounts. An order billed to
 * another party, or a payment settling other customers' orders, is on several timelines, so an
 * event is unique per customer rather than once overall.
 */
export class Migration20261130100000TimelineOrders extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table customer_timeline_entry drop constraint customer_timeline_entry_kind_check');
    this.addSql(
      "alter table customer_timeline_entry add constraint customer_timeline_entry_kind_check check (kind in ('LEAD', 'COMPLAINT', 'INTERACTION', 'ORDER', 'RETURN', 'PAYMENT'))",
    );
    this.addSql('alter table customer_timeline_entry add column amount numeric(18,2) null');
    this.addSql('alter table customer_timeline_entry drop constraint customer_timeline_entry_source_event_id_unique');
    this.addSql(
      'alter table customer_timeline_entry add constraint customer_timeline_entry_source_event_id_customer_id_unique unique (source_event_id, customer_id)',
    );
  }
}
