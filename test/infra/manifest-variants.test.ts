import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { type WiringManifest, functionName, queueUrlVariable, wiring } from '../../wiring/manifest';
import {
  nagFindings,
  resourcesOfType,
  type Synthesized,
  synthesize,
  validationReport,
} from './synth';

/**
 * A small manifest beside the real one: a standard and a FIFO queue, a schedule that sends to a
 * queue, event rules and the mail-feedback queue, all pointing at one existing handler file, so
 * the generic code is exercised apart from any capability.
 */
const HANDLER = 'functions/openapi/get-openapi.ts';
const FUNCTION = `kefu-dev-${functionName(HANDLER)}`;

const manifest: WiringManifest = {
  ...wiring,
  queues: [
    {
      name: 'complaint-intake',
      fifo: false,
      visibilityTimeoutSeconds: 120,
      maxReceiveCount: 5,
      consumer: { handler: HANDLER, batchSize: 10, maxBatchingWindowSeconds: 5 },
    },
    {
      name: 'department-cs',
      fifo: true,
      visibilityTimeoutSeconds: 60,
      maxReceiveCount: 3,
      consumer: { handler: HANDLER, batchSize: 5, maxBatchingWindowSeconds: 0 },
    },
    {
      name: 'bounces',
      fifo: false,
      visibilityTimeoutSeconds: 60,
      maxReceiveCount: 5,
      consumer: { handler: HANDLER, batchSize: 10, maxBatchingWindowSeconds: 0 },
    },
  ],
  mailFeedback: { queue: 'bounces' },
  schedules: [
    {
      name: 'sla-sweep',
      expression: 'rate(5 minutes)',
      timezone: 'Asia/Shanghai',
      handler: HANDLER,
      sendsTo: ['bounces'],
      payload: { sweep: 'sla' },
    },
  ],
  eventRules: [
    {
      name: 'complaints-to-intake',
      sources: ['kefu.complaints'],
      detailTypes: ['ComplaintFiled'],
      target: { queue: 'complaint-intake' },
    },
    {
      name: 'routed-to-cs',
      sources: ['kefu.complaints'],
      detailTypes: ['ComplaintRouted'],
      target: { queue: 'department-cs' },
    },
  ],
};

type Resource = { Properties?: Record<string, unknown> };
let synth: Synthesized;
const queueNamed = (name: string): [string, Resource] => {
  const found = Object.entries(resourcesOfType(synth.template, 'AWS::SQS::Queue')).find(
    ([, q]) => q.Properties?.QueueName === name,
  );
  if (!found) throw new Error(`no queue ${name}`);
  return found;
};
const functionId = () => {
  const found = Object.entries(resourcesOfType(synth.template, 'AWS::Lambda::Function')).find(
    ([, fn]) => fn.Properties?.FunctionName === FUNCTION,
  );
  if (!found) throw new Error(`no function ${FUNCTION}`);
  return found[0];
};

beforeAll(() => {
  synth = synthesize({ stage: 'dev', manifest, bundle: false });
}, 120_000);

