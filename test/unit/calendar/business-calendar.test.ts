import { describe, expect, it } from 'vitest';
import { BusinessCalendar } from '../../../shared/domain/calendar/business-calendar';
import {
  DEFAULT_CALENDAR,
  hours,
  type CalendarSettings,
  type DayOverride,
} from '../../../shared/domain/calendar/settings';

/** An instant given as Beijing wall-clock time, 'YYYY-MM-DD HH:MM'. */
const beijing = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);

const officeWithLunch: CalendarSettings = {
  ...DEFAULT_CALENDAR,
  workingHours: {
    weekdays: [1, 2, 3, 4, 5],
    windows: [
      { start: '13:30', end: '18:00' },
      { start: '09:00', end: '12:00' },
    ],
  },
};

const deadline = (settings: CalendarSettings, start: string, durationMs: number) =>
  new BusinessCalendar(settings).addBusinessTime(beijing(start), durationMs);

describe('addBusinessTime', () => {
  it.each([
    ['inside a window', '2026-03-10 10:00', hours(1), '2026-03-10 11:00'],
    ['before the first window', '2026-03-10 07:00', hours(1), '2026-03-10 10:00'],
    ['in the lunch break', '2026-03-10 12:30', hours(1), '2026-03-10 14:30'],
    ['across the lunch break', '2026-03-10 11:30', hours(1), '2026-03-10 14:00'],
    ['after hours', '2026-03-10 19:00', hours(1), '2026-03-11 10:00'],
    ['on a Friday evening', '2026-03-13 17:00', hours(2), '2026-03-16 10:00'],
    ['on a Saturday', '2026-03-14 10:00', hours(1), '2026-03-16 10:00'],
    ['on a public holiday (清明, Monday)', '2026-04-06 10:00', hours(1), '2026-04-07 10:00'],
    ['using up the morning exactly', '2026-03-10 11:00', hours(1), '2026-03-10 12:00'],
    ['using up the day exactly', '2026-03-10 09:00', hours(7.5), '2026-03-10 18:00'],
  ])('starts %s', (_case, start, duration, due) => {
    expect(deadline(officeWithLunch, start, duration)).toEqual({ at: beijing(due), warnings: [] });
  });

  it('ends a full day at 18:00, not at 09:00 the next working day', () => {
    expect(deadline(DEFAULT_CALENDAR, '2026-03-13 09:00', hours(9)).at).toEqual(
      beijing('2026-03-13 18:00'),
    );
  });

  it('is due at the start itself for a zero duration, even outside working time', () => {
    expect(deadline(DEFAULT_CALENDAR, '2026-03-14 23:00', 0)).toEqual({
      at: beijing('2026-03-14 23:00'),
      warnings: [],
    });
  });

  it('rejects a negative or infinite duration and an invalid start', () => {
    const calendar = new BusinessCalendar(DEFAULT_CALENDAR);
    expect(() => calendar.addBusinessTime(beijing('2026-03-10 10:00'), -1)).toThrow(RangeError);
    expect(() => calendar.addBusinessTime(beijing('2026-03-10 10:00'), Infinity)).toThrow(
      RangeError,
    );
    expect(() => calendar.addBusinessTime(new Date('not a date'), 1)).toThrow(RangeError);
  });

  it('keeps milliseconds', () => {
    expect(deadline(DEFAULT_CALENDAR, '2026-03-10 17:59', 60_001).at).toEqual(
      new Date(beijing('2026-03-11 09:00').getTime() + 1),
    );
  });
});

describe('National Day 2026: 10-01…10-07 off, Sunday 09-20 and Saturday 10-10 worked', () => {
  const calendar = new BusinessCalendar(DEFAULT_CALENDAR);

  it.each([
    ['2026-09-19', { working: false, reason: 'weekend' }],
    [
      '2026-09-20',
      { working: true, reason: 'make-up-workday', name: 'National Day', nameZh: '国庆节' },
    ],
    ['2026-09-30', { working: true, reason: 'weekday' }],
    [
      '2026-10-01',
      { working: false, reason: 'public-holiday', name: 'National Day', nameZh: '国庆节' },
    ],
    [
      '2026-10-05',
      { working: false, reason: 'public-holiday', name: 'National Day', nameZh: '国庆节' },
    ],
    [
      '2026-10-07',
      { working: false, reason: 'public-holiday', name: 'National Day', nameZh: '国庆节' },
    ],
    ['2026-10-08', { working: true, reason: 'weekday' }],
    [
      '2026-10-10',
      { working: true, reason: 'make-up-workday', name: 'National Day', nameZh: '国庆节' },
    ],
    ['2026-10-11', { working: false, reason: 'weekend' }],
  ])('%s', (date, kind) => {
    expect(calendar.dayKind(date)).toEqual(kind);
  });

  it('puts a 48-hour target started on 09-30 on 10-13 at 13:00', () => {
    // 09-30: 8 h, 10-08: 9 h, 10-09: 9 h, Saturday 10-10: 9 h, 10-12: 9 h, 10-13: 4 h.
    expect(calendar.addBusinessTime(beijing('2026-09-30 10:00'), hours(48))).toEqual({
      at: beijing('2026-10-13 13:00'),
      warnings: [],
    });
  });

  it('counts the make-up Sunday before the holiday', () => {
    expect(calendar.addBusinessTime(beijing('2026-09-19 10:00'), hours(1)).at).toEqual(
      beijing('2026-09-20 10:00'),
    );
  });

  it('counts no business time during the holiday week', () => {
    expect(
      calendar.businessTimeBetween(beijing('2026-10-01 00:00'), beijing('2026-10-08 09:00')).ms,
    ).toBe(0);
    expect(
      calendar.businessTimeBetween(beijing('2026-09-30 09:00'), beijing('2026-10-09 09:00')).ms,
    ).toBe(hours(18));
  });
});

