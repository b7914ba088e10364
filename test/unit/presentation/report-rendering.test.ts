import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import {
  agentFigures,
  type Counters,
  rankAgents,
  serviceQualityFigures,
} from '../../../shared/domain/reports/figures';
import {
  barChart,
  distributionChart,
  trendChart,
} from '../../../shared/presentation/reports/charts';
import {
  CATEGORY_NAMES,
  formatChange,
  formatValue,
  nameOf,
} from '../../../shared/presentation/reports/format';
import { BusinessCalendar } from '../../../shared/domain/calendar/business-calendar';
import { DEFAULT_CALENDAR } from '../../../shared/domain/calendar/settings';
import { managementReportMail } from '../../../shared/presentation/reports/report-mail';
import { serviceQualityPage } from '../../../shared/presentation/reports/report-page';
import { bucketOf } from '../../../shared/domain/reports/sketch';
import { assess, DEFAULT_TARGETS } from '../../../shared/domain/reports/targets';
import type { ServiceQualityReport } from '../../../shared/services/reports/service-quality';

const HOUR_MS = 3_600_000;
const HOSTILE_DEPARTMENT = '<script>alert("d")</script>&co';
const HOSTILE_CATEGORY = '<img src=x onerror=alert(1)>';
/** 0.0 % on its own (not the end of 100.0 %): how a missing rate must never read. */
const ZERO_PERCENT = /(?<![\d.])0\.0 %/;

interface Month {
  /** Answers by score 1..5, and customers surveyed (answered or not). */
  scores?: [number, number, number, number, number];
  surveyed?: number;
  complaints?: number;
  resolved?: number;
  /** Business hours to each first response (clock hours are twice that). */
  firstResponses?: number[];
  frWithin?: number;
  resTargets?: number;
  resWithin?: number;
  services?: number;
  serviceErrors?: number;
  revisitsPlanned?: number;
  revisitsOnTime?: number;
  slaWarnings?: number;
  slaBreaches?: number;
}

/** Counters as the aggregation would have added them up. */
const counters = (month: Month): Counters => {
  const out: Counters = {};
  const add = (name: string, value: number) => {
    if (value !== 0) out[name] = (out[name] ?? 0) + value;
  };
  const scores = month.scores ?? [0, 0, 0, 0, 0];
  scores.forEach((count, index) => {
    add(`score${index + 1}`, count);
    add('scoreSum', count * (index + 1));
    add('answered', count);
  });
  add('surveyed', month.surveyed ?? 0);
  add('complaints', month.complaints ?? 0);
  add('resolved', month.resolved ?? 0);
  for (const hours of month.firstResponses ?? []) {
    add('frCount', 1);
    add('frBusinessMsSum', hours * HOUR_MS);
    add('frClockMsSum', 2 * hours * HOUR_MS);
    add(`frBusinessB${bucketOf(hours * HOUR_MS)}`, 1);
    add(`frClockB${bucketOf(2 * hours * HOUR_MS)}`, 1);
  }
  add('frTargets', month.firstResponses?.length ?? 0);
  add('frWithin', month.frWithin ?? 0);
  add('resTargets', month.resTargets ?? 0);
  add('resWithin', month.resWithin ?? 0);
  add('services', month.services ?? 0);
  add('serviceErrors', month.serviceErrors ?? 0);
  add('revisitsPlanned', month.revisitsPlanned ?? 0);
  add('revisitsOnTime', month.revisitsOnTime ?? 0);
  add('slaWarnings', month.slaWarnings ?? 0);
  add('slaBreaches', month.slaBreaches ?? 0);
  return out;
};

/** 2026-11: 6 of 16 surveyed satisfied (37.5 %), 17 of 20 complaints resolved (85.0 %), 3.2 h. */
const NOVEMBER: Month = {
  scores: [1, 2, 3, 4, 2],
  surveyed: 16,
  complaints: 20,
  resolved: 17,
  firstResponses: [2, 3, 4, 3.5, 3.5],
  frWithin: 5,
  resTargets: 17,
  resWithin: 16,
  services: 50,
  serviceErrors: 1,
  slaWarnings: 3,
  slaBreaches: 1,
};

