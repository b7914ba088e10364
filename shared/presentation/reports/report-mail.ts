import type { Mail } from '../mail/complaint-mails';
import { escapeHtml as esc } from '../html';
import { SCORE_NAMES } from './charts';
import { type FigureLine, figureLines, formatLine, targetOf, trendOf } from './figure-rows';
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
  NO_DATA_TEXT,
  reportSubtitle,
  reportTitle,
  ROUNDING_NOTE,
  shares,
  targetSummary,
  type Unit,
  verdictOf,
} from './format';
import type { RankedAgent } from '../../domain/reports/figures';
import { hotTopicLines, hotTopicsHtml } from './hot-topics';
import type { ServiceQualityReportView } from './report-view';
import {
  AGENT_HEADING,
  agentLines,
  MEASURE_UNITS,
  RANKING_HEADING,
  rankedText,
  rankingScope,
  rankingText,
} from './agent-figures';

/*
 * The management mail. Gmail and Outlook show neither inline SVG nor <style> reliably, so the HTML
 * part is tables with inline styles only, and its charts are table cells whose width and
 * background colour are the value.
 */

const TOP_CATEGORIES = 5;
const FONT = "Arial,'PingFang SC','Microsoft YaHei',sans-serif";
const MUTED = '#59636e';
const BORDER = '#d0d7de';
const STATE_COLORS = { met: '#1a7f37', missed: '#cf222e', nodata: MUTED } as const;
const SCORE_COLORS = ['#cf222e', '#e16f24', '#d4a72c', '#4ac26b', '#1a7f37'] as const;

const satisfactionTrend = (report: ServiceQualityReportView) =>
  trendOf(report, (f) => f.satisfaction.rate.value);

const topCategories = (report: ServiceQualityReportView) =>
  shares(report.complaintsByCategory).slice(0, TOP_CATEGORIES);

/* ---------- plain text ---------- */

const textLine = (line: FigureLine, report: ServiceQualityReportView): string => {
  const shown = formatLine(line, NO_DATA_TEXT);
  const judged = line.assessment
    ? ` — target ${formatTarget(line.assessment)}: ${verdictOf(line.assessment).mark} ${verdictOf(line.assessment).text}`
    : '';
  return `- ${line.row.label}: ${shown.value} (previous ${report.previousPeriod}: ${shown.previous}, change ${shown.change})${judged}`;
};

const plainText = (
  report: ServiceQualityReportView,
  calendarNotices: readonly string[],
): string => {
  const target = targetOf(report, 'satisfactionRate');
  const sections = [
    [reportTitle(report), reportSubtitle(report), `筛选 Filter: ${filterText(report)}`],
    [targetSummary(report.assessments)],
    ...(report.agent
      ? [
          [
            `${AGENT_HEADING}: ${report.agent.name} (${nameOf(DEPARTMENT_NAMES, report.agent.department)})`,
            ...agentLines(report.agent, NO_DATA_TEXT).map(
              (line) =>
                `- ${line.label}: ${line.value} (previous ${report.previousPeriod}: ${line.previous}, change ${line.change})`,
            ),
          ],
        ]
      : []),
    ['指标 Figures', ...figureLines(report).map((line) => textLine(line, report))],
    [
      `满意率趋势 Satisfaction-rate trend${target ? ` (target ${formatTarget(target)})` : ''}`,
      ...satisfactionTrend(report).map(
        (point) => `  ${point.label}  ${formatValue(point.value, 'percent', NO_DATA_TEXT)}`,
      ),
    ],
    [
      '距目标最远的部门 Departments furthest from target',
      ...(report.departmentsFurthestFromTarget.length === 0
        ? ['  none: no department missed a target']
        : report.departmentsFurthestFromTarget.map(
            (standing) =>
              `- ${nameOf(DEPARTMENT_NAMES, standing.department)}: ${standing.missed} missed — ${missedTargets(standing.assessments).join('; ')}`,
          )),
    ],
    [
      '投诉类别 Top complaint categories',
      ...(topCategories(report).length === 0
        ? [`  ${NO_DATA_TEXT}`]
        : topCategories(report).map(
            (each) =>
              `- ${nameOf(CATEGORY_NAMES, each.id)}: ${each.count} (${formatValue(each.share, 'percent', NO_DATA_TEXT)})`,
          )),
    ],
    hotTopicLines(report),
    [
      '投诉渠道 Complaints by channel',
      ...(shares(report.complaintsByChannel).length === 0
        ? [`  ${NO_DATA_TEXT}`]
        : shares(report.complaintsByChannel).map(
            (each) => `- ${nameOf(CHANNEL_NAMES, each.id)}: ${each.count}`,
          )),
    ],
    [RANKING_HEADING, ...rankingText(report, `  ${NO_DATA_TEXT}`)],
    [ROUNDING_NOTE],
    ...(calendarNotices.length === 0
      ? []
      : [[CALENDAR_NOTICE_HEADING, ...calendarNotices.map((notice) => `- ${notice}`)]]),
  ];
  return sections.map((lines) => lines.join('\n')).join('\n\n') + '\n';
};