describe('Spring Festival 2026: 02-15…02-23 off, Saturdays 02-14 and 02-28 worked', () => {
  const calendar = new BusinessCalendar(DEFAULT_CALENDAR);

  it('runs from Friday into the make-up Saturday before the holiday', () => {
    expect(calendar.addBusinessTime(beijing('2026-02-13 17:00'), hours(2)).at).toEqual(
      beijing('2026-02-14 10:00'),
    );
  });

  it('jumps from the make-up Saturday over the whole holiday', () => {
    expect(calendar.addBusinessTime(beijing('2026-02-14 17:00'), hours(2)).at).toEqual(
      beijing('2026-02-24 10:00'),
    );
    expect(calendar.dayKind('2026-02-17')).toMatchObject({ working: false, nameZh: '春节' });
    expect(calendar.dayKind('2026-02-28')).toMatchObject({ reason: 'make-up-workday' });
  });
});

describe('overrides', () => {
  const withOverrides = (...overrides: DayOverride[]) =>
    new BusinessCalendar({ ...DEFAULT_CALENDAR, overrides });

  it('turn a public holiday into a workday', () => {
    const calendar = withOverrides({ date: '2026-10-02', kind: 'workday', name: 'Stocktaking' });
    expect(calendar.dayKind('2026-10-02')).toEqual({
      working: true,
      reason: 'override-workday',
      name: 'Stocktaking',
    });
    expect(calendar.addBusinessTime(beijing('2026-09-30 17:00'), hours(2)).at).toEqual(
      beijing('2026-10-02 10:00'),
    );
  });

  it('turn a weekday or a make-up workday into a holiday', () => {
    const calendar = withOverrides(
      { date: '2026-03-11', kind: 'holiday', name: 'Company anniversary' },
      { date: '2026-10-10', kind: 'holiday' },
    );
    expect(calendar.addBusinessTime(beijing('2026-03-10 17:00'), hours(2)).at).toEqual(
      beijing('2026-03-12 10:00'),
    );
    expect(calendar.dayKind('2026-10-10')).toEqual({ working: false, reason: 'override-holiday' });
  });

  it('turn a Sunday into a workday', () => {
    const calendar = withOverrides({ date: '2026-03-15', kind: 'workday' });
    expect(calendar.addBusinessTime(beijing('2026-03-13 17:00'), hours(2)).at).toEqual(
      beijing('2026-03-15 10:00'),
    );
  });
});

describe('without public holidays', () => {
  const calendar = new BusinessCalendar({ ...DEFAULT_CALENDAR, usePublicHolidays: false });

  it('works National Day like any Thursday and rests on make-up Saturdays', () => {
    expect(calendar.dayKind('2026-10-01')).toEqual({ working: true, reason: 'weekday' });
    expect(calendar.dayKind('2026-10-10')).toEqual({ working: false, reason: 'weekend' });
  });

  it('never warns about missing data', () => {
    expect(calendar.addBusinessTime(beijing('2031-09-30 10:00'), hours(48)).warnings).toEqual([]);
  });
});

describe('a year without public-holiday data (2031)', () => {
  const calendar = new BusinessCalendar(DEFAULT_CALENDAR);

  it('rests on the computed statutory holidays only and warns once for the year', () => {
    // 2031-10-01 to 03 (Wednesday to Friday) are 国庆 by rule; no make-up day is known.
    expect(calendar.addBusinessTime(beijing('2031-09-30 10:00'), hours(48))).toEqual({
      at: beijing('2031-10-10 13:00'),
      warnings: [
        {
          code: 'no-holiday-data',
          year: 2031,
          message: expect.stringContaining('2031') as string,
        },
      ],
    });
  });

  it('warns for each year without data that the computation crosses', () => {
    const { warnings } = calendar.addBusinessTime(beijing('2031-12-31 17:00'), hours(2));
    expect(warnings.map((warning) => warning.year)).toEqual([2031, 2032]);
  });

  it('does not warn for a day settled by an override', () => {
    const withOverride = new BusinessCalendar({
      ...DEFAULT_CALENDAR,
      overrides: [{ date: '2031-10-01', kind: 'holiday', name: '国庆节' }],
    });
    expect(
      withOverride.businessTimeBetween(beijing('2031-10-01 08:00'), beijing('2031-10-01 20:00')),
    ).toEqual({ ms: 0, warnings: [] });
  });

  it('does not warn when a deadline stays inside a covered year', () => {
    expect(calendar.addBusinessTime(beijing('2026-12-31 10:00'), hours(8)).warnings).toEqual([]);
  });
});

