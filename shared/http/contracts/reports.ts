import { CATEGORIES, COMPLAINT_CHANNELS } from '../../domain/complaints/complaint';
import { DEPARTMENT_IDS } from '../../domain/organization/departments';
import { isPeriod, PERIOD_PATTERN } from '../../domain/reports/periods';
import * as z from '../../zod';
import { describe } from './common';
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

export const serviceQualityQuery = z
  .strictObject({
    period,
    department: z.optional(z.enum(DEPARTMENT_IDS)),
    category: z.optional(z.enum(CATEGORIES)),
    channel: z.optional(z.enum(COMPLAINT_CHANNELS)),
  })
  .check(
    z.refine(
      (query) => [query.department, query.category, query.channel].filter(Boolean).length <= 1,
      { message: 'filter by one of department, category or channel at a time' },
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
