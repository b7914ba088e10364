import { ArnFormat, Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct, type IConstruct } from 'constructs';
import type { StageSettings } from './stage';

/** The SNS topic every Kefu alarm notifies: `kefu-<stage>-alarms`. */
export const alarmTopicName = (stage: string): string => `kefu-${stage}-alarms`;

/** Alarm names all start with this (`kefu-<stage>-<queue>-not-empty`). */
export const alarmNamePrefix = (stage: string): string => `kefu-${stage}-`;

/**
 * What operators watch: a rotating customer-managed key for operational data (every log group
 * of the stack: function logs and API access logs, which hold caller IP addresses; and the alarm
 * topic), and the `kefu-<stage>-alarms` topic that every alarm notifies. Subscribe the on-call
 * channel to the topic (stack output `AlarmTopicArn`).
 */
export class Operations extends Construct {
  readonly key: kms.Key;
  readonly alarmTopic: sns.Topic;

  constructor(scope: Construct, id: string, settings: StageSettings) {
    super(scope, id);
    const { stage, retainData, removalPolicy } = settings;
    const stack = Stack.of(this);

    const topicName = alarmTopicName(stage);
    const topicArn = stack.formatArn({ service: 'sns', resource: topicName });
    this.key = new kms.Key(this, 'Key', {
      description: `Kefu ${stage}: operational data (log groups, alarm notifications)`,
      enableKeyRotation: true,
      pendingWindow: Duration.days(retainData ? 30 : 7),
      removalPolicy,
    });
    // CloudWatch Logs encrypts log groups of this account and region with it; the encryption
    // context always names the log group, so the service cannot use it for anything else.
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchLogsEncryptsTheLogGroups',
        principals: [new iam.ServicePrincipal(`logs.${stack.region}.amazonaws.com`)],
        actions: [
          'kms:Encrypt*',
          'kms:Decrypt*',
          'kms:ReEncrypt*',
          'kms:GenerateDataKey*',
          'kms:Describe*',
        ],
        resources: ['*'],
        conditions: {
          ArnLike: {
            'kms:EncryptionContext:aws:logs:arn': stack.formatArn({
              service: 'logs',
              resource: 'log-group',
              resourceName: '*',
              arnFormat: ArnFormat.COLON_RESOURCE_NAME,
            }),
          },
        },
      }),
    );
    // CloudWatch publishes alarm notifications to the encrypted topic: SNS uses data keys on its
    // behalf with the topic's ARN as encryption context, so the grant covers this topic only.
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchAlarmsPublishToTheAlarmTopic',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        resources: ['*'],
        conditions: { StringEquals: { 'kms:EncryptionContext:aws:sns:topicArn': topicArn } },
      }),
    );

    this.alarmTopic = new sns.Topic(this, 'AlarmTopic', {
      topicName,
      displayName: `Kefu ${stage} alarms`,
      masterKey: this.key,
      enforceSSL: true,
    });
    this.alarmTopic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'KefuAlarmsOfThisAccountPublish',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.alarmTopic.topicArn],
        conditions: {
          ArnLike: {
            'aws:SourceArn': stack.formatArn({
              service: 'cloudwatch',
              resource: 'alarm',
              resourceName: `${alarmNamePrefix(stage)}*`,
              arnFormat: ArnFormat.COLON_RESOURCE_NAME,
            }),
          },
          StringEquals: { 'aws:SourceAccount': stack.account },
        },
      }),
    );
  }

  /** Makes every CloudWatch alarm under `scope` (nested stacks included) notify the topic. */
  notifyOnAlarms(scope: IConstruct): void {
    const action = new actions.SnsAction(this.alarmTopic);
    for (const construct of scope.node.findAll()) {
      if (construct instanceof cloudwatch.Alarm) construct.addAlarmAction(action);
    }
  }
}
