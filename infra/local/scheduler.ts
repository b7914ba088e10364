import { randomUUID } from 'node:crypto';
import { Cron } from 'croner';
import type { ScheduleDefinition } from '../wiring';
import { invoke } from './lambda-runtime';
import type { PollerLog } from './polling-loop';

const RATE = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/;
const CRON = /^cron\((.+)\)$/;
const UNIT_MS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

/** EventBridge's day-of-week counts 1-7 from Sunday; croner counts 0-6. Names pass unchanged. */
const dayOfWeek = (field: string) =>
  field.replace(/\b([1-7])\b/g, (digit) => String(Number(digit) - 1));

/** Turns an EventBridge Scheduler expression into something that can say when it fires next. */
export const parseScheduleExpression = (expression: string) => {
  const rate = RATE.exec(expression);
  if (rate?.[1] && rate[2]) {
    const everyMs = Number(rate[1]) * (UNIT_MS[rate[2].replace(/s$/, '')] ?? 0);
    return { kind: 'rate' as const, everyMs };
  }
  const cron = CRON.exec(expression);
  const fields = cron?.[1]?.trim().split(/\s+/);
  if (fields?.length === 6) {
    const [minute, hour, dayOfMonth, month, weekDay] = fields as [
      string,
      string,
      string,
      string,
      string,
    ];
    return {
      kind: 'cron' as const,
      pattern: [minute, hour, dayOfMonth, month, dayOfWeek(weekDay)].join(' '),
    };
  }
  throw new Error(`unsupported schedule expression: ${expression}`);
};

/** Fills EventBridge Scheduler's context attributes in a payload, as the service does. */
const renderPayload = (payload: Record<string, unknown>, scheduledTime: Date): unknown =>
  JSON.parse(
    JSON.stringify(payload)
      .replaceAll(
        '<aws.scheduler.scheduled-time>',
        scheduledTime.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      )
      .replaceAll('<aws.scheduler.execution-id>', randomUUID()),
  );

/**
 * The manifest's schedules on the local clock: each fires its handler on time, `run()` fires one
 * now, and `clockAdvanced()` fires once each schedule whose time fell inside the skipped span.
 */
export class LocalScheduler {
  private readonly jobs: Cron[] = [];
  private readonly intervals: NodeJS.Timeout[] = [];

  constructor(
    private readonly schedules: ScheduleDefinition[],
    private readonly now: () => Date,
    private readonly log: PollerLog,
  ) {}

  names(): string[] {
    return this.schedules.map((schedule) => schedule.name);
  }

  start(): void {
    for (const schedule of this.schedules) {
      const parsed = parseScheduleExpression(schedule.expression);
      if (parsed.kind === 'rate') {
        this.intervals.push(setInterval(() => void this.fire(schedule), parsed.everyMs));
      } else {
        this.jobs.push(
          new Cron(
            parsed.pattern,
            { timezone: schedule.timezone, protect: true },
            () => void this.fire(schedule),
          ),
        );
      }
    }
  }

  stop(): void {
    for (const job of this.jobs) job.stop();
    for (const interval of this.intervals) clearInterval(interval);
  }

  async run(name: string): Promise<unknown> {
    const schedule = this.schedules.find((candidate) => candidate.name === name);
    if (!schedule) return undefined;
    return {
      schedule: name,
      result: (await invoke(schedule.handler, renderPayload(schedule.payload, this.now()))) ?? null,
    };
  }

  async clockAdvanced(from: Date, to: Date): Promise<string[]> {
    const fired: string[] = [];
    for (const schedule of this.schedules) {
      const parsed = parseScheduleExpression(schedule.expression);
      const due =
        parsed.kind === 'rate'
          ? to.getTime() - from.getTime() >= parsed.everyMs
          : (new Cron(parsed.pattern, { timezone: schedule.timezone }).nextRun(from)?.getTime() ??
              Infinity) <= to.getTime();
      if (due) {
        await this.fire(schedule);
        fired.push(schedule.name);
      }
    }
    return fired;
  }

  private async fire(schedule: ScheduleDefinition): Promise<void> {
    try {
      await invoke(schedule.handler, renderPayload(schedule.payload, this.now()));
    } catch (error) {
      this.log.error(`schedule ${schedule.name} failed: ${(error as Error).message}`);
    }
  }
}
