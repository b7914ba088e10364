import { lambdaContext } from '../support/lambda-context';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { REPOSITORY_ROOT } from '../../infra/stack/functions';
import { handlerUsages } from '../../infra/stack/manifest';
import { physicalQueueName } from '../../infra/stack/dead-letter-queue';
import { type AlarmSettings, stageSettings } from '../../infra/stack/stage';
import { functionName, wiring } from '../../wiring/manifest';
import {
  BUSINESS_METRICS,
  type BusinessMetric,
  METRICS_NAMESPACE,
} from '../../shared/adapters/metrics';
import type { DomainEvent } from '../../shared/domain/events';
import { type Synthesized, synthesize } from './synth';

/**
 * Issue 8, operations: every alarm with its threshold (from the stage settings) and its action
 * (the alarm topic), the dashboard, and the business metrics the functions write (EMF) matching
 * what the alarms and the dashboard read.
 */

type Json = Record<string, unknown>;
interface Resource {
  Type: string;
  Properties?: Json;
}
interface Dimension {
  Name: string;
  Value: unknown;
}

const usages = [...handlerUsages(wiring).values()];

let dev: Synthesized;
let prod: Synthesized;

beforeAll(() => {
  // Template-only checks: skip esbuild.
  dev = synthesize({ stage: 'dev', bundle: false });
  prod = synthesize({ stage: 'prod', bundle: false });
}, 180_000);

const stages = () =>
  [
    ['dev', dev],
    ['prod', prod],
  ] as const;

const ofType = (synth: Synthesized, type: string): [string, Resource][] =>
  Object.entries(synth.template.toJSON().Resources as Record<string, Resource>).filter(
    ([, resource]) => resource.Type === type,
  );
const alarms = (synth: Synthesized) => ofType(synth, 'AWS::CloudWatch::Alarm');
const alarmNamed = (synth: Synthesized, name: string): Json => {
  const found = alarms(synth).filter(([, alarm]) => alarm.Properties?.AlarmName === name);
  expect(found, name).toHaveLength(1);
  return found[0]![1].Properties!;
};
const topicId = (synth: Synthesized): string => {
  const [topic] = ofType(synth, 'AWS::SNS::Topic').filter(([id]) =>
    id.startsWith('OperationsAlarmTopic'),
  );
  if (!topic) throw new Error('no alarm topic');
  return topic[0];
};
const httpApiId = (synth: Synthesized): string => {
  const [api] = ofType(synth, 'AWS::ApiGatewayV2::Api');
  if (!api) throw new Error('no HTTP API');
  return api[0];
};

/** What every alarm must have: the topic as its only action and a runbook pointer. */
const expectNotifies = (synth: Synthesized, alarm: Json, anchor: string) => {
  expect(alarm.AlarmActions).toEqual([{ Ref: topicId(synth) }]);
  expect(alarm.ActionsEnabled ?? true).toBe(true);
  expect(String(alarm.AlarmDescription)).toContain(`docs/RUNBOOK.md#${anchor}`);
};

describe('alarm thresholds (stage settings)', () => {
  it('are stricter, or as strict, outside dev', () => {
    const devLimits = stageSettings('dev').alarms;
    for (const stage of ['staging', 'prod']) {
      const limits = stageSettings(stage).alarms;
      expect(limits.functionErrors).toBeLessThanOrEqual(devLimits.functionErrors);
      expect(limits.functionThrottles).toBeLessThanOrEqual(devLimits.functionThrottles);
      expect(limits.api5xxPercent).toBeLessThanOrEqual(devLimits.api5xxPercent);
      expect(limits.apiLatencyP99.toMilliseconds()).toBeLessThanOrEqual(
        devLimits.apiLatencyP99.toMilliseconds(),
      );
      expect(limits.slaBreachesPerHour).toBeLessThanOrEqual(devLimits.slaBreachesPerHour);
    }
  });

  it("alarm on SES reputation before AWS's own review thresholds (5 % bounces, 0.1 % complaints)", () => {
    for (const stage of ['dev', 'prod']) {
      const limits = stageSettings(stage).alarms;
      expect(limits.sesBounceRate).toBeGreaterThan(0);
      expect(limits.sesBounceRate).toBeLessThan(0.05);
      expect(limits.sesComplaintRate).toBeGreaterThan(0);
      expect(limits.sesComplaintRate).toBeLessThan(0.001);
    }
  });
});