/** 2026-10: 5 of 10 satisfied (50.0 %), every complaint resolved, 3.93 h. */
const OCTOBER: Month = {
  scores: [1, 1, 1, 2, 3],
  surveyed: 10,
  complaints: 12,
  resolved: 12,
  firstResponses: [4, 4, 3.8],
  frWithin: 3,
  revisitsPlanned: 4,
  revisitsOnTime: 4,
};

const months: [string, Month][] = [
  [
    '2026-06',
    {
      scores: [0, 0, 1, 4, 5],
      surveyed: 10,
      complaints: 8,
      resolved: 8,
      firstResponses: [3, 4, 5],
    },
  ],
  ['2026-07', {}],
  [
    '2026-08',
    { scores: [1, 0, 1, 4, 4], surveyed: 10, complaints: 9, resolved: 9, firstResponses: [3, 3.5] },
  ],
  [
    '2026-09',
    {
      scores: [1, 1, 1, 3, 4],
      surveyed: 10,
      complaints: 10,
      resolved: 9,
      firstResponses: [4.5, 5],
    },
  ],
  ['2026-10', OCTOBER],
  ['2026-11', NOVEMBER],
];

const departments: Record<string, Month> = {
  'technical-support': {
    scores: [1, 2, 2, 1, 0],
    surveyed: 8,
    complaints: 10,
    resolved: 7,
    firstResponses: [4, 3.5],
    frWithin: 2,
  },
  'customer-service': {
    scores: [0, 0, 1, 3, 2],
    surveyed: 6,
    complaints: 6,
    resolved: 6,
    firstResponses: [2, 3],
    frWithin: 2,
  },
  [HOSTILE_DEPARTMENT]: { scores: [0, 0, 0, 1, 1], surveyed: 4, complaints: 4, resolved: 4 },
};

/** Staff members as the ranking sees them; one name would break the markup if not escaped. */
export const RANKED_AGENTS = [
  {
    agentId: 'li-na',
    name: '李娜',
    department: 'logistics',
    figures: agentFigures({
      complaints: 4,
      resolved: 3,
      surveyed: 2,
      score5: 2,
      answered: 2,
      scoreSum: 10,
    }),
  },
  {
    agentId: 'wang-fang',
    name: '王芳',
    department: 'logistics',
    figures: agentFigures({
      complaints: 2,
      resolved: 2,
      transfers: 1,
      surveyed: 1,
      score2: 1,
      answered: 1,
      scoreSum: 2,
    }),
  },
  {
    agentId: 'evil',
    name: '<script>x</script>',
    department: 'sales',
    figures: agentFigures({ complaints: 1 }),
  },
];

const buildReport = (): ServiceQualityReport => {
  const figures = serviceQualityFigures(counters(NOVEMBER));
  const byDepartment = Object.fromEntries(
    Object.entries(departments).map(([id, month]) => [id, serviceQualityFigures(counters(month))]),
  );
  return {
    period: '2026-11',
    kind: 'month',
    previousPeriod: '2026-10',
    timeZone: 'Asia/Shanghai',
    filter: {},
    figures,
    previous: serviceQualityFigures(counters(OCTOBER)),
    byDepartment,
    complaintsByCategory: {
      product_quality: 8,
      service_attitude: 5,
      delivery: 4,
      billing: 2,
      [HOSTILE_CATEGORY]: 1,
    },
    complaintsByChannel: { phone: 9, email: 6, web: 5 },
    assessments: assess(figures, DEFAULT_TARGETS),
    departmentsFurthestFromTarget: Object.entries(byDepartment)
      .map(([department, each]) => {
        const assessments = assess(each, DEFAULT_TARGETS);
        return {
          department,
          missed: assessments.filter((a) => a.met === false).length,
          assessments,
        };
      })
      .filter((standing) => standing.missed > 0)
      .sort((a, b) => b.missed - a.missed),
    agents: { departments: ['logistics', 'sales'], ranking: rankAgents(RANKED_AGENTS) },
    trend: months.map(([period, month]) => ({
      period,
      figures: serviceQualityFigures(counters(month)),
    })),
    hotTopics: {
      terms: [
        { topic: '物流', count: 7, previous: 3 },
        { topic: '<退款>', count: 4, previous: 6 },
      ],
      categories: [{ topic: 'product_quality', count: 8, previous: 5 }],
    },
  };
};

