import { LunarDay, SolarDay, SolarTerm } from 'tyme4ts';
import { yearOf, type LocalDate } from './local-date';

/**
 * The fixed holidays of 《全国年节及纪念日放假办法》 as amended in 2024, in force from 2025: what any
 * year is owed before the State Council publishes its schedule. The schedule adds bridging days and
 * make-up working days (调休) on top; those are announced, not computed, so they stay unknown here.
 */
export const STATUTORY_RULE_FIRST_YEAR = 2025;

export interface StatutoryHoliday {
  date: LocalDate;
  /** English name, as the published data spells it, e.g. 'National Day'. */
  name: string;
  /** Chinese name, as the published data spells it, e.g. '国庆节'. */
  nameZh: string;
}

const localDateOf = (day: SolarDay): LocalDate =>
  `${day.getYear()}-${String(day.getMonth()).padStart(2, '0')}-${String(day.getDay()).padStart(2, '0')}`;

const run = (first: SolarDay, days: number, name: string, nameZh: string): StatutoryHoliday[] =>
  Array.from({ length: days }, (_, offset) => ({
    date: localDateOf(first.next(offset)),
    name,
    nameZh,
  }));

const lunarDay = (year: number, month: number, day: number): SolarDay =>
  LunarDay.fromYmd(year, month, day).getSolarDay();

const computed = new Map<number, readonly StatutoryHoliday[]>();

/**
 * The statutory holidays of `year`, in date order (none before the rule took effect). 除夕 is the
 * day before 正月初一, whether 腊月 has 29 or 30 days; when two holidays fall on one day (中秋 on
 * 国庆, as in 2028) that day is listed once, under the first.
 */
export const statutoryHolidaysOf = (year: number): readonly StatutoryHoliday[] => {
  if (year < STATUTORY_RULE_FIRST_YEAR) return [];
  const known = computed.get(year);
  if (known) return known;
  const all = [
    ...run(SolarDay.fromYmd(year, 1, 1), 1, "New Year's Day", '元旦'),
    ...run(lunarDay(year, 1, 1).next(-1), 4, 'Spring Festival', '春节'),
    ...run(
      SolarTerm.fromName(year, '清明').getJulianDay().getSolarDay(),
      1,
      'Tomb-sweeping Day',
      '清明',
    ),
    ...run(SolarDay.fromYmd(year, 5, 1), 2, 'Labour Day', '劳动节'),
    ...run(lunarDay(year, 5, 5), 1, 'Dragon Boat Festival', '端午'),
    ...run(SolarDay.fromYmd(year, 10, 1), 3, 'National Day', '国庆节'),
    ...run(lunarDay(year, 8, 15), 1, 'Mid-autumn Festival', '中秋'),
  ];
  const byDate = new Map<LocalDate, StatutoryHoliday>();
  for (const holiday of all) if (!byDate.has(holiday.date)) byDate.set(holiday.date, holiday);
  const holidays = [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
  computed.set(year, holidays);
  return holidays;
};

export const statutoryHolidayOn = (date: LocalDate): StatutoryHoliday | undefined =>
  statutoryHolidaysOf(yearOf(date)).find((holiday) => holiday.date === date);
