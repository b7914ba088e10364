import { Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { DeadLetterQueue } from './dead-letter-queue';
import type { WorkQueue } from './queues';
import type { StageSettings } from './stage';

/** The SES configuration set every Kefu email is sent with: `kefu-<stage>`. */
export const configurationSetName = (stage: string): string => `kefu-${stage}`;

/** The SNS topic SES publishes bounces and complaints to: `kefu-<stage>-mail-feedback`. */
export const mailFeedbackTopicName = (stage: string): string => `kefu-${stage}-mail-feedback`;

/** The SES events Kefu acts on (suppressing the address); deliveries, opens etc. are not sent. */
export const MAIL_FEEDBACK_EVENTS = [ses.EmailSendingEvent.BOUNCE, ses.EmailSendingEvent.COMPLAINT];

/**
 * SES feedback on the mail Kefu sends. The configuration set `kefu-<stage>` (reputation metrics,
 * TLS required for delivery) publishes bounce and complaint events to an SNS topic encrypted with
 * its own rotating key; the topic delivers them, in the SNS envelope (raw delivery off), to the
 * manifest's mail-feedback queue. What SNS cannot deliver there lands in
 * `mail-feedback-subscription-dlq`.
 *
 * Every sending function sends with this configuration set (`SES_CONFIGURATION_SET`); SES v2
 * authorises `ses:SendEmail` against the identity and the configuration set.
 */
export class MailFeedback extends Construct {
  readonly configurationSet: ses.ConfigurationSet;
  readonly key: kms.Key;
  readonly topic: sns.Topic;
  private readonly settings: StageSettings;

  constructor(scope: Construct, id: string, settings: StageSettings) {
    super(scope, id);
    this.settings = settings;
    const { stage, retainData, removalPolicy } = settings;
    const stack = Stack.of(this);

    this.configurationSet = new ses.ConfigurationSet(this, 'ConfigurationSet', {
      configurationSetName: configurationSetName(stage),
      reputationMetrics: true,
      sendingEnabled: true,
      tlsPolicy: ses.ConfigurationSetTlsPolicy.REQUIRE,
    });

    // Named, so the key policy can name the topic without a reference cycle (topic → key).
    const topicName = mailFeedbackTopicName(stage);
    const topicArn = stack.formatArn({ service: 'sns', resource: topicName });
    this.key = new kms.Key(this, 'Key', {
      description: `Kefu ${stage}: SES bounce and complaint notifications (SNS topic ${topicName})`,
      enableKeyRotation: true,
      pendingWindow: Duration.days(retainData ? 30 : 7),
      removalPolicy,
    });
    // SES publishes to the encrypted topic: SNS generates and decrypts data keys on its behalf,
    // always with the topic's ARN as encryption context, so the grant covers this topic only.
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'SesPublishesToTheMailFeedbackTopic',
        principals: [new iam.ServicePrincipal('ses.amazonaws.com')],
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        resources: ['*'],
        conditions: { StringEquals: { 'kms:EncryptionContext:aws:sns:topicArn': topicArn } },
      }),
    );
    this.topic = new sns.Topic(this, 'Topic', {
      topicName,
      displayName: `Kefu ${stage} mail feedback`,
      masterKey: this.key,
      enforceSSL: true,
    });

    // Also adds the topic policy: sns:Publish for ses.amazonaws.com from this account's
    // configuration set only.
    this.configurationSet.addEventDestination('BouncesAndComplaints', {
      configurationSetEventDestinationName: 'bounces-and-complaints',
      destination: ses.EventDestination.snsTopic(this.topic),
      events: MAIL_FEEDBACK_EVENTS,
    });
  }

  /** Subscribes the manifest's mail-feedback queue to the topic (SNS envelope, not raw). */
  deliverTo(target: WorkQueue): void {
    const name = 'mail-feedback-subscription-dlq';
    const undelivered = new DeadLetterQueue(this, name, {
      settings: this.settings,
      name,
      holds: `SES bounce and complaint notifications SNS could not deliver to ${target.definition.name}`,
      filledBy: "the redrive policy of the mail-feedback topic's SQS subscription",
    });
    // The queues are SSE-SQS encrypted: SNS needs no key policy to deliver to them, only the
    // queue policy the subscription adds (sqs:SendMessage from this topic).
    this.topic.addSubscription(
      new subscriptions.SqsSubscription(target.queue, {
        rawMessageDelivery: false,
        deadLetterQueue: undelivered.queue,
      }),
    );
  }
}
