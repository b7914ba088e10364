import { beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  eventually,
  expectCleanProblem,
  newCustomer,
  tokenFor,
  expectForbiddenByAuthorizer,
} from '../support/harness';

interface CalendarView {
  id: string;
  version: number;
  defaults: boolean;
  publicHolidayYears: number[];
  settings: { timeZone: string; overrides?: { date: string; kind: string }[] };
}

let admin: string;
const settings = (
  overrides: { date: string; kind: 'holiday' | 'workday'; name?: string }[] = [],
) => ({
  timeZone: 'Asia/Shanghai',
  workingHours: {
    weekdays: [1, 2, 3, 4, 5],
    windows: [
      { start: '09:00', end: '12:00' },
      { start: '13:00', end: '18:00' },
    ],
  },
  overrides,
  usePublicHolidays: true,
});

beforeAll(async () => {
  admin = await tokenFor(['admin', 'complaints:read', 'complaints:write'], { role: 'admin' });
});

describe('/calendars', () => {
  it('shows the built-in calendar and which years have public-holiday data', async () => {
    const { status, body } = await api<CalendarView>('/calendars/sales', { token: admin });
    expect(status).toBe(200);
    expect(body).toMatchObject({ id: 'sales', defaults: true, version: 0 });
    expect(body.publicHolidayYears).toContain(2026);
  });

  it('refuses invalid calendars with the reasons', async () => {
    const badZone = await api('/calendars/default', {
      method: 'PUT',
      token: admin,
      body: { ...settings(), timeZone: 'Mars/Olympus' },
    });
    expectCleanProblem(badZone, 400, 'validation-failed');
    expect(JSON.stringify(badZone.body)).toContain('Mars/Olympus');
    const backwards = settings();
    backwards.workingHours.windows = [{ start: '18:00', end: '09:00' }];
    expectCleanProblem(
      await api('/calendars/default', { method: 'PUT', token: admin, body: backwards }),
      400,
      'validation-failed',
    );
    expectCleanProblem(
      await api('/calendars/marketing', { method: 'PUT', token: admin, body: settings() }),
      400,
      'validation-failed',
    );
    expectForbiddenByAuthorizer(
      await api('/calendars/default', {
        method: 'PUT',
        token: await tokenFor(['complaints:write']),
        body: settings(),
      }),
      ['admin'],
    );
  });

  it('stores holiday overrides for a year the built-in data does not cover, and deadlines there carry a warning', async () => {
    const stored = await api<CalendarView>('/calendars/default', {
      method: 'PUT',
      token: admin,
      body: settings([{ date: '2027-01-01', kind: 'holiday', name: '元旦' }]),
    });
    expect(stored.status).toBe(200);
    expect(stored.body.version).toBeGreaterThanOrEqual(1);
    expect(
      (await api<CalendarView>('/calendars/default', { token: admin })).body.settings.overrides,
    ).toEqual([{ date: '2027-01-01', kind: 'holiday', name: '元旦' }]);

    const clock = Date.parse((await api<{ now: string }>('/_local/clock')).body.now);
    const target = Date.parse('2027-01-04T02:00:00Z');
    if (target > clock)
      await api('/_local/clock/advance', { body: { hours: (target - clock) / 3_600_000 } });
    await api('/departments/customer-service', {
      method: 'PUT',
      token: admin,
      body: { name: '客服部' },
    });
    const { body } = await api<{ id: string }>('/complaints', {
      token: admin,
      body: {
        customer: newCustomer(),
        channel: 'web',
        subject: '新年投诉',
        description: '2027 年的投诉',
      },
    });
    const routed = await eventually(async () => {
      const complaint = (
        await api<{ status: string; sla?: { warnings: string[] } }>(`/complaints/${body.id}`, {
          token: admin,
        })
      ).body;
      return complaint.status !== 'received' ? complaint : undefined;
    }, 'routing');
    // The year the deadlines fall in: 2027, or a later one when another file moved the clock on.
    const year = new Date(Math.max(target, clock) + 8 * 3_600_000).getUTCFullYear();
    expect(year).toBeGreaterThanOrEqual(2027);
    expect(routed.sla?.warnings.join(' ')).toContain(`for ${year}`);
  });
});
