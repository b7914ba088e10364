import chineseDays from 'chinese-days';
import { describe, expect, it } from 'vitest';
import { BusinessCalendar } from '../../../shared/domain/calendar/business-calendar';
import {
  hasPublicHolidayData,
  publicDayOn,
  publicHolidayYears,
} from '../../../shared/domain/calendar/public-holidays';
import { DEFAULT_CALENDAR } from '../../../shared/domain/calendar/settings';

const datesOf = (year: number): string[] => {
  const dates: string[] = [];
  for (let time = Date.UTC(year, 0, 1); time < Date.UTC(year + 1, 0, 1); time += 86_400_000) {
    dates.push(new Date(time).toISOString().slice(0, 10));
  }
  return dates;
};

describe('public-holiday data from chinese-days', () => {
  it('covers a run of consecutive years, each with its Spring Festival and National Day', () => {
    const first = publicHolidayYears[0]!;
    const last = publicHolidayYears.at(-1)!;
    expect(first).toBeLessThanOrEqual(2004);
    expect(last).toBeGreaterThanOrEqual(2026);
    expect(publicHolidayYears).toHaveLength(last - first + 1);
    for (const year of publicHolidayYears) {
      const names = datesOf(year).map((date) => publicDayOn(date)?.nameZh);
      expect(names, String(year)).toContain('春节');
      expect(names, String(year)).toContain('国庆节');
    }
    expect(hasPublicHolidayData(2031)).toBe(false);
  });

  it('reads holidays and make-up workdays with their English and Chinese names', () => {
    expect(publicDayOn('2026-10-01')).toEqual({
      kind: 'holiday',
      name: 'National Day',
      nameZh: '国庆节',
    });
    expect(publicDayOn('2026-09-20')).toEqual({
      kind: 'make-up-workday',
      name: 'National Day',
      nameZh: '国庆节',
    });
    expect(publicDayOn('2026-10-08')).toBeUndefined();
  });

  // The package's own functions build their table from dates in the process's time zone; west of
  // Greenwich that table is a day early (2026-04-03 comes out as 清明). The unit project runs in
  // UTC (vitest.config.ts), as Lambda does, where the package is right.
  it('agrees with the package on every covered day (Mon–Fri calendar)', () => {
    const calendar = new BusinessCalendar(DEFAULT_CALENDAR);
    for (const year of publicHolidayYears) {
      for (const date of datesOf(year)) {
        const [y, m, d] = date.split('-').map(Number) as [number, number, number];
        const packageSays = chineseDays.getDayDetail(new Date(y, m - 1, d, 12)).work;
        expect(calendar.dayKind(date).working, date).toBe(packageSays);
      }
    }
  });
});
