import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledge } from './nag';
import type { StageSettings } from './stage';

/** `kefu-dev-complaint-intake` (and `.fifo` for FIFO queues, as SQS requires). */
export const physicalQueueName = (stage: string, name: string, fifo: boolean): string =>
  `kefu-${stage}-${name}${fifo ? '.fifo' : ''}`;

export const encrypted = {
  encryption: sqs.QueueEncryption.SQS_MANAGED,
  enforceSSL: true,
} satisfies sqs.QueueProps;

export interface DeadLetterQueueProps {
  settings: StageSettings;
  /** Logical name without the stage: `complaint-intake-dlq`. */
  name: string;
  fifo?: boolean;
  /** What lands here, for the alarm description and the cdk-nag acknowledgements. */
  holds: string;
  /**
   * Who moves failures here when it is not another queue's redrive policy (the only DLQ use
   * cdk-nag recognises): a Lambda on-failure destination, an EventBridge target, …
   */
  filledBy?: string;
}

/**
 * A dead-letter queue and the alarm that fires as soon as anything lands in it. It is the end
 * of a redrive chain: nothing consumes it automatically; operators inspect and redrive.
 */
export class DeadLetterQueue extends Construct {
  readonly queue: sqs.Queue;
  readonly alarm: cloudwatch.Alarm;
  /** The physical queue name, a plain string (the dashboard names queues without references). */
  readonly queueName: string;

  constructor(scope: Construct, id: string, props: DeadLetterQueueProps) {
    super(scope, id);
    const { settings, name, holds } = props;
    const fifo = props.fifo ?? false;
    this.queueName = physicalQueueName(settings.stage, name, fifo);
    this.queue = new sqs.Queue(this, 'Queue', {
      ...encrypted,
      queueName: this.queueName,
      fifo: fifo || undefined,
      retentionPeriod: settings.deadLetterRetention,
    });
    this.alarm = this.queue
      .metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(1),
        statistic: cloudwatch.Stats.MAXIMUM,
      })
      .createAlarm(this, 'NotEmpty', {
        alarmName: `kefu-${settings.stage}-${name}-not-empty`,
        alarmDescription:
          `${this.queueName} holds ${holds}; inspect and redrive. What to do: ` +
          'docs/RUNBOOK.md#dead-letter-queue-not-empty',
        threshold: 0,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
    if (props.filledBy) {
      acknowledge(
        this.queue,
        'AwsSolutions-SQS3',
        `This queue is a dead-letter queue filled by ${props.filledBy}, not by a redrive ` +
          'policy, so cdk-nag does not recognise it as one.',
      );
    }
    acknowledge(
      this.queue,
      'Serverless-SQSRedrivePolicy',
      `This queue is itself the dead-letter queue (it holds ${holds}); a redrive policy on it ` +
        'would only move failures further away. An alarm fires on its first message.',
    );
  }
}