/* ---------- HTML ---------- */

const td = (content: string, style = '', attributes = '') =>
  `<td${attributes} style="padding:6px 8px;border-bottom:1px solid ${BORDER};vertical-align:top;${style}">${content}</td>`;

const th = (content: string, align = 'left') =>
  `<th align="${align}" bgcolor="#f6f8fa" style="padding:6px 8px;background:#f6f8fa;border-bottom:1px solid ${BORDER};text-align:${align};font-size:12px">${esc(content)}</th>`;

const dataTable = (headers: string, rows: string[]) =>
  `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;font-size:13px;font-family:${FONT}"><tr>${headers}</tr>${rows.join('')}</table>`;

const heading = (text: string) =>
  `<h2 style="margin:24px 0 8px;font-size:16px;font-family:${FONT};color:#1f2328">${esc(text)}</h2>`;

const paragraph = (text: string, style = '') =>
  `<p style="margin:0 0 6px;font-family:${FONT};${style}">${esc(text)}</p>`;

/** A bar as two table cells: `fraction` (0–1) of the width in `color`, the rest light grey. */
const bar = (fraction: number, color: string) => {
  const filled = Math.round(Math.min(1, Math.max(0, fraction)) * 100);
  const cellStyle = 'height:14px;font-size:1px;line-height:1px';
  const on =
    filled > 0
      ? `<td width="${filled}%" bgcolor="${color}" style="background:${color};${cellStyle}">&nbsp;</td>`
      : '';
  const off =
    filled < 100
      ? `<td width="${100 - filled}%" bgcolor="#eaeef2" style="background:#eaeef2;${cellStyle}">&nbsp;</td>`
      : '';
  return `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse"><tr>${on}${off}</tr></table>`;
};

/** Rows of label · bar · value; a null fraction shows 'no data' instead of a bar. */
const barRows = (
  rows: { label: string; fraction: number | null; value: string; color: string }[],
) =>
  `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;font-size:13px;font-family:${FONT}">${rows
    .map(
      (row) =>
        `<tr><td width="190" style="padding:4px 8px 4px 0;white-space:nowrap">${esc(row.label)}</td>` +
        `<td width="300" style="padding:4px 0">${
          row.fraction === null
            ? `<span style="color:${MUTED}">${esc(NO_DATA_TEXT)}</span>`
            : bar(row.fraction, row.color)
        }</td>` +
        `<td align="right" style="padding:4px 0 4px 8px;white-space:nowrap;text-align:right">${esc(row.value)}</td></tr>`,
    )
    .join('')}</table>`;

/** The ranking as a mail-safe table: a row per figure, its best and worst five. */
const rankingMailHtml = (report: ServiceQualityReportView) => {
  const rows = report.agents.ranking.filter((each) => each.top.length > 0);
  const names = (agents: readonly RankedAgent[], unit: Unit) =>
    agents.map((agent) => esc(rankedText(agent, unit))).join('<br>') || esc(NO_DATA);
  return (
    paragraph(`范围 Covers: ${rankingScope(report)}`, `color:${MUTED}`) +
    (rows.length === 0
      ? paragraph(`${NO_DATA} 本期无员工数据 No staff figures this period.`)
      : dataTable(
          th('指标 Figure') + th('前五 Top five') + th('后五 Bottom five'),
          rows.map(
            (each) =>
              `<tr>${td(esc(each.label))}${td(names(each.top, MEASURE_UNITS[each.measure]))}${td(
                names(each.bottom, MEASURE_UNITS[each.measure]),
              )}</tr>`,
          ),
        ))
  );
};

