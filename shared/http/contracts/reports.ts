import { CATEGORIES, COMPLAINT_CHANNELS } from '../../domain/complaints/complaint';
import { DEPARTMENT_IDS } from '../../domain/organization/departments';
import { isPeriod, PERIOD_PATTERN } from '../../domain/reports/periods';
import * as z from '../../zod';
import { AGENT_RANKED_FIGURES, RANKING_ENDS } from '../../domain/reports/figures';
import { describe, staffIdSchema } from './common';
import { versionedSettingSchema } from './organization-settings';

const PERIOD_FORMS = 'a day (2026-11-23), month (2026-11), quarter (2026-Q4) or year (2026)';

/** A period that exists: 2026-13 and 2026-02-30 are malformed input, like 2026-Q5. */
const period = describe(
  z
    .string()
    .check(
      z.regex(PERIOD_PATTERN, { error: `must be ${PERIOD_FORMS}`, abort: true }),
      z.refine(isPeriod, `must be ${PERIOD_FORMS} that exists on the calendar`),
    ),
  `${PERIOD_FORMS.replace(/^a/, 'A')}, Asia/Shanghai`,
);

/** What the report credits to a staff member (ARCHITECTURE, "Figures per agent"). */
const AGENT_RULE =
  "One staff member's figures (supervisors: their own department's staff; admins: all; others 404). Credited: complaints handled = complaints received in the period whose owner they are now (for a resolved complaint the owner who resolved it; a reassignment or transfer moves it to the new owner); first-response time and on-time first responses = the first responses they gave; transfers away = complaints taken from them by a transfer (counted for the owner it left); satisfaction = after-case surveys of cases credited to them when the survey was planned (the complaint's owner when it closed, the revisit's assignee); revisits = those assigned to them";

export const serviceQualityQuery = z
  .strictObject({
    period: z.optional(
      describe(
        period,
        `${PERIOD_FORMS.replace(/^a/, 'A')}, Asia/Shanghai; the current month when absent`,
      ),
    ),
    department: z.optional(z.enum(DEPARTMENT_IDS)),
    category: z.optional(z.enum(CATEGORIES)),
    channel: z.optional(z.enum(COMPLAINT_CHANNELS)),
    agent: z.optional(describe(staffIdSchema, AGENT_RULE)),
  })
  .check(
    z.refine(
      (query) =>
        [query.department, query.category, query.channel, query.agent].filter(Boolean).length <= 1,
      { message: 'filter by one of department, category, channel or agent at a time' },
    ),
  );

const rate = z
  .object({
    value: describe(
      z.nullable(z.number()),
      'numerator / denominator exactly (0–1, not rounded: round it once, where it is shown); null when the period has no data',
    ),
    numerator: z.number(),
    denominator: z.number(),
    formula: z.string(),
  })
  .register(z.globalRegistry, { id: 'Rate' });

const durations = z
  .object({
    count: z.number(),
    meanHours: describe(z.nullable(z.number()), 'Exact (not rounded)'),
    medianHours: z.nullable(z.number()),
    p90Hours: describe(z.nullable(z.number()), 'Within 1 % (a quantile sketch)'),
  })
  .register(z.globalRegistry, { id: 'Durations' });

const figures = z
  .object({
    satisfaction: z.object({
      rate: describe(rate, 'Satisfaction rate = (非常满意 + 满意) / customers surveyed'),
      rateOverRespondents: rate,
      responseRate: rate,
      meanScore: describe(z.nullable(z.number()), 'sum of scores / customers who answered, exact'),
      distribution: z.record(z.string(), z.number()),
    }),
    firstResponse: z.object({ clockHours: durations, businessHours: durations }),
    complaints: z.object({
      received: z.number(),
      resolutionRate: describe(rate, 'resolved complaints / all complaints in the period'),
      transfers: describe(
        z.number(),
        'Complaints sent on to another department (by department: counted where they left)',
      ),
      routingAccuracy: describe(
        rate,
        'First-contact routing accuracy = complaints never transferred / complaints routed (by department: routed there first)',
      ),
    }),
    sla: z.object({
      firstResponseWithinTarget: rate,
      resolutionWithinTarget: rate,
      warnings: z.number(),
      breaches: z.number(),
    }),
    services: z.object({
      delivered: z.number(),
      errorRate: describe(rate, 'services with an error / all services'),
    }),
    revisits: z.object({
      planned: z.number(),
      completedOnTime: rate,
      completedLate: rate,
      unreachable: rate,
      cancelled: z.number(),
    }),
  })
  .register(z.globalRegistry, { id: 'ServiceQualityFigures' });

