import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasPublicHolidayData } from '../../shared/domain/calendar/public-holidays';
import { api, itemsUnder, tokenFor } from '../support/harness';
import { withSurveySettings } from '../support/surveys';

interface CalendarSettings {
  overrides?: { date: string; kind: 'holiday' | 'workday'; name?: string }[];
  [field: string]: unknown;
}
interface CalendarView {
  settings: CalendarSettings;
  warnings: { code: string; year: number; message: string }[];
}
interface ScheduleRun<T> {
  result: T;
}

const HOUR_MS = 3_600_000;
const BEIJING_OFFSET_MS = 8 * HOUR_MS;
const beijingDateOf = (time: number) =>
  new Date(time + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
/**
 * 10:30 Beijing time on `date`: after the day's runs (reports 09:00, campaign 10:00), which the
 * local scheduler fires by itself as the clock passes them, each on its own day.
 */
const afterFireTime = (date: string) => Date.parse(`${date}T10:30:00+08:00`);

const localNow = async () => Date.parse((await api<{ now: string }>('/_local/clock')).body.now);
/** The local clock moves at most this far per call. */
const MAX_ADVANCE_HOURS = 24 * 366;
/** Moves the local clock on to `target`; answers the schedules fired on the way. */
const advanceTo = async (target: number) => {
  const fired: string[] = [];
  for (let now = await localNow(); now < target; now = await localNow()) {
    const advanced = await api<{ firedSchedules: string[] }>('/_local/clock/advance', {
      body: { hours: Math.min((target - now) / HOUR_MS, MAX_ADVANCE_HOURS) },
    });
    expect(advanced.status, advanced.text).toBe(200);
    fired.push(...advanced.body.firedSchedules);
  }
  return fired;
};
/** The quarter's campaign as stored (its once-per-quarter guard names it), if started. */
const storedCampaign = async (key: string) => {
  const [guard] = await itemsUnder(`CAMPAIGN_KEY#${key}`);
  if (!guard) return undefined;
  const [campaign] = await itemsUnder(`CAMPAIGN#${String(guard.campaignId)}`);
  return campaign as { name: string; trigger: string; createdAt: string } | undefined;
};
const runSchedule = async <T>(name: string) =>
  (await api<ScheduleRun<T>>(`/_local/schedules/${name}/run`, { method: 'POST' })).body.result;

let admin: string;
let previousCalendar: CalendarSettings;
const putDefaultCalendar = async (settings: CalendarSettings) => {
  const stored = await api<CalendarView>('/calendars/default', {
    method: 'PUT',
    token: admin,
    body: settings,
  });
  expect(stored.status, stored.text).toBe(200);
  return stored.body;
};

beforeAll(async () => {
  admin = await tokenFor(['admin', 'complaints:read', 'complaints:write'], { role: 'admin' });
  previousCalendar = (await api<CalendarView>('/calendars/default', { token: admin })).body
    .settings;
  // The built-in default hours, and no override: every holiday of a year without a published
  // schedule comes from the statutory rule.
  await putDefaultCalendar({ ...previousCalendar, overrides: [] });
});

afterAll(async () => {
  await putDefaultCalendar(previousCalendar);
});

describe('the calendar endpoint', () => {
  it("warns admins from 1 November while next year's holiday schedule is missing, as the report page does", async () => {
    const today = beijingDateOf(await localNow());
    const year = Number(today.slice(0, 4));
    const expected = [year, ...(today.slice(5) >= '11-01' ? [year + 1] : [])].filter(
      (each) => !hasPublicHolidayData(each),
    );
    // The local clock never runs behind the wall clock, which is past 1 November 2026 and 2027
    // is not published in the built-in data.
    expect(expected.length, today).toBeGreaterThan(0);

    const { body } = await api<CalendarView>('/calendars/default', { token: admin });
    expect(body.warnings.map((warning) => warning.year)).toEqual(expected);
    for (const warning of body.warnings) {
      expect(warning.code).toBe('holiday-schedule-missing');
      expect(warning.message).toContain(
        `The ${warning.year} holiday schedule has not been entered`,
      );
    }

    const page = await api(`/reports/service-quality/view?period=${today.slice(0, 7)}`, {
      token: await tokenFor(['reports:read']),
    });
    expect(page.status).toBe(200);
    const footer = page.text.slice(page.text.indexOf('<footer>'));
    expect(footer).toContain('日历提醒 Calendar notice');
    for (const warning of body.warnings) expect(footer).toContain(warning.message);

    const entered = await putDefaultCalendar({
      ...previousCalendar,
      overrides: expected.map((each) => ({
        date: `${each}-01-01`,
        kind: 'holiday' as const,
        name: '元旦',
      })),
    });
    expect(entered.warnings).toEqual([]);
    expect((await putDefaultCalendar({ ...previousCalendar, overrides: [] })).warnings).toEqual(
      body.warnings,
    );
  });
});

describe('schedules that run on a working day, in a year without a published schedule', () => {
  it('start the Q1 campaign and send the reports on the first working day after 元旦, not on it', async () => {
    const now = await localNow();
    // 2027 unless another file already moved the clock past its New Year's Day.
    let year = 2027;
    while (afterFireTime(`${year}-01-01`) <= now) year++;
    expect(hasPublicHolidayData(year)).toBe(false);
    const firstWorkingDay = (() => {
      // Early January holds no statutory holiday but 元旦: the first Monday to Friday after it.
      for (let day = 2; ; day++) {
        const date = `${year}-01-0${day}`;
        const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
        if (weekday >= 1 && weekday <= 5) return date;
      }
    })();
    if (year === 2027) expect(firstWorkingDay).toBe('2027-01-04'); // 1 January is a Friday

    const restoreSurveys = await withSurveySettings({ quarterlyCampaign: true });
    const reportSettings = (
      await api<{ settings: Record<string, unknown> }>('/report-settings', { token: admin })
    ).body.settings;
    const reports = await api('/report-settings', {
      method: 'PUT',
      token: admin,
      body: { ...reportSettings, recipients: [], monthly: true, quarterly: true },
    });
    expect(reports.status, reports.text).toBe(200);
    try {
      const days: string[] = [];
      for (let day = 1; `${year}-01-0${day}` <= firstWorkingDay; day++)
        days.push(`${year}-01-0${day}`);
      for (const date of days) {
        expect(await advanceTo(afterFireTime(date)), date).toEqual(
          expect.arrayContaining(['quarterly-survey', 'management-report']),
        );
        const campaign = await storedCampaign(`quarterly-${year}-Q1`);
        const reportsDue = await runSchedule<{ periods: string[]; reason?: string }>(
          'management-report',
        );
        if (date < firstWorkingDay) {
          expect(campaign, date).toBeUndefined();
          expect(reportsDue, date).toEqual({
            sent: 0,
            periods: [],
            reason: 'no report is due today',
          });
        } else {
          expect(campaign, date).toMatchObject({
            name: `quarterly-${year}-Q1`,
            trigger: 'schedule',
          });
          expect(beijingDateOf(Date.parse(campaign!.createdAt))).toBe(firstWorkingDay);
          expect(reportsDue.periods, date).toEqual([`${year - 1}-12`, `${year - 1}-Q4`]);
        }
      }
    } finally {
      await restoreSurveys();
      await api('/report-settings', { method: 'PUT', token: admin, body: reportSettings });
    }
  });
});
