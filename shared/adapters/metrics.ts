import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import { withLogContext } from './logger';
import type { DomainEvent } from '../domain/events';
import { ENVIRONMENT, optionalVariable } from './environment';

/**
 * Business metrics: CloudWatch embedded metric format (EMF) lines on stdout, which CloudWatch
 * Logs turns into metrics of the namespace `Kefu` with the dimensions `service` (`kefu`) and
 * `stage` (from `KEFU_STAGE`, set on every function by the CDK app). The alarms and the
 * dashboard in `infra/stack/monitoring.ts` read the same names from here.
 *
 * Handlers count what their writes committed (`countCommittedEvents`, after the write
 * succeeded) and `withBusinessMetrics` flushes the counts once per invocation, one value per
 * metric. Outside Lambda (`npm start`, tests: no `AWS_LAMBDA_FUNCTION_NAME`) the counts are
 * dropped, unless `POWERTOOLS_METRICS_DISABLED` is set, in which case Powertools' own switch
 * decides (`POWERTOOLS_METRICS_DISABLED=false npm start` prints the EMF lines).
 */
export const METRICS_NAMESPACE = 'Kefu';
export const METRICS_SERVICE = 'kefu';

/** Every business metric (unit Count), and what one count means. */
export const BUSINESS_METRICS = {
  ComplaintsFiled: 'a complaint was filed (API, email, or a survey follow-up)',
  SlaWarnings: '80 % of an SLA target passed, unmet (SLA sweep)',
  SlaBreaches: 'an SLA target passed, unmet (SLA sweep)',
  ComplaintEscalations: 'a breached complaint was escalated to a supervisor or head (SLA sweep)',
  SurveysSent: 'a survey email was sent and recorded',
  SurveyRemindersSent: "a survey's one reminder was sent and recorded",
  SurveysAnswered: 'a survey got its first answer (link or reply)',
  SurveyAnswersChanged: 'an answer was changed within the grace window',
  SurveyRepliesUnread: 'a reply to a survey could not be read and was kept for a person',
  AddressesSuppressed: 'an address was suppressed after a hard bounce or a complaint',
} as const;

export type BusinessMetric = keyof typeof BUSINESS_METRICS;

/** The dimensions of every business metric of `stage`, as the alarms and dashboard use them. */
export const businessMetricDimensions = (stage: string): Record<string, string> => ({
  service: METRICS_SERVICE,
  stage,
});

const stage = optionalVariable(ENVIRONMENT.stage);

/** The one Metrics instance of the execution environment. */
export const metrics = new Metrics({
  namespace: METRICS_NAMESPACE,
  serviceName: METRICS_SERVICE,
  ...(stage ? { defaultDimensions: { stage } } : {}),
});

/** The business metric a committed domain event counts towards, if any. */
export const businessMetricOf = (event: DomainEvent): BusinessMetric | undefined => {
  switch (event.type) {
    case 'ComplaintFiled':
      return 'ComplaintsFiled';
    case 'SlaWarning':
      return 'SlaWarnings';
    case 'SlaBreached':
      return 'SlaBreaches';
    case 'ComplaintEscalated':
      return 'ComplaintEscalations';
    case 'SurveySent':
      return event.detail.reminder === true ? 'SurveyRemindersSent' : 'SurveysSent';
    case 'SurveyAnswered':
      return event.detail.changed === true ? 'SurveyAnswersChanged' : 'SurveysAnswered';
    case 'SurveyReplyUnread':
      return 'SurveyRepliesUnread';
    case 'EmailBounced':
      return 'AddressesSuppressed';
    default:
      return undefined;
  }
};

/** Counts of this invocation, flushed by `withBusinessMetrics`. */
const counts = new Map<BusinessMetric, number>();

export const countBusinessMetric = (metric: BusinessMetric, value = 1): void => {
  counts.set(metric, (counts.get(metric) ?? 0) + value);
};

/**
 * Counts the business facts among `events`. Call it only once the write that committed them
 * (with the state they describe, in one transaction) has succeeded.
 */
export const countCommittedEvents = (events: readonly DomainEvent[] | undefined): void => {
  for (const event of events ?? []) {
    const metric = businessMetricOf(event);
    if (metric) countBusinessMetric(metric);
  }
};

/** In Lambda; elsewhere only when Powertools' own switch is set (see above). */
const publishing = (): boolean =>
  Boolean(process.env.AWS_LAMBDA_FUNCTION_NAME) ||
  process.env.POWERTOOLS_METRICS_DISABLED !== undefined;

/**
 * Writes this invocation's counts as one EMF line (one value per metric) and starts afresh.
 * Nothing counted, nothing written (Powertools would warn about an empty flush).
 */
export const publishBusinessMetrics = (): void => {
  if (counts.size === 0) return;
  const totals = [...counts];
  counts.clear();
  if (!publishing()) return;
  for (const [metric, value] of totals) metrics.addMetric(metric, MetricUnit.Count, value);
  metrics.publishStoredMetrics();
};

/**
 * Wraps a Lambda handler: whatever it counted is published when it returns or throws, and its
 * log lines carry the invocation (`withLogContext`).
 */
export const withBusinessMetrics = <Event, Result>(
  handler: (event: Event, context: Context) => Promise<Result>,
): ((event: Event, context: Context) => Promise<Result>) =>
  withLogContext(async (event, context) => {
    try {
      return await handler(event, context);
    } finally {
      publishBusinessMetrics();
    }
  });
