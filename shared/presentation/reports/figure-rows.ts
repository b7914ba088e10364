import type { Durations, Rate, ServiceQualityFigures } from '../../domain/reports/figures';
import type { Assessment, TargetFigure } from '../../domain/reports/targets';
import { formatChange, formatValue, type Unit } from './format';
import type { ServiceQualityReportView } from './report-view';

/** One line of the figures table, as the page and the mail both show it. */
export interface FigureRow {
  label: string;
  unit: Unit;
  read: (figures: ServiceQualityFigures) => number | null;
  /** How the figure is computed, with this period's inputs. */
  formula: (figures: ServiceQualityFigures) => string;
  target?: TargetFigure;
}

const rateRow = (
  label: string,
  pick: (figures: ServiceQualityFigures) => Rate,
  target?: TargetFigure,
): FigureRow => ({
  label,
  unit: 'percent',
  read: (figures) => pick(figures).value,
  formula: (figures) => {
    const rate = pick(figures);
    return `${rate.formula} = ${rate.numerator} / ${rate.denominator}`;
  },
  ...(target ? { target } : {}),
});

const hoursRow = (
  label: string,
  pick: (figures: ServiceQualityFigures) => Durations,
  statistic: 'meanHours' | 'medianHours' | 'p90Hours',
  explanation: string,
  target?: TargetFigure,
): FigureRow => ({
  label,
  unit: 'hours',
  read: (figures) => pick(figures)[statistic],
  formula: (figures) => `${explanation}, over ${pick(figures).count} first responses`,
  ...(target ? { target } : {}),
});

const countRow = (
  label: string,
  read: (figures: ServiceQualityFigures) => number,
  formula: string,
): FigureRow => ({ label, unit: 'count', read, formula: () => formula });

/** Every figure of the standards, in the order a manager reads them. */
export const FIGURE_ROWS: readonly FigureRow[] = [
  rateRow('满意率 Satisfaction rate', (f) => f.satisfaction.rate, 'satisfactionRate'),
  rateRow(
    '满意率（答复者）Satisfaction among respondents',
    (f) => f.satisfaction.rateOverRespondents,
  ),
  rateRow('答复率 Survey response rate', (f) => f.satisfaction.responseRate),
  {
    label: '平均评分 Mean score (1–5)',
    unit: 'score',
    read: (f) => f.satisfaction.meanScore,
    formula: () => 'sum of scores / customers who answered',
  },
  hoursRow(
    '首次响应（工作时间）First response, business hours (mean)',
    (f) => f.firstResponse.businessHours,
    'meanHours',
    'business hours from receipt to first response, mean',
    'firstResponseBusinessHours',
  ),
  hoursRow(
    '首次响应（工作时间）First response, business hours (median)',
    (f) => f.firstResponse.businessHours,
    'medianHours',
    'business hours from receipt to first response, median',
  ),
  hoursRow(
    '首次响应（工作时间）First response, business hours (P90)',
    (f) => f.firstResponse.businessHours,
    'p90Hours',
    'business hours from receipt to first response, 90th percentile',
  ),
  hoursRow(
    '首次响应（自然时间）First response, clock hours (mean)',
    (f) => f.firstResponse.clockHours,
    'meanHours',
    'clock hours from receipt to first response, mean',
  ),
  countRow('投诉数 Complaints received', (f) => f.complaints.received, 'complaints received'),
  rateRow(
    '投诉解决率 Complaint resolution rate',
    (f) => f.complaints.resolutionRate,
    'resolutionRate',
  ),
  countRow(
    '转交次数 Transfers to another department',
    (f) => f.complaints.transfers,
    'complaints sent on to another department, counted where they left',
  ),
  rateRow('首次分派准确率 First-contact routing accuracy', (f) => f.complaints.routingAccuracy),
  rateRow(
    '按时首次响应 First responses on time',
    (f) => f.sla.firstResponseWithinTarget,
    'firstResponseWithinTarget',
  ),
  rateRow(
    '按时解决 Resolutions on time',
    (f) => f.sla.resolutionWithinTarget,
    'resolutionWithinTarget',
  ),
  countRow('SLA 预警 SLA warnings', (f) => f.sla.warnings, 'deadline warnings sent'),
  countRow('SLA 违约 SLA breaches', (f) => f.sla.breaches, 'deadlines missed'),
  countRow('服务次数 Services delivered', (f) => f.services.delivered, 'services delivered'),
  rateRow('服务差错率 Service error rate', (f) => f.services.errorRate, 'serviceErrorRate'),
  countRow('计划回访 Revisits planned', (f) => f.revisits.planned, 'revisits planned'),
  rateRow(
    '按时回访率 Revisits completed on time',
    (f) => f.revisits.completedOnTime,
    'revisitOnTimeRate',
  ),
  rateRow('逾期回访 Revisits completed late', (f) => f.revisits.completedLate),
  rateRow('无法联系 Customers unreachable', (f) => f.revisits.unreachable),
  countRow('取消回访 Revisits cancelled', (f) => f.revisits.cancelled, 'revisits cancelled'),
];

/** A figure row filled in for one report: this period, the previous one, the change, the target. */
export interface FigureLine {
  row: FigureRow;
  value: number | null;
  previous: number | null;
  assessment: Assessment | undefined;
}

export const figureLines = (report: ServiceQualityReportView): FigureLine[] =>
  FIGURE_ROWS.map((row) => ({
    row,
    value: row.read(report.figures),
    previous: row.read(report.previous),
    assessment: row.target
      ? report.assessments.find((each) => each.figure === row.target)
      : undefined,
  }));

/** The line's value, previous value and change, formatted, with `empty` for no data. */
export const formatLine = (line: FigureLine, empty: string) => ({
  value: formatValue(line.value, line.row.unit, empty),
  previous: formatValue(line.previous, line.row.unit, empty),
  change: formatChange(line.value, line.previous, line.row.unit, empty),
});

/** The trend of one figure over the report's periods, oldest first. */
export const trendOf = (
  report: ServiceQualityReportView,
  read: (figures: ServiceQualityFigures) => number | null,
): { label: string; value: number | null }[] =>
  report.trend.map((each) => ({ label: each.period, value: read(each.figures) }));

export const targetOf = (report: ServiceQualityReportView, figure: TargetFigure) =>
  report.assessments.find((each) => each.figure === figure);