describe('queues', () => {
  it('gives every queue an encrypted, TLS-only DLQ named <name>-dlq with its redrive policy', () => {
    for (const queue of manifest.queues) {
      const suffix = queue.fifo ? '.fifo' : '';
      const [dlqId, dlq] = queueNamed(`kefu-dev-${queue.name}-dlq${suffix}`);
      const [, main] = queueNamed(`kefu-dev-${queue.name}${suffix}`);
      expect(main.Properties).toMatchObject({
        SqsManagedSseEnabled: true,
        VisibilityTimeout: queue.visibilityTimeoutSeconds,
        RedrivePolicy: {
          deadLetterTargetArn: { 'Fn::GetAtt': [dlqId, 'Arn'] },
          maxReceiveCount: queue.maxReceiveCount,
        },
      });
      expect(dlq.Properties?.SqsManagedSseEnabled).toBe(true);
      if (queue.fifo) {
        expect(main.Properties?.FifoQueue).toBe(true);
        expect(dlq.Properties?.FifoQueue).toBe(true);
      }
    }
    // enforceSSL: every queue has a policy denying insecure transport.
    const policies = Object.values(resourcesOfType(synth.template, 'AWS::SQS::QueuePolicy'));
    const denied = policies.flatMap((p) =>
      JSON.stringify(p.Properties).includes('"aws:SecureTransport":"false"')
        ? (p.Properties?.Queues as unknown[])
        : [],
    );
    expect(denied).toHaveLength(
      Object.keys(resourcesOfType(synth.template, 'AWS::SQS::Queue')).length,
    );
  });

  it('feeds each consumer through an SQS event source that reports partial failures', () => {
    synth.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: functionId() },
      EventSourceArn: { 'Fn::GetAtt': [queueNamed('kefu-dev-complaint-intake')[0], 'Arn'] },
      BatchSize: 10,
      MaximumBatchingWindowInSeconds: 5,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    synth.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [queueNamed('kefu-dev-department-cs.fifo')[0], 'Arn'] },
      BatchSize: 5,
      MaximumBatchingWindowInSeconds: Match.absent(),
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  it('alarms on each DLQ as soon as it holds a message', () => {
    for (const queue of manifest.queues) {
      const [dlqId] = queueNamed(`kefu-dev-${queue.name}-dlq${queue.fifo ? '.fifo' : ''}`);
      synth.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [dlqId, 'QueueName'] } }],
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
      });
    }
  });

  it("keeps the consumer's timeout within a sixth of the shortest visibility timeout", () => {
    const [, fn] = Object.entries(resourcesOfType(synth.template, 'AWS::Lambda::Function')).find(
      ([id]) => id === functionId(),
    ) as [string, Resource];
    expect(fn.Properties?.Timeout).toBe(10);
  });
});

describe('event rules', () => {
  it('delivers matching events from the bus to the named queue, with a delivery DLQ', () => {
    for (const rule of manifest.eventRules) {
      const target = manifest.queues.find((q) => q.name === rule.target.queue);
      const suffix = target?.fifo ? '.fifo' : '';
      const [queueId] = queueNamed(`kefu-dev-${rule.target.queue}${suffix}`);
      const [deliveryDlqId] = queueNamed(`kefu-dev-${rule.name}-delivery-dlq`);
      synth.template.hasResourceProperties('AWS::Events::Rule', {
        Name: `kefu-dev-${rule.name}`,
        EventBusName: { Ref: Match.stringLikeRegexp('^EventsBus') },
        EventPattern: { source: rule.sources, 'detail-type': rule.detailTypes },
        Targets: [
          Match.objectLike({
            Arn: { 'Fn::GetAtt': [queueId, 'Arn'] },
            DeadLetterConfig: { Arn: { 'Fn::GetAtt': [deliveryDlqId, 'Arn'] } },
            ...(target?.fifo ? { SqsParameters: { MessageGroupId: rule.name } } : {}),
          }),
        ],
      });
    }
  });
});

describe('schedules', () => {
  it('invokes the handler on the expression, in the time zone, with the payload', () => {
    const [asyncDlqId] = queueNamed(`kefu-dev-${functionName(HANDLER)}-async-dlq`);
    synth.template.hasResourceProperties('AWS::Scheduler::Schedule', {
      Name: 'kefu-dev-sla-sweep',
      ScheduleExpression: 'rate(5 minutes)',
      ScheduleExpressionTimezone: 'Asia/Shanghai',
      State: 'ENABLED',
      Target: Match.objectLike({
        Arn: { 'Fn::GetAtt': [functionId(), 'Arn'] },
        Input: JSON.stringify({ sweep: 'sla' }),
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [asyncDlqId, 'Arn'] } },
        RetryPolicy: Match.objectLike({ MaximumRetryAttempts: 3 }),
      }),
    });
  });

  it("gives a scheduled handler Lambda's asynchronous dead-letter queue", () => {
    const [asyncDlqId] = queueNamed(`kefu-dev-${functionName(HANDLER)}-async-dlq`);
    synth.template.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: FUNCTION,
      DeadLetterConfig: { TargetArn: { 'Fn::GetAtt': [asyncDlqId, 'Arn'] } },
    });
  });
});

