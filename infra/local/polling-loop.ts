export interface PollerLog {
  error(message: string): void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `step` over and over until stopped, as an event source mapping's poller does: a failed
 * step is logged and retried after `retryDelayMs`; `idleDelayMs` paces steps that return early.
 */
export class PollingLoop {
  private running = false;
  private loop: Promise<void> | undefined;

  constructor(
    private readonly name: string,
    private readonly step: () => Promise<unknown>,
    private readonly log: PollerLog,
    private readonly timing: { idleDelayMs: number; retryDelayMs: number },
  ) {}

  start(): void {
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        await this.step();
        if (this.timing.idleDelayMs > 0) await sleep(this.timing.idleDelayMs);
      } catch (error) {
        if (!this.running) return;
        this.log.error(`${this.name}: polling failed: ${(error as Error).message}`);
        await sleep(this.timing.retryDelayMs);
      }
    }
  }
}
