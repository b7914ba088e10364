import { Duration } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import {
  BUSINESS_METRICS,
  type BusinessMetric,
  businessMetricDimensions,
  METRICS_NAMESPACE,
} from '../../shared/adapters/metrics';
import { functionName, type WiringManifest } from '../../wiring/manifest';
import type { DeadLetterQueue } from './dead-letter-queue';
import { physicalQueueName } from './dead-letter-queue';
import { physicalFunctionName } from './functions';
import { handlerUsages } from './manifest';
import { alarmNamePrefix, alarmTopicName } from './operations';
import type { StageSettings } from './stage';

/** Where each alarm is answered: `docs/RUNBOOK.md#<anchor>`. */
export const RUNBOOK = 'docs/RUNBOOK.md';

/** The `kefu-<stage>` dashboard. */
export const dashboardName = (stage: string): string => `kefu-${stage}`;

/** The widget each business metric is drawn in (every metric is on the dashboard). */
const BUSINESS_WIDGETS: Record<BusinessMetric, 'complaints' | 'surveys' | 'email'> = {
  ComplaintsFiled: 'complaints',
  SlaWarnings: 'complaints',
  SlaBreaches: 'complaints',
  ComplaintEscalations: 'complaints',
  SurveysSent: 'surveys',
  SurveyRemindersSent: 'surveys',
  SurveysAnswered: 'surveys',
  SurveyAnswersChanged: 'surveys',
  SurveyRepliesUnread: 'surveys',
  AddressesSuppressed: 'email',
};

export interface MonitoringProps {
  settings: StageSettings;
  manifest: WiringManifest;
  api: IHttpApi;
  /** Every dead-letter queue of the deployment (each has its own alarm already). */
  deadLetterQueues: readonly DeadLetterQueue[];
}

interface FunctionAlarms {
  functionName: string;
  errors: cloudwatch.Alarm;
  throttles: cloudwatch.Alarm;
}

/**
 * What operators watch beyond the dead-letter queues: per-function Errors and Throttles alarms,
 * the HTTP API's 5xx rate and p99 latency, SLA breaches per hour (the `Kefu` EMF metric) and the
 * account's SES bounce and complaint rates — thresholds from `StageSettings.alarms`, each alarm
 * notifying the alarm topic (`Operations.notifyOnAlarms`) — and the `kefu-<stage>` dashboard.
 *
 * Functions and queues are named by their physical names (`kefu-<stage>-…`, given explicitly
 * where they are created), not by references: the alarms and the dashboard live in a nested
 * stack of their own, which then needs no parameter per function or queue.
 */
export class Monitoring extends Construct {
  readonly functionAlarms: FunctionAlarms[] = [];
  readonly api5xxRate: cloudwatch.Alarm;
  readonly apiLatency: cloudwatch.Alarm;
  readonly slaBreaches: cloudwatch.Alarm;
  readonly sesBounceRate: cloudwatch.Alarm;
  readonly sesComplaintRate: cloudwatch.Alarm;
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const { settings, manifest, api } = props;
    const { stage, alarms: limits } = settings;
    const period = limits.period;
    const name = (suffix: string) => `${alarmNamePrefix(stage)}${suffix}`;
    const describe = (what: string, anchor: string) =>
      `${what} Notifies ${alarmTopicName(stage)}. What to do: ${RUNBOOK}#${anchor}`;

    // Functions: Errors (unhandled failures, timeouts, crashes) and Throttles, one pair each.
    const functions = [...handlerUsages(manifest).keys()].map((handler) => ({
      handler,
      capability: handler.split('/')[1] ?? 'other',
      name: physicalFunctionName(stage, handler),
    }));
    // Alarms take metrics without labels: a label would turn the alarm into metric math.
    const lambdaMetric = (fn: string, metricName: string, statistic: string) =>
      new cloudwatch.Metric({
        namespace: 'AWS/Lambda',
        metricName,
        dimensionsMap: { FunctionName: fn },
        statistic,
        period,
      });
    const alarmsOf = new Construct(this, 'Functions');
    for (const fn of functions) {
      const scope = new Construct(alarmsOf, functionName(fn.handler));
      const errors = lambdaMetric(fn.name, 'Errors', cloudwatch.Stats.SUM).createAlarm(
        scope,
        'Errors',
        {
          alarmName: name(`${functionName(fn.handler)}-errors`),
          alarmDescription: describe(
            `${fn.name} failed (threw, timed out or crashed) ${limits.functionErrors}+ times ` +
              `in ${period.toMinutes()} minutes.`,
            'function-errors',
          ),
          threshold: limits.functionErrors,
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          evaluationPeriods: 1,
          treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        },
      );
      const throttles = lambdaMetric(fn.name, 'Throttles', cloudwatch.Stats.SUM).createAlarm(
        scope,
        'Throttles',
        {
          alarmName: name(`${functionName(fn.handler)}-throttles`),
          alarmDescription: describe(
            `Lambda throttled ${fn.name} ${limits.functionThrottles}+ times in ` +
              `${period.toMinutes()} minutes (no concurrency left).`,
            'function-throttles',
          ),
          threshold: limits.functionThrottles,
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          evaluationPeriods: 1,
          treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        },
      );
      this.functionAlarms.push({ functionName: fn.name, errors, throttles });
    }

