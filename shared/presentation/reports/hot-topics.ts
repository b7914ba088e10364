import { escapeHtml } from '../html';
import type { ServiceQualityReportView } from './report-view';

/** "+3" / "−2" / "±0" against the previous period (real minus sign). */
const change = (count: number, previous: number) => {
  const delta = count - previous;
  return delta > 0 ? `+${delta}` : delta < 0 ? `−${-delta}` : '±0';
};

export const hotTopicLines = (report: ServiceQualityReportView): string[] => [
  '热点话题 Hot topics (complaints and survey comments)',
  ...(report.hotTopics.terms.length === 0
    ? ['  no data']
    : report.hotTopics.terms.map(
        (topic) =>
          `- ${topic.topic}: ${topic.count} (${change(topic.count, topic.previous)} vs ${report.previousPeriod})`,
      )),
];

/** A plain table of the hot words: word, count, change — renders in any mail client. */
export const hotTopicsHtml = (report: ServiceQualityReportView): string =>
  report.hotTopics.terms.length === 0
    ? '<p style="margin:4px 0">—</p>'
    : `<table role="presentation" cellpadding="4" cellspacing="0" style="border-collapse:collapse">${report.hotTopics.terms
        .map(
          (topic) =>
            `<tr><td style="padding:2px 12px 2px 0">${escapeHtml(topic.topic)}</td><td align="right" style="text-align:right;padding:2px 12px 2px 0">${topic.count}</td><td align="right" style="text-align:right;color:#57606a">${escapeHtml(change(topic.count, topic.previous))}</td></tr>`,
        )
        .join('')}</table>`;
