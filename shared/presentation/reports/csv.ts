import type { Durations, Rate } from '../../domain/reports/figures';
import { MEASURE_UNITS } from './agent-figures';
import { formatValue, type Unit } from './format';
import type { ServiceQualityReportView } from './report-view';

/**
 * One line per figure: what a spreadsheet needs to chart a period against the one before. `value`
 * and `previous` are exact; `shown` is the value rounded once, as the page and the mail show it.
 */
const HEADER = ['figure', 'value', 'shown', 'numerator', 'denominator', 'previous', 'formula'];

/** The one plain figure that is not a count. */
const SCORES = new Set(['satisfaction.meanScore', 'agent.satisfaction.meanScore']);

const shown = (value: number | null, unit: Unit) => formatValue(value, unit, '');

const isRate = (value: unknown): value is Rate =>
  typeof value === 'object' && value !== null && 'formula' in value;
const isDurations = (value: unknown): value is Durations =>
  typeof value === 'object' && value !== null && 'meanHours' in value;

/** RFC 4180 quoting; a leading = + - @ is defused so spreadsheets never run a cell as a formula. */
const cell = (value: unknown): string => {
  const text = value === null || value === undefined ? '' : String(value);
  const safe = /^[=+\-@]/.test(text) && !/^-?\d/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

const rows = (
  current: unknown,
  previous: unknown,
  path: string,
): (string | number | null | undefined)[][] => {
  if (isRate(current)) {
    const before = previous as Rate | undefined;
    return [
      [
        path,
        current.value,
        shown(current.value, 'percent'),
        current.numerator,
        current.denominator,
        before?.value,
        current.formula,
      ],
    ];
  }
  if (isDurations(current)) {
    const before = previous as Durations | undefined;
    return (['meanHours', 'medianHours', 'p90Hours', 'count'] as const).map((name) => [
      `${path}.${name}`,
      current[name],
      shown(current[name], name === 'count' ? 'count' : 'hours'),
      undefined,
      undefined,
      before?.[name],
      undefined,
    ]);
  }
  if (typeof current === 'object' && current !== null) {
    return Object.entries(current).flatMap(([name, value]) =>
      rows(
        value,
        (previous as Record<string, unknown> | undefined)?.[name],
        path ? `${path}.${name}` : name,
      ),
    );
  }
  const value = current as number | null;
  return [
    [
      path,
      value,
      shown(value, SCORES.has(path) ? 'score' : 'count'),
      undefined,
      undefined,
      previous as number | null,
      undefined,
    ],
  ];
};

/**
 * The ranking, one line per place: `agents.<figure>.top.1`, the value, and in `formula` who holds
 * it (staff id, name, department) — no personal data beyond the staff name.
 */
const rankingRows = (report: ServiceQualityReportView) =>
  report.agents.ranking.flatMap((each) =>
    (['top', 'bottom'] as const).flatMap((end) =>
      each[end].map((agent, index) => [
        `agents.${each.figure}.${end}.${index + 1}`,
        agent.value,
        shown(agent.value, MEASURE_UNITS[each.measure]),
        undefined,
        undefined,
        undefined,
        `${agent.agentId} ${agent.name} (${agent.department})`,
      ]),
    ),
  );

/**
 * The figures of a period as CSV, with the previous period's value beside each; the staff
 * member's figures (`agent.…`) when the report is narrowed to one, then the staff ranking.
 */
export const reportCsv = (report: ServiceQualityReportView): string =>
  csvOf([
    ...rows(report.figures, report.previous, ''),
    ...(report.agent ? rows(report.agent.figures, report.agent.previous, 'agent') : []),
    ...rankingRows(report),
  ]);

/** The figures of a period as CSV, with the previous period's value beside each. */
export const figuresCsv = (
  figures: ServiceQualityReportView['figures'],
  previous: ServiceQualityReportView['figures'],
): string => csvOf(rows(figures, previous, ''));

const csvOf = (lines: unknown[][]): string =>
  [HEADER, ...lines].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
