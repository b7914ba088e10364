import { CATEGORIES, COMPLAINT_CHANNELS } from '../../domain/complaints/complaint';
import { DEPARTMENT_IDS } from '../../domain/organization/departments';
import * as z from '../../zod';
import { describe } from './common';

export const serviceQualityQuery = z
  .strictObject({
    period: describe(
      z.string().check(z.regex(/^\d{4}(-Q[1-4]|-\d{2}(-\d{2})?)?$/)),
      'A day (2026-11-23), month (2026-11), quarter (2026-Q4) or year (2026), Asia/Shanghai',
    ),
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
    value: describe(z.nullable(z.number()), 'The ratio (0–1); null when the period has no data'),
    numerator: z.number(),
    denominator: z.number(),
    formula: z.string(),
  })
  .register(z.globalRegistry, { id: 'Rate' });

const durations = z
  .object({
    count: z.number(),
    meanHours: z.nullable(z.number()),
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
      meanScore: z.nullable(z.number()),
      distribution: z.record(z.string(), z.number()),
    }),
    firstResponse: z.object({ clockHours: durations, businessHours: durations }),
    complaints: z.object({
      received: z.number(),
      resolutionRate: describe(rate, 'resolved complaints / all complaints in the period'),
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

export const serviceQualityReportSchema = z
  .object({
    period: z.string(),
    previousPeriod: z.string(),
    timeZone: z.string(),
    filter: z.record(z.string(), z.string()),
    figures,
    previous: figures,
    byDepartment: z.record(z.string(), figures),
    complaintsByCategory: z.record(z.string(), z.number()),
    complaintsByChannel: z.record(z.string(), z.number()),
  })
  .register(z.globalRegistry, { id: 'ServiceQualityReport' });
