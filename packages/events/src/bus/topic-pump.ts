import type { Logger } from 'pino';
import type { EventLog, Subscription } from './event-bus';
import { WakeableLoop } from './wakeable-loop';

const BATCH = 1_000;
/**
 * The relay's commits and attaching a log wake the pump at once, in this process; the poll is only
 * a last resort, and slow, so an idle system leaves its databases alone.
 */
const SAFETY_POLL_MS = 5 * 60_000;

/** Feeds one consumer group one topic's log, batch by batch, from the group's saved position. */
export class TopicPump {
  private position?: number;
  private readonly loop: WakeableLoop;

  constructor(
    private readonly subscription: Subscription,
    readonly topic: string,
    private readonly logOf: () => EventLog | undefined,
    logger?: Logger,
  ) {
    this.loop = new WakeableLoop(
      () => this.step(),
      SAFETY_POLL_MS,
      (error, retryInMs) => logger?.warn({ err: error, group: subscription.group, topic, retryInMs }, 'consumer could not apply a batch; will retry'),
    );
  }

  start(): void {
    this.loop.start();
  }

  wake(): void {
    this.loop.wake();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** Events on the log this group has not applied yet; 0 while the topic's owner is not attached. */
  async lag(): Promise<number> {
    const log = this.logOf();
    if (!log) return 0;
    return log.countAfter(this.topic, this.position ?? (await this.subscription.position(this.topic)));
  }

  private async step(): Promise<boolean> {
    const log = this.logOf();
    if (!log) return false;
    this.position ??= await this.subscription.position(this.topic);
    const entries = await log.read(this.topic, this.position, BATCH);
    if (entries.length === 0) return false;
    const position = entries[entries.length - 1]!.position;
    await this.subscription.handle({ topic: this.topic, envelopes: entries.map((e) => e.envelope), position });
    this.position = position;
    return entries.length === BATCH;
  }
}