describe('a calendar with no working time', () => {
  it('gives up with a clear error instead of looping', () => {
    const never = new BusinessCalendar({
      ...DEFAULT_CALENDAR,
      workingHours: { ...DEFAULT_CALENDAR.workingHours, weekdays: [] },
      usePublicHolidays: false,
    });
    expect(() => never.addBusinessTime(beijing('2026-03-10 10:00'), hours(1))).toThrow(
      /No deadline within 1098 days/,
    );
    expect(
      never.businessTimeBetween(beijing('2026-01-01 00:00'), beijing('2027-01-01 00:00')),
    ).toEqual({ ms: 0, warnings: [] });
  });

  it('gives up when overrides make every day a holiday', () => {
    const overrides = Array.from({ length: 1200 }, (_, day) => ({
      date: new Date(Date.UTC(2026, 0, 1 + day)).toISOString().slice(0, 10),
      kind: 'holiday' as const,
    }));
    const closed = new BusinessCalendar({ ...DEFAULT_CALENDAR, overrides });
    expect(() => closed.addBusinessTime(beijing('2026-01-01 10:00'), hours(1))).toThrow(
      /too little working time/,
    );
  });
});

describe('businessTimeBetween', () => {
  const calendar = new BusinessCalendar(officeWithLunch);

  it('is 0 when to is not after from', () => {
    const at = beijing('2026-03-10 10:00');
    expect(calendar.businessTimeBetween(at, at).ms).toBe(0);
    expect(calendar.businessTimeBetween(at, beijing('2026-03-10 09:00')).ms).toBe(0);
  });

  it('skips lunch, nights and weekends', () => {
    expect(
      calendar.businessTimeBetween(beijing('2026-03-10 11:00'), beijing('2026-03-10 14:00')).ms,
    ).toBe(hours(1.5));
    expect(
      calendar.businessTimeBetween(beijing('2026-03-13 17:00'), beijing('2026-03-16 10:00')).ms,
    ).toBe(hours(2));
  });
});

describe('isWorkingTime', () => {
  const calendar = new BusinessCalendar(officeWithLunch);

  it.each([
    ['2026-03-10 09:00', true],
    ['2026-03-10 11:59', true],
    ['2026-03-10 12:00', false],
    ['2026-03-10 13:29', false],
    ['2026-03-10 13:30', true],
    ['2026-03-10 18:00', false],
    ['2026-03-14 10:00', false],
    ['2026-10-01 10:00', false],
    ['2026-09-20 10:00', true],
  ])('%s → %s', (local, working) => {
    expect(calendar.isWorkingTime(beijing(local))).toBe(working);
  });
});

describe('dayKind', () => {
  it('rejects something that is not a date', () => {
    const calendar = new BusinessCalendar(DEFAULT_CALENDAR);
    expect(() => calendar.dayKind('2026-02-30')).toThrow(/not a YYYY-MM-DD date/);
    expect(() => calendar.dayKind('10/01/2026')).toThrow(RangeError);
  });

  it('follows the configured weekdays', () => {
    const sixDays = new BusinessCalendar({
      ...DEFAULT_CALENDAR,
      workingHours: { ...DEFAULT_CALENDAR.workingHours, weekdays: [1, 2, 3, 4, 5, 6] },
    });
    expect(sixDays.dayKind('2026-03-14')).toEqual({ working: true, reason: 'weekday' });
    expect(sixDays.dayKind('2026-03-15')).toEqual({ working: false, reason: 'weekend' });
    expect(sixDays.dayKind('2026-10-03')).toMatchObject({ reason: 'public-holiday' });
  });
});

describe('the calendar constructor', () => {
  it('refuses invalid settings and names the problems', () => {
    expect(
      () => new BusinessCalendar({ ...DEFAULT_CALENDAR, timeZone: 'Mars/Olympus_Mons' }),
    ).toThrow(/Mars\/Olympus_Mons/);
  });
});

it('hours() turns business hours into milliseconds', () => {
  expect(hours(48)).toBe(172_800_000);
  expect(hours(0.5)).toBe(1_800_000);
});