const emptyReport = (): ServiceQualityReport => {
  const figures = serviceQualityFigures({});
  return {
    period: '2026-Q4',
    kind: 'quarter',
    previousPeriod: '2026-Q3',
    timeZone: 'Asia/Shanghai',
    filter: { department: 'finance' },
    figures,
    previous: figures,
    agents: { departments: [], ranking: rankAgents([]) },
    byDepartment: {},
    complaintsByCategory: {},
    complaintsByChannel: {},
    assessments: assess(figures, DEFAULT_TARGETS),
    departmentsFurthestFromTarget: [],
    trend: ['2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4'].map((period) => ({
      period,
      figures,
    })),
    hotTopics: { terms: [], categories: [] },
  };
};

/** What a reader sees: tags and the style sheet gone, entities decoded. */
const visibleText = (html: string) =>
  html
    .replace(/<style>[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&amp;', '&')
    .replace(/\s+/g, ' ');

/** The table row whose text contains `label`. */
const rowOf = (html: string, label: string) =>
  html.match(/<tr>(?:(?!<\/tr>)[\s\S])*<\/tr>/g)?.find((row) => row.includes(label)) ?? '';

const lineOf = (text: string, label: string) =>
  text.split('\n').find((line) => line.includes(label)) ?? '';

/** Elements balanced, entities known, attributes quoted: enough to be parsed as XML. */
const expectWellFormed = (svg: string) => {
  const stack: string[] = [];
  for (const [tag] of svg.matchAll(/<[^>]*>/g)) {
    const name = /^<\/?([a-zA-Z][\w-]*)/.exec(tag)?.[1];
    expect(name, tag).toBeDefined();
    expect(tag, 'attributes are quoted').toMatch(/^<\/?[\w-]+(\s+[\w:-]+="[^"<]*")*\s*\/?>$/);
    if (tag.startsWith('</')) expect(stack.pop(), tag).toBe(name);
    else if (!tag.endsWith('/>')) stack.push(name!);
  }
  expect(stack).toEqual([]);
  expect(svg.replace(/<[^>]*>/g, '')).not.toMatch(/[<>]|&(?!(amp|lt|gt|quot|#39);)/);
};

describe('report formatting', () => {
  it('formats percents, hours and changes, and never turns no data into a number', () => {
    expect(formatValue(0.925, 'percent')).toBe('92.5 %');
    expect(formatValue(3.2, 'hours')).toBe('3.2 h');
    expect(formatValue(null, 'percent')).toBe('—');
    expect(formatValue(Number.NaN, 'hours', 'no data')).toBe('no data');
    expect(formatChange(0.937, 0.925, 'percent')).toBe('+1.2 pt');
    expect(formatChange(3.2, 3.6, 'hours')).toBe('−0.4 h');
    expect(formatChange(0.5, 0.5, 'percent')).toBe('±0.0 pt');
    expect(formatChange(0.5, null, 'percent', 'no data')).toBe('no data');
  });
});

describe('a rate rounded once, from its exact numerator and denominator', () => {
  // 7 / 13 = 53.846…%: rounding a stored 0.5385 again would show 53.9 %.
  const report = {
    ...buildReport(),
    figures: serviceQualityFigures(counters({ scores: [0, 0, 0, 0, 7], surveyed: 13 })),
  };
  const page = serviceQualityPage(report);
  const mail = managementReportMail(report);

  it('shows 53.8 % on the page and in both parts of the mail', () => {
    for (const shown of [
      visibleText(rowOf(page, '满意率 Satisfaction rate')),
      lineOf(mail.text, '满意率 Satisfaction rate'),
      visibleText(rowOf(mail.html, '满意率 Satisfaction rate')),
    ]) {
      expect(shown).toContain('53.8 %');
      expect(shown).not.toContain('53.9 %');
      expect(shown).toContain('+3.8 pt'); // from October's exact 50 %
    }
    expect(visibleText(rowOf(page, '满意率 Satisfaction rate'))).toContain('= 7 / 13');
  });

  it('says so in the footnote of the page and of the mail', () => {
    const note = /each rate is its exact numerator \/ denominator, rounded once[^.]*to 0\.1 %/;
    expect(visibleText(page.slice(page.indexOf('<footer>')))).toMatch(note);
    expect(mail.text.trimEnd().split('\n').at(-1)).toMatch(note);
    expect(visibleText(mail.html)).toMatch(note);
  });
});

describe('the service-quality page', () => {
  const report = buildReport();
  const page = serviceQualityPage(report);
  const text = visibleText(page);

  it('is a complete page without script or external resources', () => {
    expect(page.startsWith('<!doctype html>')).toBe(true);
    expect(page).toContain('<html lang="zh-CN">');
    expect(page).toContain('<meta charset="utf-8">');
    expect(page).toContain('name="viewport"');
    expect(page).toContain('<title>服务质量报告 Service-quality report 2026-11</title>');
    // Tags with their quoted attribute values emptied: what is left is names only.
    const tags = [...page.matchAll(/<[^>]*>/g)].map(([tag]) => tag.replace(/"[^"]*"/g, '""'));
    expect(tags.filter((tag) => /^<\/?(script|link|img|iframe|object|embed)\b/i.test(tag))).toEqual(
      [],
    );
    expect(tags.filter((tag) => /\s(src|href|on\w+)=/i.test(tag))).toEqual([]);
    expect(page).not.toMatch(/url\(|@import|@font-face/i);
  });

  it('closes with the calendar notices in the footer, after the rounding, and has none without them', () => {
    const warned = serviceQualityPage(report, ['The 2027 holiday schedule <has not> been entered']);
    expect(warned).toMatch(
      /<footer>\n<p class="meta">[^<]*<\/p>\n<h2>日历提醒 Calendar notice<\/h2>\n<p class="meta">The 2027 holiday schedule &lt;has not&gt; been entered<\/p>\n<\/footer>\n<\/body>/,
    );
    expect(page).not.toContain('Calendar notice');
  });

  it('shows each figure against the previous period and its target', () => {
    expect(text).toContain('服务质量报告 Service-quality report 2026-11');
    const satisfaction = visibleText(rowOf(page, '满意率 Satisfaction rate'));
    expect(satisfaction).toContain('37.5 %');
    expect(satisfaction).toContain('50.0 %');
    expect(satisfaction).toContain('−12.5 pt');
    expect(satisfaction).toContain('≥ 90.0 %');
    expect(satisfaction).toContain('✗ 未达标 missed by 52.5 pt');
    expect(satisfaction).toContain('(非常满意 + 满意) / customers surveyed = 6 / 16');
    const resolution = visibleText(rowOf(page, '投诉解决率 Complaint resolution rate'));
    expect(resolution).toContain('85.0 %');
    expect(resolution).toContain('−15.0 pt');
    expect(resolution).toContain('missed by 10.0 pt');
    const firstResponse = visibleText(rowOf(page, 'business hours (mean)'));
    expect(firstResponse).toContain('3.2 h');
    expect(firstResponse).toContain('−0.7 h');
    expect(firstResponse).toContain('≤ 4.0 h');
    expect(firstResponse).toContain('✓ 达标 met');
    expect(rowOf(page, '服务差错率')).toContain('✓');
    expect(text).toContain('目标 Targets: 3 达标 met, 3 未达标 missed, 1 无数据 no data');
  });

  it('shows a figure without data as — , never as 0 or NaN', () => {
    const revisits = visibleText(rowOf(page, '按时回访率'));
    expect(revisits).toContain('— 无数据 no data');
    expect(revisits).toContain('100.0 %'); // October had revisits
    expect(revisits).not.toMatch(ZERO_PERCENT);
    const empty = serviceQualityPage(emptyReport());
    expect(empty).not.toMatch(/NaN|Infinity|undefined|(?<![\d.])0\.0 %/);
    expect(visibleText(rowOf(empty, '满意率 Satisfaction rate'))).toContain('—');
    expect(visibleText(empty)).toContain('财务部 Finance');
  });

  it('lists the departments furthest from target and the channels', () => {
    const furthest = page.slice(page.indexOf('Departments furthest from target'));
    expect(furthest.indexOf('技术支持部 Technical support')).toBeGreaterThan(-1);
    expect(visibleText(rowOf(furthest, '技术支持部'))).toContain('满意率 Satisfaction rate 12.5 %');
    expect(visibleText(rowOf(page.slice(page.indexOf('by channel')), '电话 Phone'))).toContain(
      '45.0 %',
    );
  });

  it('escapes hostile department and category names', () => {
    expect(page).not.toContain(HOSTILE_DEPARTMENT);
    expect(page).not.toContain(HOSTILE_CATEGORY);
    expect(page).toContain('&lt;script&gt;alert(&quot;d&quot;)&lt;/script&gt;&amp;co');
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(text).toContain(HOSTILE_DEPARTMENT);
  });

  it('embeds the five charts', () => {
    expect(page.match(/<svg /g)).toHaveLength(5);
    for (const title of [
      '满意率趋势 Satisfaction-rate trend',
      '首次响应趋势',
      '投诉解决率趋势',
      '投诉类别 Complaints by category',
      '满意度分布 Satisfaction distribution',
    ])
      expect(page).toContain(`<title>${title}`);
  });
});

describe('the management report mail', () => {
  const report = buildReport();
  const mail = managementReportMail(report);

  it('names the period in the subject', () => {
    expect(mail.subject).toBe('服务质量报告 Service-quality report 2026-11');
    expect(managementReportMail(emptyReport()).subject).toBe(
      '服务质量报告 Service-quality report 2026-Q4 · 财务部 Finance',
    );
    const sneaky = { ...emptyReport(), filter: { channel: 'web\r\nBcc: x@example.com' } };
    expect(managementReportMail(sneaky).subject).not.toMatch(/[\r\n]/);
  });

  it('has every figure in the plain text, with previous value and target', () => {
    const satisfaction = lineOf(mail.text, '满意率 Satisfaction rate');
    expect(satisfaction).toContain('37.5 %');
    expect(satisfaction).toContain('previous 2026-10: 50.0 %');
    expect(satisfaction).toContain('−12.5 pt');
    expect(satisfaction).toContain('target ≥ 90.0 %: ✗ 未达标 missed by 52.5 pt');
    expect(lineOf(mail.text, '投诉解决率')).toContain('85.0 %');
    expect(lineOf(mail.text, 'business hours (mean)')).toContain('3.2 h');
    expect(lineOf(mail.text, 'business hours (mean)')).toContain('✓ 达标 met');
    expect(lineOf(mail.text, '按时回访率')).toContain(': no data (previous 2026-10: 100.0 %');
    expect(lineOf(mail.text, '按时回访率')).not.toMatch(ZERO_PERCENT);
    expect(mail.text).toContain('  2026-07  no data');
    expect(mail.text).toContain('- 技术支持部 Technical support:');
    expect(mail.text).toContain('- 产品质量 Product quality: 8 (40.0 %)');
    const empty = managementReportMail(emptyReport());
    expect(`${empty.text}${empty.html}`).not.toMatch(/NaN|Infinity|undefined|(?<![\d.])0\.0 %/);
  });

  it('has an HTML part mail clients render: tables and inline styles, no SVG, image or style sheet', () => {
    expect(mail.html).not.toMatch(/<svg|<img|<script|<style|<link|url\(|background-image/i);
    expect(mail.html).not.toMatch(/\bclass=/);
    const text = visibleText(mail.html);
    expect(text).toContain('37.5 %');
    expect(text).toContain('85.0 %');
    expect(visibleText(rowOf(mail.html, '满意率 Satisfaction rate'))).toContain('✗ 未达标');
    expect(visibleText(rowOf(mail.html, '按时回访率'))).toContain('—');
    expect(visibleText(rowOf(mail.html, '按时回访率'))).not.toMatch(ZERO_PERCENT);
  });

  it('draws the satisfaction trend as table cells whose width is the value', () => {
    const trend = mail.html.slice(
      mail.html.indexOf('Satisfaction-rate trend'),
      mail.html.indexOf('Satisfaction distribution'),
    );
    expect(trend).toMatch(/<td width="38%" bgcolor="#[0-9a-f]{6}" style="background:#[0-9a-f]{6}/);
    expect(trend).toMatch(/<td width="90%" bgcolor=/);
    expect(visibleText(rowOf(trend, '2026-07'))).toContain('no data');
    expect(rowOf(trend, '2026-07')).not.toMatch(/bgcolor/);
  });

  it('escapes hostile names in the mail', () => {
    expect(mail.html).not.toContain(HOSTILE_DEPARTMENT);
    expect(mail.html).not.toContain(HOSTILE_CATEGORY);
    expect(mail.html).toContain('&lt;script&gt;');
    expect(mail.text).toContain(HOSTILE_DEPARTMENT); // plain text needs no escaping
  });

  it('closes with the calendar’s warning when next year’s holiday schedule is missing', () => {
    const calendar = new BusinessCalendar(DEFAULT_CALENDAR);
    const notices = calendar
      .holidayScheduleWarnings(new Date('2026-11-15T02:00:00Z'))
      .map((warning) => warning.message);
    expect(notices).toHaveLength(1);
    const warned = managementReportMail(report, notices);
    const footer = warned.text.trimEnd().split('\n\n').at(-1)!;
    expect(footer).toMatch(
      /^日历提醒 Calendar notice\n- The 2027 holiday schedule has not been entered/,
    );
    expect(visibleText(warned.html)).toMatch(
      /Calendar notice\s*The 2027 holiday schedule[^]*\(调休\)\.\s*$/,
    );
    expect(mail.text).not.toContain('Calendar notice');
    expect(mail.html).not.toContain('Calendar notice');
  });
});

describe('the SVG charts', () => {
  const report = buildReport();
  const charts: Record<string, { svg: string; title: string }> = {
    'satisfaction-trend': {
      title: '满意率趋势 Satisfaction-rate trend',
      svg: trendChart(
        report.trend.map((each) => ({
          label: each.period,
          value: each.figures.satisfaction.rate.value,
        })),
        { title: '满意率趋势 Satisfaction-rate trend', unit: 'percent', target: 0.9 },
      ),
    },
    'first-response-trend': {
      title: '首次响应 First response (business hours)',
      svg: trendChart(
        report.trend.map((each) => ({
          label: each.period,
          value: each.figures.firstResponse.businessHours.meanHours,
        })),
        { title: '首次响应 First response (business hours)', unit: 'hours', target: 4 },
      ),
    },
    'empty-trend': {
      title: 'Mean score',
      svg: trendChart(
        ['2026-Q1', '2026-Q2'].map((label) => ({ label, value: null })),
        { title: 'Mean score', unit: 'score' },
      ),
    },
    'complaints-by-category': {
      title: '投诉类别 Complaints by category',
      svg: barChart(
        Object.entries(report.complaintsByCategory).map(([id, value]) => ({
          label: nameOf(CATEGORY_NAMES, id),
          value,
        })),
        { title: '投诉类别 Complaints by category' },
      ),
    },
    'satisfaction-distribution': {
      title: '满意度分布 Satisfaction distribution',
      svg: distributionChart(report.figures.satisfaction.distribution, {
        title: '满意度分布 Satisfaction distribution',
      }),
    },
  };

  it.each(Object.entries(charts))('%s is a titled, accessible, well-formed SVG', (_, chart) => {
    const { svg, title } = chart;
    expect(svg).toMatch(
      /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="640" height="\d+(\.\d)?" viewBox="0 0 640 \d+(\.\d)?" role="img" aria-label="[^"]+" font-family="sans-serif">/,
    );
    expect(svg).toContain(`<title>${title}</title>`);
    expect(svg).not.toMatch(/<script|href=|url\(|<image|<foreignObject|@font-face|NaN|Infinity/);
    expectWellFormed(svg);
  });

  it('breaks the trend line at a period without data and says so', () => {
    const svg = charts['satisfaction-trend']!.svg;
    expect(svg.match(/<polyline /g)).toHaveLength(1); // 2026-06 alone, then 08–11 joined
    expect(svg.match(/<circle /g)).toHaveLength(5);
    expect(svg).toContain('>no data</text>');
    expect(svg).toContain('2026-07 no data');
    expect(svg).toContain('>37.5 %</text>');
    expect(charts['empty-trend']!.svg).not.toContain('<polyline');
  });

  it('prints counts and shares, escaping labels', () => {
    const bars = charts['complaints-by-category']!.svg;
    expect(bars).toContain('>8</text>');
    expect(bars).not.toContain('<img');
    expect(bars).toContain('&lt;img src=x');
    const distribution = charts['satisfaction-distribution']!.svg;
    expect(distribution).toContain('非常满意 Very satisfied (5)');
    expect(distribution).toContain('>4 (33.3 %)</text>'); // 4 of 12 answers were 满意
  });

  it('rasterizes each chart to a PNG in test-output/charts', () => {
    const folder = fileURLToPath(new URL('../../../test-output/charts/', import.meta.url));
    mkdirSync(folder, { recursive: true });
    for (const [name, { svg }] of Object.entries(charts)) {
      const png = new Resvg(svg, {
        background: 'white',
        font: { loadSystemFonts: true, defaultFontFamily: 'sans-serif' },
      })
        .render()
        .asPng();
      writeFileSync(`${folder}${name}.png`, png);
      expect(png.length).toBeGreaterThan(500);
      expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      expect(png.readUInt32BE(16), `${name} width`).toBe(640);
    }
    const pages = fileURLToPath(new URL('../../../test-output/', import.meta.url));
    writeFileSync(`${pages}report-page.html`, serviceQualityPage(report));
    writeFileSync(`${pages}report-mail.html`, managementReportMail(report).html);
    writeFileSync(`${pages}report-mail.txt`, managementReportMail(report).text);
  });
});

describe('hot topics', () => {
  it('lists the hot words with their change in the page, the email text and the email HTML, escaped', () => {
    const report = buildReport();
    const page = serviceQualityPage(report);
    const mail = managementReportMail(report);
    expect(page).toContain('物流');
    expect(page).toContain('&lt;退款&gt;');
    expect(page).not.toContain('<退款>');
    expect(mail.text).toContain('- 物流: 7 (+4 vs 2026-10)');
    expect(mail.text).toContain('- <退款>: 4 (−2 vs 2026-10)');
    expect(mail.html).toContain('&lt;退款&gt;');
    expect(managementReportMail(emptyReport()).text).toMatch(/Hot topics[^\n]*\n {2}no data/);
  });
});

describe('the staff figures: ranking and one staff member', () => {
  const report = buildReport();
  const narrowed = {
    ...report,
    filter: { agent: 'li-na' },
    agent: {
      agentId: 'li-na',
      name: '李娜',
      department: 'logistics',
      figures: RANKED_AGENTS[0]!.figures,
      previous: agentFigures({ complaints: 2, resolved: 1 }),
    },
  };

  it('ranks on the page per figure, best first, escaping names, with no personal data but the name', () => {
    const page = serviceQualityPage(report);
    const text = visibleText(page);
    expect(text).toContain('员工排名 Staff ranking (top and bottom five)');
    expect(text).toContain('范围 Covers: 全部部门 All departments');
    expect(page).toMatch(/处理投诉 Complaints handled.*?<ol><li>李娜 \(物流部[^)]*\) 4<\/li>/s);
    expect(page).not.toContain('<script>x</script>');
    expect(page).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(page).not.toContain('@staff.example.com');
    expect(text).toContain('王芳 (物流部 Logistics) 100.0 %');
  });

  it('shows the staff member narrowed to with this period, the previous one and the change', () => {
    const text = visibleText(serviceQualityPage(narrowed));
    expect(text).toContain('员工 Staff member: 李娜');
    expect(text).toMatch(/投诉解决率 Resolution rate\s*75\.0 %\s*50\.0 %\s*\+25\.0 pt/);
  });

  it('puts the ranking and the staff member in both parts of the mail and in the CSV', async () => {
    const mail = managementReportMail(narrowed);
    expect(mail.subject).toContain('李娜');
    expect(mail.text).toContain('员工排名 Staff ranking');
    expect(mail.text).toMatch(
      /- 处理投诉 Complaints handled\n {2}前五 Top: 李娜 \(物流部 Logistics\) 4; 王芳/,
    );
    expect(mail.text).toContain(
      '- 投诉解决率 Resolution rate: 75.0 % (previous 2026-10: 50.0 %, change +25.0 pt)',
    );
    expect(mail.html).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(mail.html).not.toContain('<script>');
    const { reportCsv } = await import('../../../shared/presentation/reports/csv');
    const lines = reportCsv(narrowed).split('\r\n');
    expect(lines).toContain(
      'agent.resolutionRate,0.75,75.0 %,3,4,0.5,resolved complaints / all complaints received in the period',
    );
    expect(lines).toContain('agents.complaintsHandled.top.1,4,4,,,,li-na 李娜 (logistics)');
    expect(lines).toContain('agents.transfersAway.top.1,0,0,,,,evil <script>x</script> (sales)');
  });

  it('says so when there are no staff figures, and whom the ranking covers', () => {
    const text = visibleText(serviceQualityPage(emptyReport()));
    expect(text).toContain('本期无员工数据 No staff figures this period.');
    expect(text).toContain('无 None: staff figures are for supervisors and admins');
  });
});
