import { serviceQualityFigures, type ServiceQualityFigures } from '../../domain/reports/figures';
import { parsePeriod, previousPeriod, REPORT_TIME_ZONE } from '../../domain/reports/periods';
import type { ReportDeps } from './deps';

export interface ReportQuery {
  period: string;
  department?: string | undefined;
  category?: string | undefined;
  channel?: string | undefined;
}

export interface ServiceQualityReport {
  period: string;
  previousPeriod: string;
  timeZone: string;
  filter: { department?: string; category?: string; channel?: string };
  figures: ServiceQualityFigures;
  previous: ServiceQualityFigures;
  byDepartment: Record<string, ServiceQualityFigures>;
  complaintsByCategory: Record<string, number>;
  complaintsByChannel: Record<string, number>;
}

/**
 * The service-quality figures of a period and of the one before (for the trend), from the
 * pre-aggregated counters: two partition reads whatever the volume. A filter picks one
 * department, category or channel.
 */
export const serviceQualityReport = async (
  deps: ReportDeps,
  query: ReportQuery,
): Promise<ServiceQualityReport> => {
  const period = parsePeriod(query.period);
  const before = previousPeriod(period);
  const [current, earlier] = await Promise.all([
    deps.aggregates.read(period),
    deps.aggregates.read(before),
  ]);
  const slice = (counters: typeof current) =>
    query.department
      ? (counters.byDimension.department[query.department] ?? {})
      : query.category
        ? (counters.byDimension.category[query.category] ?? {})
        : query.channel
          ? (counters.byDimension.channel[query.channel] ?? {})
          : counters.total;
  const countsOf = (byValue: Record<string, Record<string, number>>) =>
    Object.fromEntries(
      Object.entries(byValue)
        .map(([value, counters]) => [value, counters.complaints ?? 0] as const)
        .filter(([, count]) => count > 0)
        .sort(([, a], [, b]) => b - a),
    );
  return {
    period: period.name,
    previousPeriod: before.name,
    timeZone: REPORT_TIME_ZONE,
    filter: {
      ...(query.department ? { department: query.department } : {}),
      ...(query.category ? { category: query.category } : {}),
      ...(query.channel ? { channel: query.channel } : {}),
    },
    figures: serviceQualityFigures(slice(current)),
    previous: serviceQualityFigures(slice(earlier)),
    byDepartment: Object.fromEntries(
      Object.entries(current.byDimension.department).map(([department, counters]) => [
        department,
        serviceQualityFigures(counters),
      ]),
    ),
    complaintsByCategory: countsOf(current.byDimension.category),
    complaintsByChannel: countsOf(current.byDimension.channel),
  };
};
