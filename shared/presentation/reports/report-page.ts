import { escapeHtml as esc } from '../html';
import { barChart, distributionChart, trendChart } from './charts';
import { figureLines, formatLine, targetOf, trendOf } from './figure-rows';
import {
  CALENDAR_NOTICE_HEADING,
  CATEGORY_NAMES,
  CHANNEL_NAMES,
  DEPARTMENT_NAMES,
  filterText,
  formatTarget,
  formatValue,
  missedTargets,
  nameOf,
  NO_DATA,
  reportSubtitle,
  reportTitle,
  ROUNDING_NOTE,
  shares,
  targetSummary,
  verdictOf,
} from './format';
import { AGENT_HEADING, agentLines, RANKING_HEADING, rankingHtml } from './agent-figures';
import { hotTopicsHtml } from './hot-topics';
import type { ServiceQualityReportView } from './report-view';

const STYLE = `
body{font-family:system-ui,-apple-system,"Segoe UI","PingFang SC","Microsoft YaHei",sans-serif;color:#1f2328;line-height:1.45;max-width:1000px;margin:0 auto;padding:16px}
h1{font-size:1.5rem;margin:0 0 4px}h2{font-size:1.15rem;margin:28px 0 8px;border-bottom:1px solid #d0d7de;padding-bottom:4px}
p.meta{color:#59636e;margin:0}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{border-bottom:1px solid #d0d7de;padding:6px 8px;text-align:left;vertical-align:top}
th{background:#f6f8fa}
td.n{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
small{display:block;color:#59636e;font-weight:normal}
ol{margin:0;padding-left:1.4em}caption{text-align:left;color:#59636e;padding:4px 0}
.met{color:#1a7f37}.missed{color:#cf222e;font-weight:bold}.nodata{color:#59636e}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(320px,1fr));gap:16px}
figure{margin:0}svg{max-width:100%;height:auto}
`;

const cell = (content: string, numeric = false) =>
  numeric ? `<td class="n">${content}</td>` : `<td>${content}</td>`;

/** Headers are text; cells are HTML already escaped. Columns listed in `numeric` align right. */
const table = (headers: string[], rows: string[][], numeric: readonly number[]) =>
  `<table><thead><tr>${headers.map((header) => `<th>${esc(header)}</th>`).join('')}</tr></thead><tbody>${rows
    .map(
      (row) =>
        `<tr>${row.map((content, index) => cell(content, numeric.includes(index))).join('')}</tr>`,
    )
    .join('')}</tbody></table>`;

const figuresTable = (report: ServiceQualityReportView) =>
  table(
    [
      '指标 Figure',
      `本期 This period (${report.period})`,
      `上期 Previous (${report.previousPeriod})`,
      '变化 Change',
      '目标 Target',
      '达标 Met',
    ],
    figureLines(report).map((line) => {
      const shown = formatLine(line, NO_DATA);
      const verdict = line.assessment ? verdictOf(line.assessment) : undefined;
      return [
        `${esc(line.row.label)}<small>${esc(line.row.formula(report.figures))}</small>`,
        esc(shown.value),
        esc(shown.previous),
        esc(shown.change),
        line.assessment ? esc(formatTarget(line.assessment)) : '',
        verdict ? `<span class="${verdict.state}">${verdict.mark} ${esc(verdict.text)}</span>` : '',
      ];
    }),
    [1, 2, 3],
  );

const charts = (report: ServiceQualityReportView) => {
  const figure = (svg: string) => `<figure>${svg}</figure>`;
  return `<div class="charts">${[
    trendChart(
      trendOf(report, (f) => f.satisfaction.rate.value),
      {
        title: '满意率趋势 Satisfaction-rate trend',
        unit: 'percent',
        target: targetOf(report, 'satisfactionRate')?.target,
      },
    ),
    trendChart(
      trendOf(report, (f) => f.firstResponse.businessHours.meanHours),
      {
        title: '首次响应趋势 First response (business hours, mean)',
        unit: 'hours',
        target: targetOf(report, 'firstResponseBusinessHours')?.target,
      },
    ),
    trendChart(
      trendOf(report, (f) => f.complaints.resolutionRate.value),
      {
        title: '投诉解决率趋势 Complaint resolution-rate trend',
        unit: 'percent',
        target: targetOf(report, 'resolutionRate')?.target,
      },
    ),
    barChart(
      shares(report.complaintsByCategory).map((each) => ({
        label: nameOf(CATEGORY_NAMES, each.id),
        value: each.count,
      })),
      { title: '投诉类别 Complaints by category' },
    ),
    distributionChart(report.figures.satisfaction.distribution, {
      title: '满意度分布 Satisfaction distribution',
    }),
  ]
    .map(figure)
    .join('')}</div>`;
};

