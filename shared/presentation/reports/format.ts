import type { PeriodKind } from '../../domain/reports/periods';
import type { Assessment, TargetFigure } from '../../domain/reports/targets';
import type { ServiceQualityReportView } from './report-view';

export type Unit = 'percent' | 'hours' | 'score' | 'count';

/** How a missing figure reads in HTML (page and mail) and in plain text. */
export const NO_DATA = '—';
export const NO_DATA_TEXT = 'no data';
/** Heads the footer that carries the calendar's holiday-schedule warnings. */
export const CALENDAR_NOTICE_HEADING = '日历提醒 Calendar notice';

const MINUS = '\u2212';
const PLACES: Record<Unit, number> = { percent: 1, hours: 1, score: 2, count: 0 };

/** Rounds half away from zero after removing binary noise (0.925 * 100 is 92.50000000000001). */
const roundTo = (value: number, places: number): number => {
  const scaled = Number((Math.abs(value) * 10 ** places).toPrecision(12));
  const rounded = (Math.sign(value) * Math.round(scaled)) / 10 ** places;
  return rounded === 0 ? 0 : rounded;
};

const isNumber = (value: number | null | undefined): value is number =>
  value !== null && value !== undefined && Number.isFinite(value);

/**
 * `92.5 %` (from 0.925), `3.2 h`, `4.25`, `12`; `empty` when there is no data. The figures are
 * exact (a rate is numerator / denominator unrounded), so this is the one rounding they get.
 */
export const formatValue = (
  value: number | null | undefined,
  unit: Unit,
  empty: string = NO_DATA,
): string => {
  if (!isNumber(value)) return empty;
  const places = PLACES[unit];
  switch (unit) {
    case 'percent':
      return `${roundTo(value * 100, places).toFixed(places)} %`;
    case 'hours':
      return `${roundTo(value, places).toFixed(places)} h`;
    case 'score':
      return roundTo(value, places).toFixed(places);
    case 'count':
      return String(roundTo(value, places));
  }
};

const step = (places: number) => (10 ** -places).toFixed(places);

/** The footnote of the page and the mail: how (and that only there) the figures were rounded. */
export const ROUNDING_NOTE =
  `注：百分比由精确的分子 / 分母计算，仅在显示时四舍五入一次。 ` +
  `Note: each rate is its exact numerator / denominator, rounded once, half away from zero, ` +
  `only where it is shown: to ${step(PLACES.percent)} % (changes to ${step(PLACES.percent)} pt), ` +
  `hours to ${step(PLACES.hours)} h, mean scores to ${step(PLACES.score)}.`;

/** The change from the previous period: `+1.2 pt` for rates, `−0.4 h` for hours, `±0` for none. */
export const formatChange = (
  current: number | null | undefined,
  previous: number | null | undefined,
  unit: Unit,
  empty: string = NO_DATA,
): string => {
  if (!isNumber(current) || !isNumber(previous)) return empty;
  const places = PLACES[unit];
  const delta = roundTo(
    unit === 'percent' ? (current - previous) * 100 : current - previous,
    places,
  );
  const sign = delta > 0 ? '+' : delta < 0 ? MINUS : '±';
  const suffix = unit === 'percent' ? ' pt' : unit === 'hours' ? ' h' : '';
  return `${sign}${Math.abs(delta).toFixed(places)}${suffix}`;
};

/** The unit a targeted figure is measured in. */
export const targetUnit = (figure: TargetFigure): Unit =>
  figure === 'firstResponseBusinessHours' ? 'hours' : 'percent';

/** `≥ 90.0 %`, `≤ 4.0 h`. */
export const formatTarget = (assessment: Assessment): string =>
  `${assessment.better === 'higher' ? '≥' : '≤'} ${formatValue(assessment.target, targetUnit(assessment.figure))}`;

/** How far from the target: `52.5 pt` for rates, `1.2 h` for hours. */
export const formatShortfall = (assessment: Assessment): string => {
  if (!isNumber(assessment.shortfall)) return NO_DATA_TEXT;
  return targetUnit(assessment.figure) === 'hours'
    ? formatValue(assessment.shortfall, 'hours')
    : `${roundTo(assessment.shortfall * 100, PLACES.percent).toFixed(PLACES.percent)} pt`;
};

export type VerdictState = 'met' | 'missed' | 'nodata';

