import type { EventBus, OutgoingMessage, Subscription } from './event-bus';

/**
 * The embedded driver, for services that share one process. Delivery is synchronous: publish
 * resolves after every subscribed group has handled the message, so an event is never marked
 * published while it lives only in memory; a handler failure makes the relay publish it again.
 */
export class InProcessEventBus implements EventBus {
  readonly name = 'in-process';
  private readonly subscriptions: Subscription[] = [];

  async publish(messages: readonly OutgoingMessage[]): Promise<void> {
    for (const message of messages) {
      const targets = this.subscriptions.filter((s) => s.topics.includes(message.topic));
      for (const subscription of targets) {
        await subscription.handle(message.envelope);
      }
    }
  }

  async subscribe(subscription: Subscription): Promise<void> {
    this.subscriptions.push(subscription);
  }

  async stop(): Promise<void> {
    this.subscriptions.length = 0;
  }
}
