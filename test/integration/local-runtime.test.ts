import { describe, expect, it } from 'vitest';
import { wiring } from '../../wiring/manifest';
import { api, expectCleanProblem } from '../support/harness';

interface ScheduleList {
  now: string;
  items: { name: string; expression: string; timezone: string; nextFireAt: string | null }[];
}

/** The wall-clock time of an instant in a time zone, as `HH:mm`. */
const timeIn = (instant: string, timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit' }).format(
    new Date(instant),
  );

describe('local-only helpers under /_local/', () => {
  it('moves the system clock forward and the API sees the new time', async () => {
    const before = await api<{ now: string }>('/_local/clock');
    const advanced = await api<{ now: string; firedSchedules: string[] }>('/_local/clock/advance', {
      body: { hours: 1 },
    });
    expect(advanced.status).toBe(200);
    const shift = Date.parse(advanced.body.now) - Date.parse(before.body.now);
    expect(shift).toBeGreaterThanOrEqual(3_600_000);
    expect(shift).toBeLessThan(3_600_000 + 60_000);
  });

  it('refuses a clock that would go backwards or nowhere', async () => {
    for (const body of [{ hours: -1 }, { hours: 0 }, { hours: 'soon' }, {}, { hours: 1e9 }]) {
      const response = await api('/_local/clock/advance', { body });
      expect(response.status).toBe(400);
    }
    expectCleanProblem(
      await api('/_local/clock/advance', { body: '{"hours":' }),
      400,
      'malformed-json',
    );
  });

  it('answers 404 for an unknown schedule, naming the known ones', async () => {
    const response = await api('/_local/schedules/nope/run', { method: 'POST' });
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ title: 'No such schedule' });
  });

  it('lists every schedule of the manifest with its next fire time on the local clock', async () => {
    const { status, body } = await api<ScheduleList>('/_local/schedules');
    expect(status).toBe(200);
    expect(
      body.items.map(({ name, expression, timezone }) => ({ name, expression, timezone })),
    ).toEqual(
      wiring.schedules.map(({ name, expression, timezone }) => ({ name, expression, timezone })),
    );
    const now = Date.parse(body.now);
    const next = (name: string) =>
      Date.parse(body.items.find((item) => item.name === name)!.nextFireAt!);
    for (const item of body.items)
      expect(Date.parse(item.nextFireAt!), item.name).toBeGreaterThan(now);
    // rate(5 minutes): within five minutes; the daily 08:30 digest: 08:30 in Shanghai, within a day.
    expect(next('sla-sweep') - now).toBeLessThanOrEqual(5 * 60_000);
    expect(next('revisit-digest') - now).toBeLessThanOrEqual(24 * 3_600_000);
    expect(timeIn(new Date(next('revisit-digest')).toISOString(), 'Asia/Shanghai')).toBe('08:30');
    // The management report fires at 09:00 on one of a month's first ten days.
    const report = new Date(next('management-report'));
    expect(timeIn(report.toISOString(), 'Asia/Shanghai')).toBe('09:00');
    expect(
      Number(
        new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', day: 'numeric' }).format(
          report,
        ),
      ),
    ).toBeLessThanOrEqual(10);
  });

  it('moves the next fire times with the local clock', async () => {
    const before = await api<ScheduleList>('/_local/schedules');
    const digestBefore = before.body.items.find(
      (item) => item.name === 'revisit-digest',
    )!.nextFireAt!;
    const advanced = await api<{ now: string; firedSchedules: string[] }>('/_local/clock/advance', {
      body: { hours: 25 },
    });
    expect(advanced.body.firedSchedules).toEqual(
      expect.arrayContaining(['sla-sweep', 'revisit-digest']),
    );
    const after = await api<ScheduleList>('/_local/schedules');
    const now = Date.parse(after.body.now);
    expect(now).toBeGreaterThanOrEqual(Date.parse(advanced.body.now));
    for (const item of after.body.items)
      expect(Date.parse(item.nextFireAt!), item.name).toBeGreaterThan(now);
    const sweep = Date.parse(
      after.body.items.find((item) => item.name === 'sla-sweep')!.nextFireAt!,
    );
    expect(sweep - now).toBeLessThanOrEqual(5 * 60_000);
    const digest = after.body.items.find((item) => item.name === 'revisit-digest')!.nextFireAt!;
    // The digest that fell inside the skipped day has fired; the next is the first 08:30 after now.
    expect(Date.parse(digest)).toBeGreaterThan(Date.parse(digestBefore));
    expect(Date.parse(digest) - now).toBeLessThanOrEqual(24 * 3_600_000);
    expect(timeIn(digest, 'Asia/Shanghai')).toBe('08:30');
  });
});
