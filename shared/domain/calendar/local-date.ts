/** A calendar date with no time zone attached, written 'YYYY-MM-DD'. */
export type LocalDate = string;

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/**
 * Midnight at the start of the date, computed as if the date were in UTC. Date arithmetic done
 * this way never depends on the time zone of the process.
 */
const midnightAsUtc = (date: LocalDate): number | undefined => {
  const match = LOCAL_DATE.exec(date);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const midnight = Date.UTC(year, month - 1, day);
  const roundTrip = new Date(midnight);
  const isRealDate =
    roundTrip.getUTCFullYear() === year &&
    roundTrip.getUTCMonth() === month - 1 &&
    roundTrip.getUTCDate() === day;
  return isRealDate ? midnight : undefined;
};

export const isLocalDate = (value: unknown): value is LocalDate =>
  typeof value === 'string' && midnightAsUtc(value) !== undefined;

export const requireMidnightAsUtc = (date: LocalDate): number => {
  const midnight = midnightAsUtc(date);
  if (midnight === undefined)
    throw new RangeError(`${JSON.stringify(date)} is not a YYYY-MM-DD date`);
  return midnight;
};

export const localDateOfUtcReading = (utcReading: number): LocalDate =>
  new Date(utcReading).toISOString().slice(0, 10);

/** The date `days` later (earlier when negative). */
export const localDatePlusDays = (date: LocalDate, days: number): LocalDate =>
  localDateOfUtcReading(requireMidnightAsUtc(date) + days * DAY_MS);

export const nextLocalDate = (date: LocalDate): LocalDate => localDatePlusDays(date, 1);

/** 1 (Monday) … 7 (Sunday). */
export const isoWeekday = (date: LocalDate): number => {
  const sundayBased = new Date(requireMidnightAsUtc(date)).getUTCDay();
  return sundayBased === 0 ? 7 : sundayBased;
};

export const yearOf = (date: LocalDate): number => Number(date.slice(0, 4));
