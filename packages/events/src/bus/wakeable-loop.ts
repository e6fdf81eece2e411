/**
 * Runs a step now when woken, else again after `idleMs`; at once while the step reports more work,
 * and with growing back-off after failures. A wake during a step runs one more step after it, so
 * no wake is lost and steps never overlap.
 */
export class WakeableLoop {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = true;
  private wakeRequested = false;
  private failures = 0;

  constructor(
    /** Resolves true when more work is waiting. */
    private readonly step: () => Promise<boolean>,
    private readonly idleMs: number,
    private readonly onError: (error: unknown, retryInMs: number) => void,
    private readonly maxBackoffMs = 5_000,
  ) {}

  start(): void {
    this.stopped = false;
    this.wake();
  }

  wake(): void {
    if (this.stopped || this.failures > 0) return;
    if (this.running) {
      this.wakeRequested = true;
      return;
    }
    clearTimeout(this.timer);
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.run().finally(() => (this.running = undefined));
    }, delayMs);
  }

  private async run(): Promise<void> {
    this.wakeRequested = false;
    try {
      const more = await this.step();
      this.failures = 0;
      this.schedule(more || this.wakeRequested ? 0 : this.idleMs);
    } catch (error) {
      this.failures += 1;
      const backoff = Math.min(this.maxBackoffMs, 100 * 2 ** this.failures);
      this.onError(error, backoff);
      this.schedule(backoff);
    }
  }
}