const agentMailHtml = (
  agent: NonNullable<ServiceQualityReportView['agent']>,
  report: ServiceQualityReportView,
) =>
  paragraph(`${agent.name} · ${nameOf(DEPARTMENT_NAMES, agent.department)}`) +
  dataTable(
    th('指标 Figure') +
      th(`本期 ${report.period}`, 'right') +
      th(`上期 ${report.previousPeriod}`, 'right') +
      th('变化 Change', 'right'),
    agentLines(agent).map(
      (line) =>
        `<tr>${td(esc(line.label))}${[line.value, line.previous, line.change]
          .map((text) => td(esc(text), 'text-align:right;white-space:nowrap', ' align="right"'))
          .join('')}</tr>`,
    ),
  );

const figuresHtml = (report: ServiceQualityReportView) =>
  dataTable(
    th('指标 Figure') +
      th(`本期 ${report.period}`, 'right') +
      th(`上期 ${report.previousPeriod}`, 'right') +
      th('变化 Change', 'right') +
      th('目标 Target') +
      th('达标 Met'),
    figureLines(report).map((line) => {
      const shown = formatLine(line, NO_DATA);
      const verdict = line.assessment ? verdictOf(line.assessment) : undefined;
      const number = (text: string, bold = false) =>
        td(
          esc(text),
          `text-align:right;white-space:nowrap${bold ? ';font-weight:bold' : ''}`,
          ' align="right"',
        );
      return `<tr>${td(esc(line.row.label))}${number(shown.value, true)}${number(shown.previous)}${number(shown.change)}${td(
        line.assessment ? esc(formatTarget(line.assessment)) : '',
        'white-space:nowrap',
      )}${td(
        verdict ? `${verdict.mark} ${esc(verdict.text)}` : '',
        verdict
          ? `color:${STATE_COLORS[verdict.state]};${verdict.state === 'missed' ? 'font-weight:bold' : ''}`
          : '',
      )}</tr>`;
    }),
  );

const furthestHtml = (report: ServiceQualityReportView) =>
  report.departmentsFurthestFromTarget.length === 0
    ? paragraph('没有部门未达标 No department missed a target.')
    : dataTable(
        th('部门 Department') + th('未达标 Missed', 'right') + th('未达标指标 Which'),
        report.departmentsFurthestFromTarget.map(
          (standing) =>
            `<tr>${td(esc(nameOf(DEPARTMENT_NAMES, standing.department)))}${td(
              String(standing.missed),
              'text-align:right',
              ' align="right"',
            )}${td(missedTargets(standing.assessments).map(esc).join('<br>'))}</tr>`,
        ),
      );

