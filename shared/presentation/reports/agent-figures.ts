import {
  AGENT_RANKED_FIGURES,
  type AgentFigures,
  type RankedAgent,
  type RankedFigure,
} from '../../domain/reports/figures';
import { escapeHtml as esc } from '../html';
import { DEPARTMENT_NAMES, formatChange, formatValue, nameOf, NO_DATA, type Unit } from './format';
import type { ServiceQualityReportView } from './report-view';

/** How each kind of ranked figure is shown. */
export const MEASURE_UNITS: Readonly<Record<RankedFigure['measure'], Unit>> = {
  count: 'count',
  hours: 'hours',
  rate: 'percent',
};

export const RANKING_HEADING = '员工排名 Staff ranking (top and bottom five)';
export const AGENT_HEADING = '员工指标 Staff member';

/** `李娜 (物流部 Logistics) 92.0 %`: the staff name, their department and the figure, nothing else. */
export const rankedText = (agent: RankedAgent, unit: Unit): string =>
  `${agent.name} (${nameOf(DEPARTMENT_NAMES, agent.department)}) ${formatValue(agent.value, unit)}`;

/** Who the ranking covers: every department, or the reader's own. */
export const rankingScope = (report: ServiceQualityReportView): string =>
  report.agents.departments.length === 0
    ? '无 None: staff figures are for supervisors and admins'
    : report.agents.departments.length > 1
      ? '全部部门 All departments'
      : report.agents.departments.map((id) => nameOf(DEPARTMENT_NAMES, id)).join(', ');

/** One staff member's figures, with the previous period's and the change, as lines. */
export const agentLines = (
  agent: NonNullable<ServiceQualityReportView['agent']>,
  empty: string = NO_DATA,
): { label: string; value: string; previous: string; change: string }[] =>
  AGENT_RANKED_FIGURES.map((figure) => {
    const unit = MEASURE_UNITS[figure.measure];
    const read = (figures: AgentFigures) => figure.value(figures);
    return {
      label: figure.label,
      value: formatValue(read(agent.figures), unit, empty),
      previous: formatValue(read(agent.previous), unit, empty),
      change: formatChange(read(agent.figures), read(agent.previous), unit, empty),
    };
  });

const list = (agents: readonly RankedAgent[], unit: Unit) =>
  agents.length === 0
    ? NO_DATA
    : `<ol>${agents.map((agent) => `<li>${esc(rankedText(agent, unit))}</li>`).join('')}</ol>`;

/** The ranking view of the page: one row per figure, its best five and its worst five. */
export const rankingHtml = (report: ServiceQualityReportView): string => {
  const rows = report.agents.ranking.filter((each) => each.top.length > 0);
  if (rows.length === 0)
    return `<p class="meta">范围 Covers: ${esc(rankingScope(report))}</p><p>${NO_DATA} 本期无员工数据 No staff figures this period.</p>`;
  return [
    `<p class="meta">范围 Covers: ${esc(rankingScope(report))}</p>`,
    '<table><caption>每项指标的前五名与后五名 Best and worst five per figure</caption>',
    '<thead><tr><th scope="col">指标 Figure</th><th scope="col">前五 Top five (best first)</th><th scope="col">后五 Bottom five (worst first)</th></tr></thead><tbody>',
    ...rows.map((each) => {
      const unit = MEASURE_UNITS[each.measure];
      return `<tr><th scope="row">${esc(each.label)}<small>${each.better === 'higher' ? '越高越好 higher is better' : '越低越好 lower is better'}</small></th><td>${list(each.top, unit)}</td><td>${list(each.bottom, unit)}</td></tr>`;
    }),
    '</tbody></table>',
  ].join('');
};

/** The ranking as plain-text lines (the mail's text part). */
export const rankingText = (report: ServiceQualityReportView, empty: string): string[] => {
  const rows = report.agents.ranking.filter((each) => each.top.length > 0);
  return [
    `范围 Covers: ${rankingScope(report)}`,
    ...(rows.length === 0
      ? [`${empty}`]
      : rows.flatMap((each) => {
          const unit = MEASURE_UNITS[each.measure];
          return [
            `- ${each.label}`,
            `  前五 Top: ${each.top.map((agent) => rankedText(agent, unit)).join('; ')}`,
            ...(each.bottom.length > 0
              ? [`  后五 Bottom: ${each.bottom.map((agent) => rankedText(agent, unit)).join('; ')}`]
              : []),
          ];
        })),
  ];
};
