export interface PollerLog {
  error(message: string): void;
}

/** Waits `ms`, or less when `signal` aborts first. */
const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });

/**
 * Runs `step` over and over until stopped, as an event source mapping's poller does: a failed
 * step is logged and retried after `retryDelayMs`; `idleDelayMs` paces steps that return early.
 * `stop()` aborts the signal handed to `step` (so a long poll ends at once) and the pauses, then
 * waits for the step under way to finish.
 */
export class PollingLoop {
  private running = false;
  private loop: Promise<void> | undefined;
  private stopping = new AbortController();

  constructor(
    private readonly name: string,
    private readonly step: (signal: AbortSignal) => Promise<unknown>,
    private readonly log: PollerLog,
    private readonly timing: { idleDelayMs: number; retryDelayMs: number },
  ) {}

  start(): void {
    this.running = true;
    this.stopping = new AbortController();
    this.loop = this.run(this.stopping.signal);
  }

  async stop(): Promise<void> {
    this.running = false;
    this.stopping.abort();
    await this.loop;
  }

  private async run(signal: AbortSignal): Promise<void> {
    while (this.running) {
      try {
        await this.step(signal);
        if (this.timing.idleDelayMs > 0) await sleep(this.timing.idleDelayMs, signal);
      } catch (error) {
        if (!this.running) return;
        this.log.error(`${this.name}: polling failed: ${(error as Error).message}`);
        await sleep(this.timing.retryDelayMs, signal);
      }
    }
  }
}
