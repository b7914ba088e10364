import chineseDays from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { yearOf, type LocalDate } from './local-date';
import { statutoryHolidayOn } from './statutory-holidays';

/*
 * The package's data is read directly rather than through isHoliday/isWorkday/getDayDetail: those
 * build and query their table with dates in the process's time zone (west of Greenwich they are a
 * day early: 2026-04-03 comes out as 清明), and they count every Saturday and Sunday as a day off,
 * whereas the weekend here comes from the calendar's own working weekdays.
 */
const holidays: Readonly<Record<LocalDate, string>> = chineseDays.holidays;
const makeUpWorkdays: Readonly<Record<LocalDate, string>> = chineseDays.workdays;

export interface PublicDay {
  /** 'statutory-holiday': computed by rule for a year whose schedule is not published yet. */
  kind: 'holiday' | 'make-up-workday' | 'statutory-holiday';
  /** English name of the holiday, e.g. 'National Day'; a make-up workday carries its holiday's. */
  name: string;
  /** Chinese name, e.g. '国庆节'. */
  nameZh: string;
}

/** Years for which the package lists public holidays and make-up working days, ascending. */
export const publicHolidayYears: readonly number[] = [
  ...new Set([...Object.keys(holidays), ...Object.keys(makeUpWorkdays)].map(yearOf)),
].sort((a, b) => a - b);

const coveredYears = new Set(publicHolidayYears);

export const hasPublicHolidayData = (year: number): boolean => coveredYears.has(year);

// Entries read 'National Day,国庆节,3': English name, Chinese name, then a count not needed here.
const publicDayFrom = (kind: PublicDay['kind'], entry: string): PublicDay => {
  const [name = entry, nameZh = name] = entry.split(',');
  return { kind, name, nameZh };
};

/**
 * The published day, or for a year without a published schedule its statutory holiday; such a
 * year's make-up working days are unknown, so none is returned for it.
 */
export const publicDayOn = (date: LocalDate): PublicDay | undefined => {
  const holiday = holidays[date];
  if (holiday !== undefined) return publicDayFrom('holiday', holiday);
  const makeUpWorkday = makeUpWorkdays[date];
  if (makeUpWorkday !== undefined) return publicDayFrom('make-up-workday', makeUpWorkday);
  if (hasPublicHolidayData(yearOf(date))) return undefined;
  const statutory = statutoryHolidayOn(date);
  return statutory && { kind: 'statutory-holiday', name: statutory.name, nameZh: statutory.nameZh };
};