    // The HTTP API (one `$default` stage: the ApiId dimension covers it).
    const requests = api.metricCount({
      period,
      statistic: cloudwatch.Stats.SUM,
      label: 'requests',
    });
    const serverErrors = api.metricServerError({
      period,
      statistic: cloudwatch.Stats.SUM,
      label: '5xx',
    });
    const clientErrors = api.metricClientError({
      period,
      statistic: cloudwatch.Stats.SUM,
      label: '4xx',
    });
    const errorRate = new cloudwatch.MathExpression({
      expression: `IF(requests >= ${limits.api5xxMinimumRequests}, 100 * errors / requests, 0)`,
      usingMetrics: { requests, errors: serverErrors },
      period,
      label: '5xx rate (%)',
    });
    this.api5xxRate = errorRate.createAlarm(this, 'Api5xxRate', {
      alarmName: name('api-5xx-rate'),
      alarmDescription: describe(
        `${limits.api5xxPercent} %+ of the HTTP API's requests were answered 5xx in ` +
          `${period.toMinutes()} minutes (periods under ${limits.api5xxMinimumRequests} ` +
          'requests never alarm).',
        'api-5xx-rate',
      ),
      threshold: limits.api5xxPercent,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    const latency = (statistic: string) => api.metricLatency({ period, statistic });
    this.apiLatency = latency(cloudwatch.Stats.p(99)).createAlarm(this, 'ApiLatency', {
      alarmName: name('api-p99-latency'),
      alarmDescription: describe(
        `The HTTP API's p99 latency stayed at ${limits.apiLatencyP99.toMilliseconds()} ms or ` +
          `more for ${limits.apiLatencyPeriods} periods of ${period.toMinutes()} minutes.`,
        'api-p99-latency',
      ),
      threshold: limits.apiLatencyP99.toMilliseconds(),
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: limits.apiLatencyPeriods,
      datapointsToAlarm: limits.apiLatencyPeriods,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });

    // Business metrics (EMF, shared/adapters/metrics.ts).
    const business = (metric: BusinessMetric, metricPeriod: Duration = Duration.hours(1)) =>
      new cloudwatch.Metric({
        namespace: METRICS_NAMESPACE,
        metricName: metric,
        dimensionsMap: businessMetricDimensions(stage),
        statistic: cloudwatch.Stats.SUM,
        period: metricPeriod,
      });
    this.slaBreaches = business('SlaBreaches').createAlarm(this, 'SlaBreaches', {
      alarmName: name('sla-breaches'),
      alarmDescription: describe(
        `The SLA sweep raised ${limits.slaBreachesPerHour}+ breaches within an hour.`,
        'sla-breaches',
      ),
      threshold: limits.slaBreachesPerHour,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });

    // SES reputation: account-level metrics (no dimensions), a fraction between 0 and 1.
    const reputation = (metricName: string) =>
      new cloudwatch.Metric({
        namespace: 'AWS/SES',
        metricName,
        statistic: cloudwatch.Stats.MAXIMUM,
        period: Duration.hours(1),
      });
    const bounceRate = reputation('Reputation.BounceRate');
    const complaintRate = reputation('Reputation.ComplaintRate');
    this.sesBounceRate = bounceRate.createAlarm(this, 'SesBounceRate', {
      alarmName: name('ses-bounce-rate'),
      alarmDescription: describe(
        `The account's SES bounce rate reached ${limits.sesBounceRate * 100} % ` +
          '(AWS reviews the account at 5 % and may pause sending at 10 %).',
        'ses-bounce-rate',
      ),
      threshold: limits.sesBounceRate,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.sesComplaintRate = complaintRate.createAlarm(this, 'SesComplaintRate', {
      alarmName: name('ses-complaint-rate'),
      alarmDescription: describe(
        `The account's SES complaint rate reached ${limits.sesComplaintRate * 100} % ` +
          '(AWS reviews the account at 0.1 % and may pause sending at 0.5 %).',
        'ses-complaint-rate',
      ),
      threshold: limits.sesComplaintRate,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });

    // The dashboard: service alarms, API, business, queues, then functions by capability.
    const graph = (
      title: string,
      left: cloudwatch.IMetric[],
      options: Partial<cloudwatch.GraphWidgetProps> = {},
    ) => new cloudwatch.GraphWidget({ title, left, width: 8, height: 6, ...options });
    const businessIn = (widget: 'complaints' | 'surveys' | 'email') =>
      (Object.keys(BUSINESS_METRICS) as BusinessMetric[])
        .filter((metric) => BUSINESS_WIDGETS[metric] === widget)
        .map((metric) => business(metric).with({ label: metric }));
    const threshold = (value: number, label: string): cloudwatch.HorizontalAnnotation => ({
      value,
      label,
      color: cloudwatch.Color.RED,
    });
    const workQueues = manifest.queues.map((queue) =>
      physicalQueueName(stage, queue.name, queue.fifo),
    );
    const sqsMetric = (queueName: string, metricName: string) =>
      new cloudwatch.Metric({
        namespace: 'AWS/SQS',
        metricName,
        dimensionsMap: { QueueName: queueName },
        statistic: cloudwatch.Stats.MAXIMUM,
        period,
        label: queueName.replace(`kefu-${stage}-`, ''),
      });
    const deadLetterQueues = [
      ...new Set(props.deadLetterQueues.map((dlq) => dlq.queueName)),
    ].sort();
    const capabilities = [...new Set(functions.map((fn) => fn.capability))];
    const shortLabel = (fn: { name: string; capability: string }) =>
      fn.name.replace(`kefu-${stage}-${fn.capability}-`, '');

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: dashboardName(stage),
      defaultInterval: Duration.hours(12),
      widgets: [
        [
          new cloudwatch.TextWidget({
            markdown:
              `# Kefu ${stage}\nEvery alarm notifies the SNS topic \`${alarmTopicName(stage)}\`; ` +
              `what each means and what to do: \`${RUNBOOK}\`. Dead-letter queue alarms are ` +
              `named \`${alarmNamePrefix(stage)}<queue>-not-empty\`.`,
            width: 24,
            height: 2,
          }),
        ],
        [
          new cloudwatch.AlarmStatusWidget({
            title: 'Service alarms',
            alarms: [
              this.api5xxRate,
              this.apiLatency,
              this.slaBreaches,
              this.sesBounceRate,
              this.sesComplaintRate,
            ],
            width: 24,
            height: 3,
          }),
        ],
        [
          graph('API: requests and errors', [requests, clientErrors, serverErrors]),
          graph('API: 5xx rate (%)', [errorRate], {
            leftAnnotations: [threshold(limits.api5xxPercent, 'alarm')],
          }),
          graph(
            'API: latency (ms)',
            [
              latency(cloudwatch.Stats.p(50)).with({ label: 'p50' }),
              latency(cloudwatch.Stats.p(99)).with({ label: 'p99' }),
            ],
            {
              leftAnnotations: [threshold(limits.apiLatencyP99.toMilliseconds(), 'p99 alarm')],
            },
          ),
        ],
        [
          graph('Complaints and SLA (per hour)', businessIn('complaints'), {
            leftAnnotations: [threshold(limits.slaBreachesPerHour, 'SLA breaches alarm')],
          }),
          graph('Surveys (per hour)', businessIn('surveys')),
          graph(
            'Email: SES reputation (account)',
            [
              bounceRate.with({ label: 'bounce rate' }),
              complaintRate.with({ label: 'complaint rate' }),
            ],
            {
              right: businessIn('email'),
              leftAnnotations: [
                threshold(limits.sesBounceRate, 'bounce alarm'),
                threshold(limits.sesComplaintRate, 'complaint alarm'),
              ],
            },
          ),
        ],
        [
          graph(
            'Work queues: age of oldest message (s)',
            workQueues.map((queue) => sqsMetric(queue, 'ApproximateAgeOfOldestMessage')),
            { width: 12 },
          ),
          graph(
            'Dead-letter queues: messages (alarm above 0)',
            deadLetterQueues.map((queue) => sqsMetric(queue, 'ApproximateNumberOfMessagesVisible')),
            { width: 12 },
          ),
        ],
        ...capabilities.map((capability) => {
          const members = functions.filter((fn) => fn.capability === capability);
          const each = (metricName: string, statistic: string) =>
            members.map((fn) =>
              lambdaMetric(fn.name, metricName, statistic).with({ label: shortLabel(fn) }),
            );
          return [
            graph(`functions/${capability}: errors`, each('Errors', cloudwatch.Stats.SUM)),
            graph(`functions/${capability}: throttles`, each('Throttles', cloudwatch.Stats.SUM)),
            graph(
              `functions/${capability}: duration p99 (ms)`,
              each('Duration', cloudwatch.Stats.p(99)),
            ),
          ];
        }),
      ],
    });
  }
}
