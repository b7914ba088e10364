import { escapeHtml as esc } from '../html';
import { formatValue, NO_DATA_TEXT } from './format';

/*
 * Server-side SVG charts as strings: no script, no external asset, no web font (sans-serif), each
 * with role="img", a <title> and an aria-label that carries the data for screen readers.
 */

export interface TrendPoint {
  label: string;
  value: number | null;
}

export interface TrendOptions {
  title: string;
  unit: 'percent' | 'hours' | 'score';
  /** Drawn as a dashed line when given. */
  target?: number | null | undefined;
}

export interface Bar {
  label: string;
  value: number;
}

export type Distribution = Record<'1' | '2' | '3' | '4' | '5', number>;

export const CHART_WIDTH = 640;

const INK = '#1f2328';
const MUTED = '#59636e';
const GRID = '#d0d7de';
const LINE = '#0969da';
const TARGET = '#bf3989';

const px = (value: number) => String(Math.round(value * 10) / 10);

const svg = (height: number, title: string, label: string, body: string): string =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${CHART_WIDTH}" height="${px(height)}" ` +
  `viewBox="0 0 ${CHART_WIDTH} ${px(height)}" role="img" aria-label="${esc(label)}" ` +
  `font-family="sans-serif"><title>${esc(title)}</title>` +
  `<rect x="0" y="0" width="${CHART_WIDTH}" height="${px(height)}" fill="#ffffff"/>` +
  `<text x="16" y="26" font-size="15" font-weight="bold" fill="${INK}">${esc(title)}</text>${body}</svg>`;

const text = (
  x: number,
  y: number,
  content: string,
  attributes: Record<string, string | number> = {},
): string => {
  const extra = Object.entries({ 'font-size': 11, fill: INK, ...attributes })
    .map(([name, value]) => ` ${name}="${esc(String(value))}"`)
    .join('');
  return `<text x="${px(x)}" y="${px(y)}"${extra}>${esc(content)}</text>`;
};

const truncate = (label: string, max = 30) =>
  [...label].length > max ? `${[...label].slice(0, max - 1).join('')}…` : label;