const furthestFromTarget = (report: ServiceQualityReportView) =>
  report.departmentsFurthestFromTarget.length === 0
    ? '<p>没有部门未达标（或无数据） No department missed a target (or there is no data).</p>'
    : table(
        ['部门 Department', '未达标 Targets missed', '未达标指标 Which'],
        report.departmentsFurthestFromTarget.map((standing) => [
          esc(nameOf(DEPARTMENT_NAMES, standing.department)),
          String(standing.missed),
          missedTargets(standing.assessments)
            .map((each) => esc(each))
            .join('<br>'),
        ]),
        [1],
      );

const byChannel = (report: ServiceQualityReportView) => {
  const rows = shares(report.complaintsByChannel);
  return rows.length === 0
    ? `<p>${NO_DATA} 无投诉 No complaints.</p>`
    : table(
        ['渠道 Channel', '投诉 Complaints', '占比 Share'],
        rows.map((each) => [
          esc(nameOf(CHANNEL_NAMES, each.id)),
          String(each.count),
          esc(formatValue(each.share, 'percent')),
        ]),
        [1, 2],
      );
};

const byDepartment = (report: ServiceQualityReportView) => {
  const departments = Object.entries(report.byDepartment);
  return departments.length === 0
    ? `<p>${NO_DATA}</p>`
    : table(
        [
          '部门 Department',
          '投诉 Complaints',
          '满意率 Satisfaction',
          '首次响应 First response',
          '解决率 Resolution',
        ],
        departments.map(([department, figures]) => [
          esc(nameOf(DEPARTMENT_NAMES, department)),
          String(figures.complaints.received),
          esc(formatValue(figures.satisfaction.rate.value, 'percent')),
          esc(formatValue(figures.firstResponse.businessHours.meanHours, 'hours')),
          esc(formatValue(figures.complaints.resolutionRate.value, 'percent')),
        ]),
        [1, 2, 3, 4],
      );
};

const agentTable = (
  agent: NonNullable<ServiceQualityReportView['agent']>,
  report: ServiceQualityReportView,
) =>
  `<p>${esc(agent.name)} · ${esc(nameOf(DEPARTMENT_NAMES, agent.department))}</p>` +
  table(
    [
      '指标 Figure',
      `本期 This period (${report.period})`,
      `上期 Previous (${report.previousPeriod})`,
      '变化 Change',
    ],
    agentLines(agent).map((line) => [
      esc(line.label),
      esc(line.value),
      esc(line.previous),
      esc(line.change),
    ]),
    [1, 2, 3],
  );

const calendarFooter = (calendarNotices: readonly string[]) =>
  calendarNotices.length === 0
    ? []
    : [
        `<h2>${esc(CALENDAR_NOTICE_HEADING)}</h2>`,
        ...calendarNotices.map((notice) => `<p class="meta">${esc(notice)}</p>`),
      ];

/**
 * The report as a complete, self-contained HTML page: no script, no external resource;
 * the footer states the rounding and the calendar's holiday-schedule warnings
 * (`calendarNotices`), if any.
 */
export const serviceQualityPage = (
  report: ServiceQualityReportView,
  calendarNotices: readonly string[] = [],
): string => {
  const title = reportTitle(report);
  return [
    '<!doctype html>',
    '<html lang="zh-CN"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(title)}</title><style>${STYLE}</style></head><body>`,
    `<header><h1>${esc(title)}</h1>`,
    `<p class="meta">${esc(reportSubtitle(report))}</p>`,
    `<p class="meta">筛选 Filter: ${esc(filterText(report))}</p>`,
    `<p><strong>${esc(targetSummary(report.assessments))}</strong></p></header>`,
    `<main>`,
    ...(report.agent
      ? [`<section><h2>${esc(AGENT_HEADING)}</h2>${agentTable(report.agent, report)}</section>`]
      : []),
    `<section><h2>指标 Figures</h2>${figuresTable(report)}</section>`,
    `<section><h2>图表 Charts</h2>${charts(report)}</section>`,
    `<section><h2>距目标最远的部门 Departments furthest from target</h2>${furthestFromTarget(report)}</section>`,
    `<section><h2>热点话题 Hot topics</h2>${hotTopicsHtml(report)}</section>`,
    `<section><h2>投诉渠道 Complaints by channel</h2>${byChannel(report)}</section>`,
    `<section><h2>各部门 By department</h2>${byDepartment(report)}</section>`,
    `<section><h2>${esc(RANKING_HEADING)}</h2>${rankingHtml(report)}</section></main>`,
    '<footer>',
    `<p class="meta">${esc(ROUNDING_NOTE)}</p>`,
    ...calendarFooter(calendarNotices),
    '</footer>',
    '</body></html>',
  ].join('\n');
};
