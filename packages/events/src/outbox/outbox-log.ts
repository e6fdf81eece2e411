import type { MikroORM } from '@mikro-orm/core';
import type { EventEnvelope } from '../catalogue';
import type { EventLog } from '../bus';

/** A subgraph's outbox as an ordered log: rows the relay has published, by the position it gave them. */
export class OutboxLog implements EventLog {
  private readonly listeners: (() => void)[] = [];

  constructor(private readonly orm: MikroORM) {}

  async read(topic: string, afterPosition: number, limit: number): Promise<{ position: number; envelope: EventEnvelope }[]> {
    const rows = (await this.orm.em
      .fork()
      .getConnection()
      .execute(
        'select position, envelope from outbox_message where topic = ? and position > ? order by position limit ?',
        [topic, afterPosition, limit],
      )) as { position: string; envelope: EventEnvelope }[];
    return rows.map((row) => ({ position: Number(row.position), envelope: row.envelope }));
  }

  async countAfter(topic: string, position: number): Promise<number> {
    const [row] = (await this.orm.em
      .fork()
      .getConnection()
      .execute('select count(*)::int as n from outbox_message where topic = ? and position > ?', [topic, position])) as { n: number }[];
    return row?.n ?? 0;
  }

  onAppended(listener: () => void): void {
    this.listeners.push(listener);
  }

  appended(): void {
    for (const listener of this.listeners) listener();
  }
}