/** 1, 2, 2.5 or 5 times a power of ten, at least `raw`. */
const niceStep = (raw: number): number => {
  if (!(raw > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  return (
    (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10) * power
  );
};

const axisRange = (unit: TrendOptions['unit'], values: number[]) => {
  if (unit === 'score') return { low: 1, high: 5, step: 1 };
  const highest = Math.max(0, ...values);
  const lowest = values.length > 0 ? Math.min(...values) : 0;
  const [low, high] =
    unit === 'percent'
      ? [Math.max(0, Math.floor(lowest * 10 - 1) / 10), 1]
      : [0, highest > 0 ? highest * 1.15 : 1];
  const step = niceStep((high - low) / 4);
  return {
    low: Math.floor(low / step + 1e-9) * step,
    high: Math.ceil(high / step - 1e-9) * step,
    step,
  };
};

const tickLabel = (unit: TrendOptions['unit'], value: number) =>
  unit === 'percent'
    ? `${Math.round(value * 1000) / 10} %`
    : unit === 'hours'
      ? `${Math.round(value * 10) / 10} h`
      : String(Math.round(value * 10) / 10);

const AXIS_TITLES: Record<TrendOptions['unit'], string> = {
  percent: '百分比 percent',
  hours: '小时 hours',
  score: '评分 score',
};

/** A line chart of a figure over periods; a period without data breaks the line and says so. */
export const trendChart = (points: readonly TrendPoint[], options: TrendOptions): string => {
  const height = 300;
  const [left, right, top, bottom] = [72, 24, 48, 52];
  const plotWidth = CHART_WIDTH - left - right;
  const plotHeight = height - top - bottom;
  const known = points.flatMap((point) =>
    point.value !== null && Number.isFinite(point.value) ? [point.value] : [],
  );
  const target = options.target ?? null;
  const { low, high, step } = axisRange(options.unit, target === null ? known : [...known, target]);
  const y = (value: number) => top + plotHeight * (1 - (value - low) / (high - low));
  const x = (index: number) => left + (plotWidth * (index + 0.5)) / Math.max(1, points.length);
  const unit = options.unit;

  const grid: string[] = [];
  for (let index = 0; index <= Math.round((high - low) / step); index += 1) {
    const value = low + index * step;
    grid.push(
      `<line x1="${left}" y1="${px(y(value))}" x2="${CHART_WIDTH - right}" y2="${px(y(value))}" stroke="${GRID}" stroke-width="1"/>`,
      text(left - 8, y(value) + 4, tickLabel(unit, value), { 'text-anchor': 'end', fill: MUTED }),
    );
  }
  const axisTitle = text(0, 0, AXIS_TITLES[unit], {
    transform: `translate(16 ${px(top + plotHeight / 2)}) rotate(-90)`,
    'text-anchor': 'middle',
    fill: MUTED,
  });

  const lines: string[] = [];
  const marks: string[] = [];
  let run: { index: number; value: number }[] = [];
  const closeRun = () => {
    if (run.length > 1)
      lines.push(
        `<polyline points="${run.map((p) => `${px(x(p.index))},${px(y(p.value))}`).join(' ')}" fill="none" stroke="${LINE}" stroke-width="2.5" stroke-linejoin="round"/>`,
      );
    run = [];
  };
  points.forEach((point, index) => {
    marks.push(text(x(index), height - bottom + 18, point.label, { 'text-anchor': 'middle' }));
    if (point.value === null || !Number.isFinite(point.value)) {
      closeRun();
      marks.push(
        `<line x1="${px(x(index))}" y1="${top}" x2="${px(x(index))}" y2="${top + plotHeight}" stroke="${GRID}" stroke-dasharray="4 4"/>`,
        text(x(index), top + plotHeight / 2 - 4, '无数据', {
          'text-anchor': 'middle',
          fill: MUTED,
        }),
        text(x(index), top + plotHeight / 2 + 10, NO_DATA_TEXT, {
          'text-anchor': 'middle',
          fill: MUTED,
        }),
      );
      return;
    }
    run.push({ index, value: point.value });
    marks.push(
      `<circle cx="${px(x(index))}" cy="${px(y(point.value))}" r="4" fill="${LINE}"/>`,
      text(x(index), y(point.value) - 9, formatValue(point.value, unit), {
        'text-anchor': 'middle',
      }),
    );
  });
  closeRun();

  const targetLine =
    target === null
      ? ''
      : `<line x1="${left}" y1="${px(y(target))}" x2="${CHART_WIDTH - right}" y2="${px(y(target))}" stroke="${TARGET}" stroke-width="1.5" stroke-dasharray="6 4"/>` +
        text(CHART_WIDTH - right, y(target) - 5, `目标 target ${formatValue(target, unit)}`, {
          'text-anchor': 'end',
          fill: TARGET,
        });
  const axes =
    `<line x1="${left}" y1="${top}" x2="${left}" y2="${top + plotHeight}" stroke="${MUTED}"/>` +
    `<line x1="${left}" y1="${top + plotHeight}" x2="${CHART_WIDTH - right}" y2="${top + plotHeight}" stroke="${MUTED}"/>` +
    text(left + plotWidth / 2, height - 10, '期间 period', {
      'text-anchor': 'middle',
      fill: MUTED,
    });

  const label = `${options.title}: ${points
    .map((point) => `${point.label} ${formatValue(point.value, unit, NO_DATA_TEXT)}`)
    .join(', ')}${target === null ? '' : `; target ${formatValue(target, unit)}`}`;
  return svg(
    height,
    options.title,
    label,
    grid.join('') + axisTitle + axes + targetLine + lines.join('') + marks.join(''),
  );
};

interface BarRow {
  label: string;
  value: number;
  text: string;
  color: string;
}

const horizontalBars = (rows: readonly BarRow[], title: string, label: string): string => {
  const [top, rowHeight, barHeight, labelWidth, valueWidth] = [44, 30, 18, 220, 120];
  const barLeft = 16 + labelWidth;
  const barSpace = CHART_WIDTH - barLeft - valueWidth;
  const height = top + Math.max(1, rows.length) * rowHeight + 12;
  const max = Math.max(0, ...rows.map((row) => row.value));
  const body =
    rows.length === 0
      ? text(16, top + 20, `无数据 ${NO_DATA_TEXT}`, { fill: MUTED, 'font-size': 13 })
      : rows
          .map((row, index) => {
            const middle = top + index * rowHeight + rowHeight / 2;
            const width = max > 0 ? (barSpace * Math.max(0, row.value)) / max : 0;
            return (
              text(barLeft - 8, middle + 4, truncate(row.label), {
                'text-anchor': 'end',
                'font-size': 12,
              }) +
              `<rect x="${barLeft}" y="${px(middle - barHeight / 2)}" width="${px(Math.max(width, row.value > 0 ? 1 : 0))}" height="${barHeight}" fill="${row.color}"/>` +
              text(barLeft + width + 6, middle + 4, row.text, { 'font-size': 12 })
            );
          })
          .join('');
  return svg(height, title, label, body);
};

/** Horizontal bars with their counts, largest first as given (e.g. complaints by category). */
export const barChart = (bars: readonly Bar[], options: { title: string }): string =>
  horizontalBars(
    bars.map((bar) => ({ ...bar, text: String(bar.value), color: LINE })),
    options.title,
    `${options.title}: ${
      bars.length === 0 ? NO_DATA_TEXT : bars.map((bar) => `${bar.label} ${bar.value}`).join(', ')
    }`,
  );

export const SCORE_NAMES: Record<keyof Distribution, string> = {
  '5': '非常满意 Very satisfied',
  '4': '满意 Satisfied',
  '3': '一般 Neutral',
  '2': '不满意 Dissatisfied',
  '1': '非常不满意 Very dissatisfied',
};

const SCORE_COLORS: Record<keyof Distribution, string> = {
  '5': '#1a7f37',
  '4': '#4ac26b',
  '3': '#d4a72c',
  '2': '#e16f24',
  '1': '#cf222e',
};

/** The answers to the satisfaction survey from 非常满意 (5) down to 非常不满意 (1), counts and shares. */
export const distributionChart = (
  distribution: Distribution,
  options: { title: string },
): string => {
  const scores = ['5', '4', '3', '2', '1'] as const;
  const total = scores.reduce((sum, score) => sum + distribution[score], 0);
  const rows = scores.map((score) => {
    const count = distribution[score];
    const share = formatValue(total > 0 ? count / total : null, 'percent');
    return {
      label: `${SCORE_NAMES[score]} (${score})`,
      value: count,
      text: `${count} (${share})`,
      color: SCORE_COLORS[score],
    };
  });
  const label = `${options.title}: ${
    total === 0 ? NO_DATA_TEXT : rows.map((row) => `${row.label} ${row.text}`).join(', ')
  }`;
  return horizontalBars(rows, options.title, label);
};
