import { randomUUID } from 'node:crypto';
import { Cron } from 'croner';
import type { ScheduleDefinition } from '../../wiring/manifest';
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

/** setTimeout waits at most about 24.8 days; a later fire time is reached in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** What `GET /_local/schedules` shows of each schedule. */
export interface ScheduleStatus {
  name: string;
  expression: string;
  timezone: string;
  /** When it fires next, on the local clock (null when stopped, or a cron that never fires again). */
  nextFireAt: string | null;
}

/**
 * The manifest's schedules on the local clock: each fires its handler when the local clock (moved
 * by `/_local/clock/advance`) reaches its next time, `run()` fires one now, and `clockAdvanced()`
 * fires once each schedule whose time fell inside the skipped span. A rate counts from the start
 * (then from each firing); a cron follows its pattern in the schedule's time zone.
 */
export class LocalScheduler {
  private readonly armed = new Map<string, { next: Date | null; timer?: NodeJS.Timeout }>();
  private readonly firing = new Set<string>();
  private running = false;

  constructor(
    private readonly schedules: ScheduleDefinition[],
    private readonly now: () => Date,
    private readonly log: PollerLog,
  ) {}

  names(): string[] {
    return this.schedules.map((schedule) => schedule.name);
  }

  list(): ScheduleStatus[] {
    return this.schedules.map(({ name, expression, timezone }) => ({
      name,
      expression,
      timezone,
      nextFireAt: this.armed.get(name)?.next?.toISOString() ?? null,
    }));
  }

  start(): void {
    this.running = true;
    const now = this.now();
    for (const schedule of this.schedules) this.arm(schedule, nextFireAfter(schedule, now));
  }

  stop(): void {
    this.running = false;
    for (const entry of this.armed.values()) clearTimeout(entry.timer);
    this.armed.clear();
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
      const next = this.armed.get(schedule.name)?.next ?? nextFireAfter(schedule, from);
      if (next && next.getTime() <= to.getTime()) {
        await this.fire(schedule);
        fired.push(schedule.name);
        if (this.running) this.arm(schedule, nextFireAfter(schedule, to));
      } else if (this.running) {
        // The same time, nearer now on the moved clock.
        this.arm(schedule, next);
      }
    }
    return fired;
  }

  private arm(schedule: ScheduleDefinition, next: Date | null): void {
    const entry = this.armed.get(schedule.name);
    clearTimeout(entry?.timer);
    if (!next) {
      this.armed.set(schedule.name, { next });
      return;
    }
    const wait = Math.min(Math.max(next.getTime() - this.now().getTime(), 0), MAX_TIMER_MS);
    const timer = setTimeout(() => {
      if (this.now().getTime() < next.getTime()) return this.arm(schedule, next);
      this.arm(schedule, nextFireAfter(schedule, this.now()));
      void this.fire(schedule);
    }, wait);
    this.armed.set(schedule.name, { next, timer });
  }

  private async fire(schedule: ScheduleDefinition): Promise<void> {
    // As EventBridge Scheduler with one target at a time: a run still going is not doubled.
    if (this.firing.has(schedule.name)) return;
    this.firing.add(schedule.name);
    try {
      await invoke(schedule.handler, renderPayload(schedule.payload, this.now()));
    } catch (error) {
      this.log.error(`schedule ${schedule.name} failed: ${(error as Error).message}`);
    } finally {
      this.firing.delete(schedule.name);
    }
  }
}

/** The first fire time after `after`: a rate one period later, a cron the pattern's next match. */
export const nextFireAfter = (schedule: ScheduleDefinition, after: Date): Date | null => {
  const parsed = parseScheduleExpression(schedule.expression);
  if (parsed.kind === 'rate') return new Date(after.getTime() + parsed.everyMs);
  return new Cron(parsed.pattern, { timezone: schedule.timezone }).nextRun(after);
};