describe('function alarms', () => {
  it.each(['dev', 'prod'])(
    '%s: alarms on the Errors and Throttles of every function, at the stage thresholds',
    (stage) => {
      const synth = stage === 'dev' ? dev : prod;
      const limits = stageSettings(stage).alarms;
      const functions = ofType(synth, 'AWS::Lambda::Function')
        .map(([, fn]) => String(fn.Properties?.FunctionName))
        .filter((name) => name.startsWith(`kefu-${stage}-`));
      expect(functions).toHaveLength(usages.length);
      const lambdaAlarms = alarms(synth).filter(
        ([, alarm]) => alarm.Properties?.Namespace === 'AWS/Lambda',
      );
      expect(lambdaAlarms).toHaveLength(2 * functions.length);
      for (const usage of usages) {
        const name = `kefu-${stage}-${functionName(usage.handler)}`;
        // The alarms name the function by its physical name: it must be the deployed one.
        expect(functions).toContain(name);
        for (const [metric, suffix, threshold, anchor] of [
          ['Errors', 'errors', limits.functionErrors, 'function-errors'],
          ['Throttles', 'throttles', limits.functionThrottles, 'function-throttles'],
        ] as const) {
          const alarm = alarmNamed(synth, `${name}-${suffix}`);
          expect(alarm).toMatchObject({
            Namespace: 'AWS/Lambda',
            MetricName: metric,
            Dimensions: [{ Name: 'FunctionName', Value: name }],
            Statistic: 'Sum',
            Period: limits.period.toSeconds(),
            EvaluationPeriods: 1,
            Threshold: threshold,
            ComparisonOperator: 'GreaterThanOrEqualToThreshold',
            TreatMissingData: 'notBreaching',
          });
          expectNotifies(synth, alarm, anchor);
        }
      }
    },
  );
});

describe('API alarms', () => {
  it.each(['dev', 'prod'])('%s: alarms on the 5xx rate of the HTTP API', (stage) => {
    const synth = stage === 'dev' ? dev : prod;
    const limits = stageSettings(stage).alarms;
    const alarm = alarmNamed(synth, `kefu-${stage}-api-5xx-rate`);
    const apiDimension = [{ Name: 'ApiId', Value: { Ref: httpApiId(synth) } }];
    const period = limits.period.toSeconds();
    expect(alarm).toMatchObject({
      Threshold: limits.api5xxPercent,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      EvaluationPeriods: 1,
      TreatMissingData: 'notBreaching',
    });
    const metrics = alarm.Metrics as Json[];
    expect(metrics).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          Expression: `IF(requests >= ${limits.api5xxMinimumRequests}, 100 * errors / requests, 0)`,
          ReturnData: true,
        }),
        expect.objectContaining({
          Id: 'errors',
          ReturnData: false,
          MetricStat: {
            Metric: { Namespace: 'AWS/ApiGateway', MetricName: '5xx', Dimensions: apiDimension },
            Period: period,
            Stat: 'Sum',
          },
        }),
        expect.objectContaining({
          Id: 'requests',
          ReturnData: false,
          MetricStat: {
            Metric: { Namespace: 'AWS/ApiGateway', MetricName: 'Count', Dimensions: apiDimension },
            Period: period,
            Stat: 'Sum',
          },
        }),
      ]),
    );
    expectNotifies(synth, alarm, 'api-5xx-rate');
  });

  it.each(['dev', 'prod'])('%s: alarms on the p99 latency of the HTTP API', (stage) => {
    const synth = stage === 'dev' ? dev : prod;
    const limits = stageSettings(stage).alarms;
    const alarm = alarmNamed(synth, `kefu-${stage}-api-p99-latency`);
    expect(alarm).toMatchObject({
      Namespace: 'AWS/ApiGateway',
      MetricName: 'Latency',
      Dimensions: [{ Name: 'ApiId', Value: { Ref: httpApiId(synth) } }],
      ExtendedStatistic: 'p99',
      Period: limits.period.toSeconds(),
      Threshold: limits.apiLatencyP99.toMilliseconds(),
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      EvaluationPeriods: limits.apiLatencyPeriods,
      DatapointsToAlarm: limits.apiLatencyPeriods,
    });
    expectNotifies(synth, alarm, 'api-p99-latency');
  });
});