const agentFigures = z
  .object({
    complaintsHandled: describe(
      z.number(),
      'Complaints received in the period whose owner they are now (for resolved ones: who resolved them)',
    ),
    firstResponse: z.object({ clockHours: durations, businessHours: durations }),
    firstResponseWithinTarget: describe(
      rate,
      'Their first responses by the deadline / their first responses',
    ),
    resolutionRate: describe(rate, 'Resolved / complaints handled'),
    transfersAway: describe(
      z.number(),
      'Complaints taken from them by a transfer to another department',
    ),
    satisfaction: z.object({
      rate: describe(rate, '(非常满意 + 满意) / after-case surveys of their cases sent'),
      meanScore: z.nullable(z.number()),
      surveyed: z.number(),
    }),
    revisitsCompletedOnTime: describe(rate, 'Their revisits completed by the deadline / planned'),
    revisitsUnreachable: describe(rate, 'Their revisits unreachable / planned'),
  })
  .register(z.globalRegistry, { id: 'AgentFigures' });

const rankedAgent = z.object({
  agentId: z.string(),
  name: z.string(),
  department: z.string(),
  value: z.number(),
});

const agentRanking = z
  .object({
    figure: describe(
      z.enum(AGENT_RANKED_FIGURES.map((each) => each.figure) as [string, ...string[]]),
      AGENT_RANKED_FIGURES.map((each) => `${each.figure}: ${each.label}`).join('; '),
    ),
    label: z.string(),
    measure: z.enum(['count', 'hours', 'rate']),
    better: z.enum(['higher', 'lower']),
    top: describe(z.array(rankedAgent), `The best ${RANKING_ENDS}, best first`),
    bottom: describe(
      z.array(rankedAgent),
      `The worst ${RANKING_ENDS} of the others (none of top, none level with its last), worst first`,
    ),
  })
  .register(z.globalRegistry, { id: 'AgentRanking' });

const assessment = z
  .object({
    figure: z.string(),
    label: z.string(),
    value: z.nullable(z.number()),
    target: z.number(),
    better: z.enum(['higher', 'lower']),
    met: describe(z.nullable(z.boolean()), 'null when the period has no data for the figure'),
    shortfall: z.nullable(z.number()),
  })
  .register(z.globalRegistry, { id: 'TargetAssessment' });

const hotTopic = z
  .object({ topic: z.string(), count: z.number(), previous: z.number() })
  .register(z.globalRegistry, { id: 'HotTopic' });

export const serviceQualityReportSchema = z
  .object({
    period: z.string(),
    kind: z.enum(['day', 'month', 'quarter', 'year']),
    previousPeriod: z.string(),
    timeZone: z.string(),
    filter: z.record(z.string(), z.string()),
    figures,
    previous: figures,
    byDepartment: z.record(z.string(), figures),
    complaintsByCategory: z.record(z.string(), z.number()),
    complaintsByChannel: z.record(z.string(), z.number()),
    assessments: z.array(assessment),
    departmentsFurthestFromTarget: z.array(
      z.object({ department: z.string(), missed: z.int(), assessments: z.array(assessment) }),
    ),
    agent: z.optional(
      describe(
        z.object({
          agentId: z.string(),
          name: z.string(),
          department: z.string(),
          figures: agentFigures,
          previous: agentFigures,
        }),
        'The staff member asked for (agent=), this period and the one before',
      ),
    ),
    agents: describe(
      z.object({
        departments: describe(
          z.array(z.string()),
          'Whose staff the ranking covers: every department for admins and the management mail, the own department for supervisors, none for integrator clients',
        ),
        ranking: z.array(agentRanking),
      }),
      'Staff members ranked per figure, top and bottom five; no personal data beyond the staff name',
    ),
    trend: z.array(z.object({ period: z.string(), figures })),
    hotTopics: describe(
      z.object({ terms: z.array(hotTopic), categories: z.array(hotTopic) }),
      'The most frequent words of complaints and survey comments (whole period, segmented with Intl.Segmenter) and the top complaint categories, with the previous period',
    ),
  })
  .register(z.globalRegistry, { id: 'ServiceQualityReport' });

const targets = z
  .strictObject({
    satisfactionRate: z.optional(z.number().check(z.gte(0), z.lte(1))),
    firstResponseBusinessHours: z.optional(z.number().check(z.gt(0), z.lte(1000))),
    resolutionRate: z.optional(z.number().check(z.gte(0), z.lte(1))),
    firstResponseWithinTarget: z.optional(z.number().check(z.gte(0), z.lte(1))),
    resolutionWithinTarget: z.optional(z.number().check(z.gte(0), z.lte(1))),
    serviceErrorRate: z.optional(z.number().check(z.gte(0), z.lte(1))),
    revisitOnTimeRate: z.optional(z.number().check(z.gte(0), z.lte(1))),
  })
  .register(z.globalRegistry, { id: 'ReportTargets' });

export const reportSettingsBody = z
  .strictObject({
    recipients: describe(
      z.array(z.email().check(z.maxLength(254))).check(z.maxLength(50)),
      'Who receives the scheduled management reports',
    ),
    monthly: z.boolean(),
    quarterly: z.boolean(),
    targets,
  })
  .register(z.globalRegistry, { id: 'ReportSettings' });

export const reportSettingsSchema = versionedSettingSchema(
  'ReportSettingsSet',
  'settings',
  reportSettingsBody,
);

export const reportViewQuery = serviceQualityQuery;
