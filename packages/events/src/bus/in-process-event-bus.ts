import type { Logger } from 'pino';
import type { EventBus, EventLog, OutgoingMessage, Subscription } from './event-bus';
import { TopicPump } from './topic-pump';

/**
 * The embedded driver, for subgraphs that share one process. The outbox is the durable log: a row
 * is handed on once the relay has given it a position, and each consumer group reads every topic's
 * log from its own saved position, in batches. Nothing lives only in memory, so a crash at any
 * point loses nothing, a consumer that subscribes late (or anew) starts where it left off (or from
 * the beginning), and one group's failure holds up no other group.
 */
export class InProcessEventBus implements EventBus {
  readonly name = 'in-process';
  readonly keepsLog = false;
  private readonly logs = new Map<string, EventLog>();
  private readonly pumps: TopicPump[] = [];

  constructor(private readonly logger?: Logger) {}

  /** The relay's positions are the hand-over; the rows are already durable in the outbox. */
  async publish(_messages: readonly OutgoingMessage[]): Promise<void> {}

  attachLog(topics: readonly string[], log: EventLog): void {
    for (const topic of topics) this.logs.set(topic, log);
    const wake = () => this.pumps.filter((pump) => topics.includes(pump.topic)).forEach((pump) => pump.wake());
    log.onAppended(wake);
    wake();
  }

  async subscribe(subscription: Subscription): Promise<void> {
    for (const topic of subscription.topics) {
      const pump = new TopicPump(subscription, topic, () => this.logs.get(topic), this.logger);
      this.pumps.push(pump);
      pump.start();
    }
  }

  async lag(): Promise<number> {
    const lags = await Promise.all(this.pumps.map((pump) => pump.lag()));
    return lags.reduce((sum, n) => sum + n, 0);
  }

  async stop(): Promise<void> {
    await Promise.all(this.pumps.splice(0).map((pump) => pump.stop()));
  }
}