describe('SLA and SES alarms', () => {
  it.each(['dev', 'prod'])('%s: alarms on SLA breaches per hour (EMF metric)', (stage) => {
    const synth = stage === 'dev' ? dev : prod;
    const alarm = alarmNamed(synth, `kefu-${stage}-sla-breaches`);
    expect(alarm).toMatchObject({
      Namespace: 'Kefu',
      MetricName: 'SlaBreaches',
      Statistic: 'Sum',
      Period: 3600,
      EvaluationPeriods: 1,
      Threshold: stageSettings(stage).alarms.slaBreachesPerHour,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
    });
    expect(
      [...(alarm.Dimensions as Dimension[])].sort((a, b) => a.Name.localeCompare(b.Name)),
    ).toEqual([
      { Name: 'service', Value: 'kefu' },
      { Name: 'stage', Value: stage },
    ]);
    expectNotifies(synth, alarm, 'sla-breaches');
  });

  it.each([
    ['bounce', 'Reputation.BounceRate', 'sesBounceRate'],
    ['complaint', 'Reputation.ComplaintRate', 'sesComplaintRate'],
  ] as const)('alarms on the account-level SES %s rate', (kind, metric, setting) => {
    for (const [stage, synth] of stages()) {
      const alarm = alarmNamed(synth, `kefu-${stage}-ses-${kind}-rate`);
      expect(alarm).toMatchObject({
        Namespace: 'AWS/SES',
        MetricName: metric,
        Statistic: 'Maximum',
        Threshold: stageSettings(stage).alarms[setting satisfies keyof AlarmSettings],
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching',
      });
      // Account-level: the metric has no dimensions.
      expect(alarm.Dimensions).toBeUndefined();
      expectNotifies(synth, alarm, `ses-${kind}-rate`);
    }
  });

  it('keeps the dead-letter queue alarms, and every alarm notifies the alarm topic', () => {
    for (const [stage, synth] of stages()) {
      const all = alarms(synth);
      const dlqAlarms = all.filter(([, alarm]) =>
        String(alarm.Properties?.AlarmName).endsWith('-not-empty'),
      );
      expect(dlqAlarms.length).toBeGreaterThanOrEqual(wiring.queues.length);
      // DLQ alarms, two per function, API 5xx rate and p99, SLA breaches, SES bounces and complaints.
      expect(all).toHaveLength(dlqAlarms.length + 2 * usages.length + 5);
      for (const [id, alarm] of all) {
        expect(alarm.Properties?.AlarmActions, id).toEqual([{ Ref: topicId(synth) }]);
        expect(String(alarm.Properties?.AlarmName), id).toMatch(new RegExp(`^kefu-${stage}-`));
      }
    }
  });

  it('points every alarm at a section of docs/RUNBOOK.md that exists', () => {
    // GitHub's heading anchors: lower case, punctuation dropped, spaces as hyphens.
    const anchors = new Set(
      readFileSync(join(REPOSITORY_ROOT, 'docs/RUNBOOK.md'), 'utf8')
        .split('\n')
        .filter((line) => /^#{1,6} /.test(line))
        .map((line) =>
          line
            .replace(/^#+ /, '')
            .trim()
            .toLowerCase()
            .replace(/[^\p{L}\p{N} _-]/gu, '')
            .replaceAll(' ', '-'),
        ),
    );
    for (const [stage, synth] of stages()) {
      for (const [id, alarm] of alarms(synth)) {
        const pointer = /docs\/RUNBOOK\.md#([a-z0-9-]+)/.exec(
          String(alarm.Properties?.AlarmDescription),
        );
        expect(pointer, `${stage} ${id}`).not.toBeNull();
        expect(anchors, `${stage} ${id}`).toContain(pointer![1]);
      }
    }
  });

  it('matches the snapshot of the alarm list (prod)', () => {
    const describeAlarm = (alarm: Json): string => {
      const metric = alarm.MetricName
        ? `${String(alarm.Namespace)} ${String(alarm.MetricName)} ${String(alarm.ExtendedStatistic ?? alarm.Statistic)}/${String(alarm.Period)}s`
        : `math ${String((alarm.Metrics as Json[]).find((m) => m.Expression)?.Expression)}`;
      const operator = String(alarm.ComparisonOperator)
        .replace('GreaterThanOrEqualToThreshold', '>=')
        .replace('GreaterThanThreshold', '>');
      return `${String(alarm.AlarmName)}: ${metric} ${operator} ${String(alarm.Threshold)} (${String(alarm.DatapointsToAlarm ?? alarm.EvaluationPeriods)} of ${String(alarm.EvaluationPeriods)})`;
    };
    const lines = alarms(prod)
      .map(([, alarm]) => describeAlarm(alarm.Properties!))
      .sort();
    expect(lines).toMatchSnapshot();
  });
});

/** The dashboard body, with CloudFormation tokens (region, API id) replaced by `TOKEN`. */
const dashboardOf = (synth: Synthesized, stage: string) => {
  const dashboards = ofType(synth, 'AWS::CloudWatch::Dashboard');
  expect(dashboards).toHaveLength(1);
  const properties = dashboards[0]![1].Properties!;
  expect(properties.DashboardName).toBe(`kefu-${stage}`);
  const body = properties.DashboardBody as string | { 'Fn::Join': [string, unknown[]] };
  const text =
    typeof body === 'string'
      ? body
      : body['Fn::Join'][1].map((part) => (typeof part === 'string' ? part : 'TOKEN')).join('');
  return JSON.parse(text) as {
    widgets: { type: string; properties: { title?: string; metrics?: unknown[][] } }[];
  };
};

/** `[namespace, metric name, dimension name, dimension value, …]` of every graphed metric. */
const graphedMetrics = (dashboard: ReturnType<typeof dashboardOf>) =>
  dashboard.widgets
    .filter((widget) => widget.type === 'metric')
    .flatMap((widget) => widget.properties.metrics ?? [])
    .map((row) => row.filter((cell) => typeof cell === 'string') as string[]);

describe('dashboard', () => {
  it.each(['dev', 'prod'])(
    '%s: shows the API, the queues, every function and every business metric',
    (stage) => {
      const dashboard = dashboardOf(stage === 'dev' ? dev : prod, stage);
      const metrics = graphedMetrics(dashboard);
      const has = (namespace: string, name: string, ...dimensions: string[]) =>
        metrics.some(
          (row) =>
            row[0] === namespace &&
            row[1] === name &&
            dimensions.every((value, i) => row[2 + i] === value),
        );

      for (const name of ['Count', '4xx', '5xx', 'Latency']) {
        expect(has('AWS/ApiGateway', name, 'ApiId', 'TOKEN'), name).toBe(true);
      }
      for (const queue of wiring.queues) {
        const name = physicalQueueName(stage, queue.name, queue.fifo);
        expect(has('AWS/SQS', 'ApproximateAgeOfOldestMessage', 'QueueName', name), name).toBe(true);
        const dlq = physicalQueueName(stage, `${queue.name}-dlq`, queue.fifo);
        expect(has('AWS/SQS', 'ApproximateNumberOfMessagesVisible', 'QueueName', dlq), dlq).toBe(
          true,
        );
      }
      // Every dead-letter queue of the deployment, not only the work queues'.
      const deadLetterQueues = ofType(stage === 'dev' ? dev : prod, 'AWS::SQS::Queue')
        .map(([, queue]) => String(queue.Properties?.QueueName))
        .filter((name) => /-dlq(\.fifo)?$/.test(name));
      for (const dlq of deadLetterQueues) {
        expect(has('AWS/SQS', 'ApproximateNumberOfMessagesVisible', 'QueueName', dlq), dlq).toBe(
          true,
        );
      }
      for (const usage of usages) {
        const name = `kefu-${stage}-${functionName(usage.handler)}`;
        for (const metric of ['Errors', 'Throttles', 'Duration']) {
          expect(has('AWS/Lambda', metric, 'FunctionName', name), `${metric} ${name}`).toBe(true);
        }
      }
      for (const metric of Object.keys(BUSINESS_METRICS)) {
        expect(has(METRICS_NAMESPACE, metric, 'service', 'kefu', 'stage', stage), metric).toBe(
          true,
        );
      }
      for (const metric of ['Reputation.BounceRate', 'Reputation.ComplaintRate']) {
        expect(has('AWS/SES', metric), metric).toBe(true);
      }
      // Duration as p99.
      const durations = dashboard.widgets.filter((w) =>
        w.properties.title?.endsWith('duration p99 (ms)'),
      );
      expect(durations.length).toBeGreaterThan(0);
      // The service alarms' status at the top.
      expect(dashboard.widgets.some((widget) => widget.type === 'alarm')).toBe(true);
    },
  );

  it('is named in the stack outputs', () => {
    prod.template.hasOutput('DashboardName', { Value: 'kefu-prod' });
  });
});

describe('business metrics (EMF)', () => {
  const published: string[] = [];

  /** The adapter as a fresh module, with the environment a function of `stage` gets. */
  const loadMetrics = async (environment: Record<string, string | undefined>) => {
    published.length = 0;
    for (const [name, value] of Object.entries(environment)) vi.stubEnv(name, value);
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      published.push(String(chunk));
      return true;
    });
    vi.resetModules();
    return import('../../shared/adapters/metrics');
  };

  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
  });

  const event = (type: string, detail: Json = {}): DomainEvent => ({
    id: type,
    source: 'kefu.test',
    type,
    occurredAt: '2026-01-01T00:00:00.000Z',
    detail,
  });

  it('writes one EMF line per invocation with what the SLA alarm and the dashboard read', async () => {
    const functionEnvironment = Object.fromEntries(
      Object.entries(
        (
          ofType(prod, 'AWS::Lambda::Function').find(
            ([, fn]) => fn.Properties?.FunctionName === 'kefu-prod-complaints-sla-sweep',
          )?.[1].Properties?.Environment as { Variables: Json }
        ).Variables,
      ).filter(([, value]) => typeof value === 'string'),
    ) as Record<string, string>;
    expect(functionEnvironment.KEFU_STAGE).toBe('prod');
    const adapter = await loadMetrics({
      ...functionEnvironment,
      AWS_LAMBDA_FUNCTION_NAME: 'kefu-prod-complaints-sla-sweep',
      POWERTOOLS_METRICS_DISABLED: undefined,
      POWERTOOLS_DEV: undefined,
    });
    const handler = adapter.withBusinessMetrics(async () => {
      adapter.countCommittedEvents([
        event('SlaBreached'),
        event('SlaBreached'),
        event('SlaWarning'),
        event('ComplaintEscalated'),
        event('ComplaintAssigned'),
      ]);
      return 'swept';
    });
    expect(await handler(undefined, lambdaContext())).toBe('swept');
    const lines = published.filter((line) => line.includes('_aws'));
    expect(lines).toHaveLength(1);
    const emf = JSON.parse(lines[0]!) as Json & {
      _aws: { CloudWatchMetrics: { Namespace: string; Dimensions: string[][] }[] };
    };
    const [directive] = emf._aws.CloudWatchMetrics;
    const alarm = alarmNamed(prod, 'kefu-prod-sla-breaches');
    expect(directive?.Namespace).toBe(alarm.Namespace);
    // The EMF dimension set is exactly the alarm's: otherwise it watches another metric.
    expect(directive?.Dimensions).toEqual([
      (alarm.Dimensions as Dimension[]).map((dimension) => dimension.Name),
    ]);
    for (const dimension of alarm.Dimensions as Dimension[]) {
      expect(emf[dimension.Name]).toBe(dimension.Value);
    }
    expect(emf).toMatchObject({ SlaBreaches: 2, SlaWarnings: 1, ComplaintEscalations: 1 });
    expect(emf).not.toHaveProperty('ComplaintAssigned');

    // The next invocation starts from nothing: no line at all when nothing was counted.
    published.length = 0;
    await handler(undefined, lambdaContext());
    await adapter.withBusinessMetrics(async () => 'nothing')(undefined, lambdaContext());
    expect(published.filter((line) => line.includes('_aws'))).toHaveLength(1);
    published.length = 0;
    await adapter.withBusinessMetrics(async () => 'nothing')(undefined, lambdaContext());
    expect(published).toEqual([]);
  });

  it('publishes what was counted when the handler throws, and tells first answers from changes', async () => {
    const adapter = await loadMetrics({
      AWS_LAMBDA_FUNCTION_NAME: 'kefu-prod-surveys-send-surveys',
      KEFU_STAGE: 'prod',
      POWERTOOLS_METRICS_DISABLED: undefined,
      POWERTOOLS_DEV: undefined,
    });
    const failing = adapter.withBusinessMetrics(async () => {
      adapter.countCommittedEvents([
        event('SurveySent', { reminder: false }),
        event('SurveySent', { reminder: true }),
        event('SurveyAnswered', { changed: false }),
        event('SurveyAnswered', { changed: true }),
        event('SurveyReplyUnread'),
        event('EmailBounced', { feedback: 'complaint' }),
        event('ComplaintFiled'),
      ]);
      throw new Error('later message failed');
    });
    await expect(failing(undefined, lambdaContext())).rejects.toThrow('later message failed');
    const lines = published.filter((line) => line.includes('_aws'));
    expect(lines).toHaveLength(1);
    const expected: Partial<Record<BusinessMetric, number>> = {
      SurveysSent: 1,
      SurveyRemindersSent: 1,
      SurveysAnswered: 1,
      SurveyAnswersChanged: 1,
      SurveyRepliesUnread: 1,
      AddressesSuppressed: 1,
      ComplaintsFiled: 1,
    };
    expect(JSON.parse(lines[0]!)).toMatchObject(expected);
  });

  it('stays quiet outside Lambda (npm start, tests) unless Powertools is told otherwise', async () => {
    const local = await loadMetrics({
      AWS_LAMBDA_FUNCTION_NAME: undefined,
      POWERTOOLS_METRICS_DISABLED: undefined,
    });
    await local.withBusinessMetrics(async () => {
      local.countCommittedEvents([event('ComplaintFiled'), event('SlaBreached')]);
    })(undefined, lambdaContext());
    expect(published).toEqual([]);

    const asked = await loadMetrics({
      AWS_LAMBDA_FUNCTION_NAME: undefined,
      POWERTOOLS_METRICS_DISABLED: 'false',
      POWERTOOLS_DEV: undefined,
    });
    await asked.withBusinessMetrics(async () => {
      asked.countCommittedEvents([event('ComplaintFiled')]);
    })(undefined, lambdaContext());
    expect(published.filter((line) => line.includes('"ComplaintsFiled":1'))).toHaveLength(1);
  });
});