describe('sending to queues', () => {
  const statements = () => {
    const [, fn] = Object.entries(resourcesOfType(synth.template, 'AWS::Lambda::Function')).find(
      ([id]) => id === functionId(),
    ) as [string, Resource];
    const roleId = (fn.Properties?.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    return Object.values(resourcesOfType(synth.template, 'AWS::IAM::Policy'))
      .filter((p) => JSON.stringify(p.Properties?.Roles) === JSON.stringify([{ Ref: roleId }]))
      .flatMap(
        (p) =>
          (p.Properties?.PolicyDocument as { Statement: { Action: unknown; Resource: unknown }[] })
            .Statement,
      );
  };

  it('grants sqs:SendMessage on the sendsTo queue only, and nothing more there', () => {
    const [bouncesId] = queueNamed('kefu-dev-bounces');
    const sends = statements().filter((s) => JSON.stringify(s.Action).includes('sqs:SendMessage'));
    const arns = sends.map((s) => s.Resource);
    // The schedule's queue, and the handler's own asynchronous DLQ (Lambda's DLQ config).
    expect(arns).toContainEqual({ 'Fn::GetAtt': [bouncesId, 'Arn'] });
    expect(arns).toHaveLength(2);
    expect(sends.find((s) => JSON.stringify(s.Resource).includes(bouncesId))?.Action).toBe(
      'sqs:SendMessage',
    );
  });

  it('tells the handler the URL of the queue in QUEUE_URL_<NAME>', () => {
    const [bouncesId] = queueNamed('kefu-dev-bounces');
    synth.template.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: FUNCTION,
      Environment: {
        Variables: Match.objectLike({ [queueUrlVariable('bounces')]: { Ref: bouncesId } }),
      },
    });
    expect(queueUrlVariable('bounces')).toBe('QUEUE_URL_BOUNCES');
  });
});

describe('mail feedback', () => {
  it("subscribes the manifest's mail-feedback queue to the topic", () => {
    const [bouncesId] = queueNamed('kefu-dev-bounces');
    synth.template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'sqs',
      Endpoint: { 'Fn::GetAtt': [bouncesId, 'Arn'] },
      RawMessageDelivery: false,
    });
  });
});

describe('cdk-nag with queues, schedules and rules', () => {
  it('leaves no unacknowledged finding', () => {
    expect(nagFindings(synth.app)).toEqual([]);
    expect(validationReport(synth.assemblyDir).pluginReports).toEqual([]);
  });
});

describe('manifest checks', () => {
  it('rejects an event rule that targets an unknown queue', () => {
    expect(() =>
      synthesize({
        manifest: {
          ...manifest,
          eventRules: [{ ...manifest.eventRules[0]!, target: { queue: 'nowhere' } }],
        },
        bundle: false,
      }),
    ).toThrow(/unknown queue "nowhere"/);
  });

  it('rejects a queue named like a stream consumer (both would own <name>-dlq)', () => {
    const [queue] = manifest.queues;
    const [consumer] = wiring.streamConsumers;
    expect(() =>
      synthesize({
        manifest: { ...manifest, queues: [{ ...queue!, name: consumer!.name }], eventRules: [] },
        bundle: false,
      }),
    ).toThrow(new RegExp(`duplicate queue or stream consumer "${consumer!.name}"`));
  });

  it.each([
    [
      'a schedule that sends to an unknown queue',
      {
        ...manifest,
        schedules: [{ ...manifest.schedules[0]!, sendsTo: ['nowhere'] }],
      },
      /schedule "sla-sweep" sends to unknown queue "nowhere"/,
    ],
    [
      'mail feedback to an unknown queue',
      { ...manifest, mailFeedback: { queue: 'nowhere' } },
      /mailFeedback delivers to unknown queue "nowhere"/,
    ],
  ])('rejects %s', (_, variant, error) => {
    expect(() => synthesize({ manifest: variant, bundle: false })).toThrow(error);
  });

  it('rejects a visibility timeout too short for any consumer timeout', () => {
    const [queue] = manifest.queues;
    expect(() =>
      synthesize({
        manifest: {
          ...manifest,
          queues: [{ ...queue!, visibilityTimeoutSeconds: 5 }],
          eventRules: [],
          schedules: [],
          mailFeedback: { queue: queue!.name },
        },
        bundle: false,
      }),
    ).toThrow(/visibilityTimeoutSeconds must be at least 6/);
  });
});
