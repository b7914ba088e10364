import { describe, expect, it } from 'vitest';
import { BusinessCalendar } from '../../../shared/domain/calendar/business-calendar';
import { publicDayOn, publicHolidayYears } from '../../../shared/domain/calendar/public-holidays';
import { DEFAULT_CALENDAR } from '../../../shared/domain/calendar/settings';
import {
  STATUTORY_RULE_FIRST_YEAR,
  statutoryHolidaysOf,
} from '../../../shared/domain/calendar/statutory-holidays';
import { firstWorkingDayFrom } from '../../../shared/domain/calendar/working-days';

const beijing = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);
const datesNamed = (year: number) =>
  statutoryHolidaysOf(year).map((holiday) => `${holiday.date} ${holiday.nameZh}`);

describe('statutory holidays computed by rule', () => {
  it('gives 2027 the eleven days of the 2024 rule, lunar and solar-term days included', () => {
    expect(datesNamed(2027)).toEqual([
      '2027-01-01 元旦',
      '2027-02-05 春节', // 除夕
      '2027-02-06 春节', // 正月初一
      '2027-02-07 春节',
      '2027-02-08 春节',
      '2027-04-05 清明',
      '2027-05-01 劳动节',
      '2027-05-02 劳动节',
      '2027-06-09 端午',
      '2027-09-15 中秋',
      '2027-10-01 国庆节',
      '2027-10-02 国庆节',
      '2027-10-03 国庆节',
    ]);
  });

  it('are, in each published year under the rule, among that year’s published holidays', () => {
    const published = publicHolidayYears.filter((year) => year >= STATUTORY_RULE_FIRST_YEAR);
    expect(published).toEqual(expect.arrayContaining([2025, 2026]));
    for (const year of published) {
      for (const holiday of statutoryHolidaysOf(year)) {
        expect(publicDayOn(holiday.date), holiday.date).toEqual({
          kind: 'holiday',
          name: holiday.name,
          nameZh: holiday.nameZh,
        });
      }
    }
  });

  it('lists a day two holidays share once (中秋 on 国庆 in 2028)', () => {
    expect(datesNamed(2028).filter((day) => day.startsWith('2028-10-0'))).toEqual([
      '2028-10-01 国庆节',
      '2028-10-02 国庆节',
      '2028-10-03 国庆节',
    ]);
    expect(statutoryHolidaysOf(2028)).toHaveLength(12);
  });

  it('are not invented for years before the rule', () => {
    expect(statutoryHolidaysOf(STATUTORY_RULE_FIRST_YEAR - 1)).toEqual([]);
  });
});

describe('a calendar in a year without a published schedule (2027)', () => {
  const calendar = new BusinessCalendar(DEFAULT_CALENDAR);

  it('rests on the statutory holidays and knows no make-up working day', () => {
    expect(calendar.dayKind('2027-01-01')).toEqual({
      working: false,
      reason: 'statutory-holiday',
      name: "New Year's Day",
      nameZh: '元旦',
    });
    expect(calendar.dayKind('2027-02-08').working).toBe(false);
    // A Saturday next to 春节: under a published schedule it might be worked; unknown here.
    expect(calendar.dayKind('2027-02-20')).toEqual({ working: false, reason: 'weekend' });
    expect(calendar.dayKind('2027-01-04')).toEqual({ working: true, reason: 'weekday' });
  });

  it('puts the first working day of 2027 on Monday 4 January, not New Year’s Day', () => {
    expect(firstWorkingDayFrom('2027-01-01', calendar)).toBe('2027-01-04');
  });

  it('lets overrides settle the year once its schedule is announced', () => {
    const entered = new BusinessCalendar({
      ...DEFAULT_CALENDAR,
      overrides: [{ date: '2027-01-01', kind: 'workday', name: 'test' }],
    });
    expect(entered.dayKind('2027-01-01').working).toBe(true);
  });
});

describe('the warning that next year’s schedule is missing', () => {
  const calendar = new BusinessCalendar(DEFAULT_CALENDAR);

  it('is silent before 1 November of a published year', () => {
    expect(calendar.holidayScheduleWarnings(beijing('2026-10-31 23:59'))).toEqual([]);
  });

  it('speaks from 1 November (in the calendar’s time zone) when next year is not published', () => {
    expect(calendar.holidayScheduleWarnings(beijing('2026-11-01 00:00'))).toEqual([
      {
        code: 'holiday-schedule-missing',
        year: 2027,
        message: expect.stringContaining('2027') as string,
      },
    ]);
    expect(calendar.holidayScheduleWarnings(beijing('2026-12-31 23:00'))).toHaveLength(1);
  });

  it('keeps speaking in the year itself while it has no schedule', () => {
    expect(
      calendar.holidayScheduleWarnings(beijing('2027-03-01 10:00')).map((each) => each.year),
    ).toEqual([2027]);
    expect(
      calendar.holidayScheduleWarnings(beijing('2027-11-02 10:00')).map((each) => each.year),
    ).toEqual([2027, 2028]);
  });

  it('is silent once the year has overrides entered, or without public holidays', () => {
    const entered = new BusinessCalendar({
      ...DEFAULT_CALENDAR,
      overrides: [{ date: '2027-02-04', kind: 'holiday', name: '春节' }],
    });
    expect(entered.holidayScheduleWarnings(beijing('2026-11-15 10:00'))).toEqual([]);
    const without = new BusinessCalendar({ ...DEFAULT_CALENDAR, usePublicHolidays: false });
    expect(without.holidayScheduleWarnings(beijing('2026-11-15 10:00'))).toEqual([]);
  });
});