const htmlPart = (report: ServiceQualityReportView, calendarNotices: readonly string[]): string => {
  const target = targetOf(report, 'satisfactionRate');
  const categories = topCategories(report);
  const most = Math.max(0, ...categories.map((each) => each.count));
  const distribution = report.figures.satisfaction.distribution;
  const answers = Object.values(distribution).reduce((sum, count) => sum + count, 0);
  const channels = shares(report.complaintsByChannel);
  const body = [
    `<h1 style="margin:0 0 6px;font-size:20px;font-family:${FONT};color:#1f2328">${esc(reportTitle(report))}</h1>`,
    paragraph(reportSubtitle(report), `color:${MUTED}`),
    paragraph(`筛选 Filter: ${filterText(report)}`, `color:${MUTED}`),
    paragraph(targetSummary(report.assessments), 'font-weight:bold;margin-top:12px'),
    ...(report.agent ? [heading(AGENT_HEADING), agentMailHtml(report.agent, report)] : []),
    heading('指标 Figures'),
    figuresHtml(report),
    heading(
      `满意率趋势 Satisfaction-rate trend${target ? ` (目标 target ${formatTarget(target)})` : ''}`,
    ),
    barRows(
      satisfactionTrend(report).map((point) => ({
        label: point.label,
        fraction: point.value,
        value: formatValue(point.value, 'percent'),
        color:
          target && point.value !== null && point.value < target.target ? '#cf222e' : '#0969da',
      })),
    ),
    heading('满意度分布 Satisfaction distribution'),
    barRows(
      (['5', '4', '3', '2', '1'] as const).map((score) => ({
        label: `${SCORE_NAMES[score]} (${score})`,
        fraction: answers > 0 ? distribution[score] / answers : null,
        value: `${distribution[score]} (${formatValue(answers > 0 ? distribution[score] / answers : null, 'percent')})`,
        color: SCORE_COLORS[Number(score) - 1] ?? MUTED,
      })),
    ),
    heading('距目标最远的部门 Departments furthest from target'),
    furthestHtml(report),
    heading('投诉类别 Top complaint categories'),
    categories.length === 0
      ? paragraph(`${NO_DATA} 无投诉 No complaints.`)
      : barRows(
          categories.map((each) => ({
            label: nameOf(CATEGORY_NAMES, each.id),
            fraction: most > 0 ? each.count / most : 0,
            value: `${each.count} (${formatValue(each.share, 'percent')})`,
            color: '#0969da',
          })),
        ),
    heading('热点话题 Hot topics'),
    hotTopicsHtml(report),
    heading('投诉渠道 Complaints by channel'),
    channels.length === 0
      ? paragraph(`${NO_DATA} 无投诉 No complaints.`)
      : dataTable(
          th('渠道 Channel') + th('投诉 Complaints', 'right') + th('占比 Share', 'right'),
          channels.map(
            (each) =>
              `<tr>${td(esc(nameOf(CHANNEL_NAMES, each.id)))}${td(String(each.count), 'text-align:right', ' align="right"')}${td(
                esc(formatValue(each.share, 'percent')),
                'text-align:right',
                ' align="right"',
              )}</tr>`,
          ),
        ),
    heading(RANKING_HEADING),
    rankingMailHtml(report),
    paragraph(ROUNDING_NOTE, `color:${MUTED};font-size:12px;margin-top:24px`),
    ...(calendarNotices.length === 0
      ? []
      : [
          `<div style="margin-top:24px;padding-top:8px;border-top:1px solid ${BORDER}">`,
          paragraph(CALENDAR_NOTICE_HEADING, `font-weight:bold;color:${MUTED}`),
          ...calendarNotices.map((notice) => paragraph(notice, `color:${MUTED}`)),
          '</div>',
        ]),
  ].join('\n');
  return [
    '<!doctype html>',
    '<html lang="zh-CN"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(reportTitle(report))}</title></head>`,
    '<body style="margin:0;padding:0;background:#f6f8fa">',
    '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" bgcolor="#f6f8fa" style="background:#f6f8fa"><tr><td align="center" style="padding:16px 8px">',
    `<table role="presentation" width="680" cellpadding="0" cellspacing="0" border="0" bgcolor="#ffffff" style="width:680px;max-width:100%;background:#ffffff;color:#1f2328;font-family:${FONT};font-size:14px;line-height:1.45"><tr><td style="padding:20px">`,
    body,
    '</td></tr></table>',
    '</td></tr></table>',
    '</body></html>',
  ].join('\n');
};

/**
 * The service-quality report for managers: subject, plain text with every figure, mail-safe HTML;
 * `calendarNotices` (the calendar's holiday-schedule warnings) close both parts as a footer.
 */
export const managementReportMail = (
  report: ServiceQualityReportView,
  calendarNotices: readonly string[] = [],
): Mail => {
  const { department, category, channel } = report.filter;
  const narrowed = [
    ...(department ? [nameOf(DEPARTMENT_NAMES, department)] : []),
    ...(category ? [nameOf(CATEGORY_NAMES, category)] : []),
    ...(channel ? [nameOf(CHANNEL_NAMES, channel)] : []),
    ...(report.agent ? [report.agent.name] : []),
  ];
  return {
    // Filter values come from the query: no line break may reach the Subject header.
    subject: [reportTitle(report), ...narrowed].join(' · ').replace(/\p{Cc}+/gu, ' '),
    text: plainText(report, calendarNotices),
    html: htmlPart(report, calendarNotices),
  };
};
