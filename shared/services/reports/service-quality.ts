import {
  type Counters,
  serviceQualityFigures,
  type ServiceQualityFigures,
} from '../../domain/reports/figures';
import {
  type PeriodKind,
  parsePeriod,
  previousPeriod,
  REPORT_TIME_ZONE,
} from '../../domain/reports/periods';
import { DEFAULT_REPORT_SETTINGS } from '../../domain/reports/settings';
import { type Assessment, assess, type Targets } from '../../domain/reports/targets';
import type { PeriodCounters, ReportDeps } from './ports';

export interface ReportQuery {
  period: string;
  department?: string | undefined;
  category?: string | undefined;
  channel?: string | undefined;
}

export interface DepartmentStanding {
  department: string;
  missed: number;
  assessments: Assessment[];
}

export interface ServiceQualityReport {
  period: string;
  kind: PeriodKind;
  previousPeriod: string;
  timeZone: string;
  filter: { department?: string; category?: string; channel?: string };
  figures: ServiceQualityFigures;
  previous: ServiceQualityFigures;
  byDepartment: Record<string, ServiceQualityFigures>;
  complaintsByCategory: Record<string, number>;
  complaintsByChannel: Record<string, number>;
  /** Each targeted figure of the period, met or missed (null: no data). */
  assessments: Assessment[];
  /** Departments ordered by how many targets they missed, most first. */
  departmentsFurthestFromTarget: DepartmentStanding[];
  /** The figures of this period and the ones before it, oldest first (for trend lines). */
  trend: { period: string; figures: ServiceQualityFigures }[];
  /** The period's most frequent words in complaints and survey comments, and top categories, each with the previous period's count. */
  hotTopics: {
    terms: HotTopic[];
    categories: HotTopic[];
  };
}

export interface HotTopic {
  topic: string;
  count: number;
  previous: number;
}

/** Words in a hot-topic list, and categories. */
export const HOT_TOPICS = 10;

const mergedTerms = (counters: PeriodCounters): Record<string, number> => {
  const merged: Record<string, number> = {};
  for (const slice of Object.values(counters.termSlices)) {
    for (const [term, count] of Object.entries(slice)) merged[term] = (merged[term] ?? 0) + count;
  }
  return merged;
};

const topOf = (now: Record<string, number>, before: Record<string, number>): HotTopic[] =>
  Object.entries(now)
    .filter(([, count]) => count > 0)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .slice(0, HOT_TOPICS)
    .map(([topic, count]) => ({ topic, count, previous: before[topic] ?? 0 }));

/** Periods in a trend line, this one included: six months, quarters, days or years. */
export const TREND_LENGTH = 6;

const reportTargets = async (deps: ReportDeps): Promise<Targets> =>
  (await deps.organization.getReportSettings())?.value.targets ?? DEFAULT_REPORT_SETTINGS.targets;

/**
 * The service-quality figures of a period and of the five before (for the trend), judged against
 * the targets, from the pre-aggregated counters: four reads in parallel whatever the volume. A filter picks one
 * department, category or channel.
 */
export const serviceQualityReport = async (
  deps: ReportDeps,
  query: ReportQuery,
): Promise<ServiceQualityReport> => {
  const period = parsePeriod(query.period);
  const periods = [period];
  while (periods.length < TREND_LENGTH) periods.unshift(previousPeriod(periods[0] ?? period));
  const before = previousPeriod(period);
  const dimension = (['department', 'category', 'channel'] as const).find((name) => query[name]);
  const value = dimension ? (query[dimension] ?? '') : '';
  const sliceOf = (counters: PeriodCounters): Counters =>
    dimension ? (counters.byDimension[dimension][value] ?? {}) : counters.total;
  // The period and the one before in full (breakdowns, hot topics); the older trend points
  // need only the chosen slice, read together in one batch.
  const [current, earlier, older, targets] = await Promise.all([
    deps.aggregates.read(period, { withTerms: true }),
    deps.aggregates.read(before, { withTerms: true }),
    deps.aggregates.readSlice(
      periods.slice(0, TREND_LENGTH - 2),
      dimension ? `${dimension.toUpperCase()}#${value}` : 'ALL',
    ),
    reportTargets(deps),
  ]);
  const countsOf = (byValue: Record<string, Record<string, number>>): Record<string, number> =>
    Object.fromEntries(
      Object.entries(byValue)
        .map(([value, counters]) => [value, counters.complaints ?? 0] as const)
        .filter(([, count]) => count > 0)
        .sort(([, a], [, b]) => b - a),
    );
  const figures = serviceQualityFigures(sliceOf(current));
  const byDepartment = Object.fromEntries(
    Object.entries(current.byDimension.department).map(([department, each]) => [
      department,
      serviceQualityFigures(each),
    ]),
  );
  return {
    period: period.name,
    kind: period.kind,
    previousPeriod: before.name,
    timeZone: REPORT_TIME_ZONE,
    filter: {
      ...(query.department ? { department: query.department } : {}),
      ...(query.category ? { category: query.category } : {}),
      ...(query.channel ? { channel: query.channel } : {}),
    },
    figures,
    previous: serviceQualityFigures(sliceOf(earlier)),
    byDepartment,
    complaintsByCategory: countsOf(current.byDimension.category),
    complaintsByChannel: countsOf(current.byDimension.channel),
    assessments: assess(figures, targets),
    departmentsFurthestFromTarget: Object.entries(byDepartment)
      .map(([department, each]) => {
        const assessments = assess(each, targets);
        return {
          department,
          missed: assessments.filter((assessment) => assessment.met === false).length,
          assessments,
        };
      })
      .filter((standing) => standing.missed > 0)
      .sort((a, b) => b.missed - a.missed || a.department.localeCompare(b.department)),
    hotTopics: {
      terms: topOf(mergedTerms(current), mergedTerms(earlier)),
      categories: topOf(
        countsOf(current.byDimension.category),
        countsOf(earlier.byDimension.category),
      ),
    },
    trend: periods.map((each, index) => ({
      period: each.name,
      figures: serviceQualityFigures(
        index < TREND_LENGTH - 2
          ? (older[index] ?? {})
          : sliceOf(index === TREND_LENGTH - 1 ? current : earlier),
      ),
    })),
  };
};