export interface Verdict {
  state: VerdictState;
  mark: '✓' | '✗' | '—';
  /** Bilingual: `达标 met`, `未达标 missed by 52.5 pt`, `无数据 no data`. */
  text: string;
}

export const verdictOf = (assessment: Assessment): Verdict =>
  assessment.met === true
    ? { state: 'met', mark: '✓', text: '达标 met' }
    : assessment.met === false
      ? { state: 'missed', mark: '✗', text: `未达标 missed by ${formatShortfall(assessment)}` }
      : { state: 'nodata', mark: '—', text: `无数据 ${NO_DATA_TEXT}` };

export const CATEGORY_NAMES: Readonly<Record<string, string>> = {
  product_quality: '产品质量 Product quality',
  service_attitude: '服务态度 Service attitude',
  after_sales: '售后 After-sales',
  delivery: '物流 Delivery',
  billing: '账务 Billing',
  privacy: '隐私 Privacy',
  other: '其他 Other',
};

export const DEPARTMENT_NAMES: Readonly<Record<string, string>> = {
  'customer-service': '客服部 Customer service',
  sales: '销售部 Sales',
  'technical-support': '技术支持部 Technical support',
  'after-sales': '售后服务部 After-sales service',
  logistics: '物流部 Logistics',
  finance: '财务部 Finance',
};

export const CHANNEL_NAMES: Readonly<Record<string, string>> = {
  phone: '电话 Phone',
  email: '邮件 Email',
  web: '网站 Web',
  social: '社交媒体 Social media',
  in_person: '现场 In person',
  api: '接口 API',
};

/** The display name of an id, or the id itself when it is not a known one (not yet escaped). */
export const nameOf = (names: Readonly<Record<string, string>>, id: string): string =>
  Object.hasOwn(names, id) ? (names[id] ?? id) : id;

const KIND_NAMES: Record<PeriodKind, string> = {
  day: '日报 Daily report',
  month: '月报 Monthly report',
  quarter: '季报 Quarterly report',
  year: '年报 Annual report',
};

export const reportTitle = (report: Pick<ServiceQualityReportView, 'period'>): string =>
  `服务质量报告 Service-quality report ${report.period}`;

/** `月报 Monthly report · 对比 compared with 2026-10 · 时区 Time zone Asia/Shanghai`. */
export const reportSubtitle = (report: ServiceQualityReportView): string =>
  [
    KIND_NAMES[report.kind],
    `对比 compared with ${report.previousPeriod}`,
    ...(report.timeZone ? [`时区 time zone ${report.timeZone}`] : []),
  ].join(' · ');

/** What the report was narrowed to, or `全部 All complaints`. */
export const filterText = (report: ServiceQualityReportView): string => {
  const { department, category, channel, agent } = report.filter;
  const parts = [
    ...(department ? [`部门 Department: ${nameOf(DEPARTMENT_NAMES, department)}`] : []),
    ...(category ? [`类别 Category: ${nameOf(CATEGORY_NAMES, category)}`] : []),
    ...(channel ? [`渠道 Channel: ${nameOf(CHANNEL_NAMES, channel)}`] : []),
    ...(agent ? [`员工 Staff member: ${report.agent?.name ?? agent}`] : []),
  ];
  return parts.length > 0 ? parts.join(' · ') : '全部 All departments, categories and channels';
};

/** `目标 Targets: 2 达标 met, 4 未达标 missed, 1 无数据 no data`. */
export const targetSummary = (assessments: readonly Assessment[]): string => {
  const count = (met: boolean | null) => assessments.filter((each) => each.met === met).length;
  return `目标 Targets: ${count(true)} 达标 met, ${count(false)} 未达标 missed, ${count(null)} 无数据 no data`;
};

/** Each target a department missed: `满意率 Satisfaction rate 60.0 % (≥ 90.0 %)`. */
export const missedTargets = (assessments: readonly Assessment[]): string[] =>
  assessments
    .filter((each) => each.met === false)
    .map(
      (each) =>
        `${each.label} ${formatValue(each.value, targetUnit(each.figure))} (${formatTarget(each)})`,
    );

/** Count and share of each key, largest first (the report already sorts them). */
export const shares = (
  counts: Readonly<Record<string, number>>,
): { id: string; count: number; share: number | null }[] => {
  const entries = Object.entries(counts).sort(([, a], [, b]) => b - a);
  const total = entries.reduce((sum, [, count]) => sum + count, 0);
  return entries.map(([id, count]) => ({ id, count, share: total > 0 ? count / total : null }));
};
