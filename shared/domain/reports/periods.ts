import { localDateAt } from '../calendar/time-zone';
import { DomainError } from '../errors';

/** Reports count in this time zone unless told otherwise (the standards are Chinese). */
export const REPORT_TIME_ZONE = 'Asia/Shanghai';

export type PeriodKind = 'day' | 'month' | 'quarter' | 'year';

/** A period as named in the API and in aggregate keys: 2026-11-23, 2026-11, 2026-Q4, 2026. */
export interface Period {
  kind: PeriodKind;
  name: string;
}

const PATTERNS: [PeriodKind, RegExp][] = [
  ['day', /^(\d{4})-(\d{2})-(\d{2})$/],
  ['month', /^(\d{4})-(\d{2})$/],
  ['quarter', /^(\d{4})-Q([1-4])$/],
  ['year', /^(\d{4})$/],
];

/** Every shape a period name may have, in one pattern (the API documents it). */
export const PERIOD_PATTERN = new RegExp(
  PATTERNS.map(([, pattern]) => `(?:${pattern.source})`).join('|'),
);

/** The period a name names, or undefined when there is no such day or month (2026-13, 2026-02-30). */
export const periodOrUndefined = (name: string): Period | undefined => {
  for (const [kind, pattern] of PATTERNS) {
    const match = pattern.exec(name);
    if (!match) continue;
    if (kind === 'month' && !(Number(match[2]) >= 1 && Number(match[2]) <= 12)) return undefined;
    if (kind === 'day' && Number.isNaN(Date.parse(`${name}T00:00:00Z`))) return undefined;
    if (kind === 'day' && new Date(`${name}T00:00:00Z`).toISOString().slice(0, 10) !== name)
      return undefined;
    return { kind, name };
  }
  return undefined;
};

export const isPeriod = (name: string): boolean => periodOrUndefined(name) !== undefined;

/** The period a name names; the API refuses other names before they get here. */
export const parsePeriod = (name: string): Period => {
  const period = periodOrUndefined(name);
  if (period) return period;
  throw new DomainError(
    'rule-violated',
    `${JSON.stringify(name)} is not a period: use 2026-11-23, 2026-11, 2026-Q4 or 2026.`,
    { fields: ['period'] },
  );
};

/** The day, month, quarter and year an instant falls in, in the report time zone. */
export const periodsOf = (instant: string, timeZone = REPORT_TIME_ZONE): Period[] => {
  const day = localDateAt(Date.parse(instant), timeZone);
  const year = day.slice(0, 4);
  const month = Number(day.slice(5, 7));
  return [
    { kind: 'day', name: day },
    { kind: 'month', name: day.slice(0, 7) },
    { kind: 'quarter', name: `${year}-Q${Math.floor((month - 1) / 3) + 1}` },
    { kind: 'year', name: year },
  ];
};

const pad = (value: number) => String(value).padStart(2, '0');

/** The period before: the previous day, month, quarter or year (for trends). */
export const previousPeriod = (period: Period): Period => {
  const year = Number(period.name.slice(0, 4));
  switch (period.kind) {
    case 'year':
      return { kind: 'year', name: String(year - 1) };
    case 'quarter': {
      const quarter = Number(period.name.slice(6));
      return quarter === 1
        ? { kind: 'quarter', name: `${year - 1}-Q4` }
        : { kind: 'quarter', name: `${year}-Q${quarter - 1}` };
    }
    case 'month': {
      const month = Number(period.name.slice(5, 7));
      return month === 1
        ? { kind: 'month', name: `${year - 1}-12` }
        : { kind: 'month', name: `${year}-${pad(month - 1)}` };
    }
    case 'day': {
      const previous = new Date(Date.parse(`${period.name}T00:00:00Z`) - 24 * 3600 * 1000);
      return { kind: 'day', name: previous.toISOString().slice(0, 10) };
    }
  }
};

const lastDayOfMonth = (year: number, month: number) =>
  new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);

/** The first and last local day of a period (YYYY-MM-DD). */
export const periodDays = (period: Period): { first: string; last: string } => {
  const year = Number(period.name.slice(0, 4));
  switch (period.kind) {
    case 'day':
      return { first: period.name, last: period.name };
    case 'month': {
      const month = Number(period.name.slice(5, 7));
      return { first: `${period.name}-01`, last: lastDayOfMonth(year, month) };
    }
    case 'quarter': {
      const firstMonth = (Number(period.name.slice(6)) - 1) * 3 + 1;
      return {
        first: `${year}-${pad(firstMonth)}-01`,
        last: lastDayOfMonth(year, firstMonth + 2),
      };
    }
    case 'year':
      return { first: `${year}-01-01`, last: `${year}-12-31` };
  }
};

/** The period an aggregate key names (`2026-Q4` → quarter). */
export const periodNamed = (name: string): Period => parsePeriod(name);
