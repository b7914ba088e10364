import { describe, expect, it } from 'vitest';
import {
  BusinessCalendar,
  DEFAULT_CALENDAR,
} from '../../../shared/domain/calendar/business-calendar';
import { serviceQualityFigures } from '../../../shared/domain/reports/figures';
import { managementReportsDue } from '../../../shared/domain/reports/schedule';
import { assess, DEFAULT_TARGETS } from '../../../shared/domain/reports/targets';

const calendar = new BusinessCalendar(DEFAULT_CALENDAR);
const on = (localDay: string) => new Date(`${localDay}T09:00:00+08:00`);
const both = { monthly: true, quarterly: true };

describe('management report schedule', () => {
  it('sends last month on the first working day of a month, and last quarter when a quarter opens', () => {
    expect(managementReportsDue(on('2026-10-08'), calendar, both).map((p) => p.name)).toEqual([
      '2026-09',
      '2026-Q3',
    ]);
    expect(managementReportsDue(on('2026-11-02'), calendar, both).map((p) => p.name)).toEqual([
      '2026-10',
    ]);
    expect(managementReportsDue(on('2026-01-04'), calendar, both).map((p) => p.name)).toEqual([
      '2025-12',
      '2025-Q4',
    ]);
  });

  it('sends nothing on other days, and only what is switched on', () => {
    expect(managementReportsDue(on('2026-10-01'), calendar, both)).toEqual([]);
    expect(managementReportsDue(on('2026-11-03'), calendar, both)).toEqual([]);
    expect(
      managementReportsDue(on('2026-10-08'), calendar, { monthly: false, quarterly: true }).map(
        (p) => p.name,
      ),
    ).toEqual(['2026-Q3']);
  });
});

describe('targets', () => {
  it('marks each figure met or missed, by which way is better, and no data as neither', () => {
    const figures = serviceQualityFigures({
      surveyed: 10,
      score5: 6,
      score4: 3,
      answered: 9,
      scoreSum: 42,
      frCount: 2,
      frBusinessMsSum: 2 * 5 * 3_600_000,
      services: 100,
      serviceErrors: 1,
    });
    const byFigure = Object.fromEntries(assess(figures, DEFAULT_TARGETS).map((a) => [a.figure, a]));
    expect(byFigure.satisfactionRate).toMatchObject({ value: 0.9, met: true, shortfall: 0 });
    expect(byFigure.firstResponseBusinessHours).toMatchObject({
      value: 5,
      met: false,
      shortfall: 1,
    });
    expect(byFigure.serviceErrorRate).toMatchObject({ value: 0.01, met: true });
    expect(byFigure.resolutionRate).toMatchObject({ value: null, met: null, shortfall: null });
    expect(assess(figures, { satisfactionRate: 0.95 })).toHaveLength(1);
  });
});
