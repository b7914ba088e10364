import { ArnFormat, Duration, Stack } from 'aws-cdk-lib';
import { S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY } from 'aws-cdk-lib/cx-api';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as actions from 'aws-cdk-lib/aws-ses-actions';
import { Construct } from 'constructs';
import type { InboundMailDefinition, WiringManifest } from '../../wiring/manifest';
import type { HandlerFunctions } from './functions';
import { acknowledge } from './nag';
import type { MailSettings, StageSettings } from './stage';

/** Raw emails hold personal data: they are kept only this long, then S3 deletes them. */
export const RAW_MAIL_RETENTION = Duration.days(90);

/** The SES receipt rule set of a stage: `kefu-<stage>-inbound`. */
export const inboundRuleSetName = (stage: string): string => `kefu-${stage}-inbound`;

/** The receipt rule of one manifest entry: `kefu-<stage>-<name>`. */
export const inboundRuleName = (stage: string, entry: InboundMailDefinition): string =>
  `kefu-${stage}-${entry.name}`;

/**
 * The one command that activates the rule set. CloudFormation can create receipt rule sets but
 * not activate one, and an account has one active set per region, so DevOps runs it once per
 * stage (activating replaces whichever set was active before).
 */
export const activateRuleSetCommand = (stage: string): string =>
  `aws ses set-active-receipt-rule-set --rule-set-name ${inboundRuleSetName(stage)}`;

/**
 * What the receipt rule of an entry matches: the complaints address, or the whole survey-reply
 * domain (a domain recipient matches every address there, each survey's Reply-To included).
 * The two never overlap: `parseMailSettings` keeps the complaints address off the survey domain.
 */
export const inboundRecipient = (entry: InboundMailDefinition, mail: MailSettings): string => {
  switch (entry.recipient) {
    case 'complaints':
      return mail.complaintsReplyTo;
    case 'survey-replies':
      return mail.surveyRepliesDomain;
  }
};

export interface InboundMailProps {
  settings: StageSettings;
  manifest: WiringManifest;
  functions: HandlerFunctions;
}

/**
 * Email SES receives for Kefu: the receipt rule set `kefu-<stage>-inbound` with one rule per
 * manifest entry (mail to the complaints address or to any address of the survey-reply domain,
 * TLS required, spam and virus scan) that stores
 * the raw message in a private bucket under the entry's prefix. Each stored message's
 * object-created event invokes the entry's handler (asynchronously: Lambda retries twice, then
 * parks the event in the handler's async DLQ).
 *
 * Not done by CloudFormation: activating the rule set (see `activateRuleSetCommand`; Kefu does
 * not use a custom resource for it), the MX records of the complaints domain and the survey-reply
 * domain pointing at SES's inbound endpoint of the region, and verifying those domains as SES
 * identities. SES receives email in a few regions only.
 */
export class InboundMail extends Construct {
  readonly bucket: s3.Bucket;
  readonly accessLogs: s3.Bucket;
  readonly ruleSet: ses.ReceiptRuleSet;
  readonly ruleSetName: string;

  constructor(scope: Construct, id: string, props: InboundMailProps) {
    super(scope, id);
    const { settings, manifest, functions } = props;
    const stack = Stack.of(this);
    // Server access logs are allowed in by a bucket policy (logging.s3.amazonaws.com, only from
    // the mail bucket of this account) instead of the legacy log-delivery ACL. Set on this
    // construct before any child exists, so it applies to these buckets only.
    this.node.setContext(S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY, true);

    const privateBucket = {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      // SSE-S3: SES can write to it without a KMS key policy for ses.amazonaws.com, and S3
      // server access logs can only be delivered to SSE-S3 buckets.
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: false,
      removalPolicy: settings.removalPolicy,
      // A dev stack empties its buckets on deletion; other stages retain them.
      autoDeleteObjects: !settings.retainData,
    } satisfies s3.BucketProps;

    this.accessLogs = new s3.Bucket(this, 'AccessLogs', {
      ...privateBucket,
      lifecycleRules: [
        {
          id: 'expire-access-logs',
          // As long as the stage keeps its function logs.
          expiration: Duration.days(settings.logRetention),
        },
      ],
    });
    acknowledgeUnreplicatedBucket(
      this.accessLogs,
      `the server access logs of the inbound-mail bucket (expire after ${settings.logRetention} days)`,
      'S3 delivers server access logs only to buckets encrypted with SSE-S3',
    );
    acknowledge(
      this.accessLogs,
      'AwsSolutions-S1',
      'This bucket is the server-access-log destination of the inbound-mail bucket; logging ' +
        'its own access would loop into itself, and a further log bucket would only move the ' +
        'same finding one bucket along.',
    );

    this.bucket = new s3.Bucket(this, 'Bucket', {
      ...privateBucket,
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: 'inbound-mail/',
      lifecycleRules: [
        {
          id: 'expire-raw-mail',
          expiration: RAW_MAIL_RETENTION,
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
    });

    acknowledgeUnreplicatedBucket(
      this.bucket,
      `raw inbound emails, personal data that expires after ${RAW_MAIL_RETENTION.toDays()} days`,
      'SES stores mail in it without a key policy for ses.amazonaws.com, and it is the source ' +
        'of server access logs',
    );

    // Activate once per stage with `activateRuleSetCommand(stage)` (stack output
    // InboundMailActivation): CloudFormation cannot activate a receipt rule set.
    this.ruleSetName = inboundRuleSetName(settings.stage);
    this.ruleSet = new ses.ReceiptRuleSet(this, 'RuleSet', {
      receiptRuleSetName: this.ruleSetName,
    });

    functions.setInboundMailBucket(this.bucket.bucketName);
    for (const entry of manifest.inboundMail) {
      const ruleName = inboundRuleName(settings.stage, entry);
      this.ruleSet.addRule(entry.name, {
        receiptRuleName: ruleName,
        recipients: [inboundRecipient(entry, settings.mail)],
        scanEnabled: true,
        tlsPolicy: ses.TlsPolicy.REQUIRE,
        // Also lets ses.amazonaws.com put objects under the prefix, for this account only.
        actions: [new actions.S3({ bucket: this.bucket, objectKeyPrefix: entry.objectPrefix })],
      });
      // The S3 action cannot add the rule's ARN as a condition; this narrows its grant to
      // deliveries by this very rule (SES's protection against the confused deputy).
      this.bucket.addToResourcePolicy(
        new iam.PolicyStatement({
          effect: iam.Effect.DENY,
          principals: [new iam.ServicePrincipal('ses.amazonaws.com')],
          actions: ['s3:PutObject'],
          resources: [this.bucket.arnForObjects(`${entry.objectPrefix}*`)],
          conditions: {
            ArnNotEquals: {
              'aws:SourceArn': stack.formatArn({
                service: 'ses',
                resource: 'receipt-rule-set',
                resourceName: `${this.ruleSetName}:receipt-rule/${ruleName}`,
                arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
              }),
            },
          },
        }),
      );

      const fn = functions.get(entry.handler);
      this.bucket.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(fn), {
        prefix: entry.objectPrefix,
      });
      functions.allowObjectReads(
        entry.handler,
        this.bucket,
        entry.objectPrefix,
        `the raw emails receipt rule ${ruleName} stores there under SES message ids (not ` +
          'known in advance), which this handler parses',
      );
    }

    acknowledgeBucketNotificationsHandler(stack);
    const handlerPolicy = this.bucket.node
      .tryFindChild('Notifications')
      ?.node.tryFindChild('HandlerPolicy');
    if (handlerPolicy) {
      acknowledge(
        handlerPolicy,
        'NIST.800.53.R5-IAMNoInlinePolicy',
        "CDK's policy for its bucket-notifications custom-resource handler, which runs only " +
          'during deployments: it allows s3:PutBucketNotification on the inbound-mail bucket ' +
          'alone, and Kefu does not replace CDK internals.',
      );
    }
  }
}

/**
 * The NIST 800-53 findings both private inbound-mail buckets share, each acknowledged on the
 * bucket itself: they keep short-lived personal data, so fewer copies is the safer choice.
 */
const acknowledgeUnreplicatedBucket = (
  bucket: s3.Bucket,
  holds: string,
  whySseS3: string,
): void => {
  acknowledge(
    bucket,
    'NIST.800.53.R5-S3BucketReplicationEnabled',
    `The bucket holds ${holds}: a replica in another region would be one more copy of personal ` +
      'data to secure and erase, and Kefu does not recover from a region loss through it.',
  );
  acknowledge(
    bucket,
    'NIST.800.53.R5-S3BucketVersioningEnabled',
    `The bucket holds ${holds}: with versioning, expired or deleted objects would live on as ` +
      'noncurrent versions, defeating the retention limit. Objects are written once and never ' +
      'overwritten.',
  );
  acknowledge(
    bucket,
    'NIST.800.53.R5-S3DefaultEncryptionKMS',
    `The bucket holds ${holds} and is SSE-S3 encrypted: ${whySseS3}. Access is limited by ` +
      'the bucket policy and IAM, and TLS is enforced.',
  );
};

/**
 * CDK adds one Lambda function per stack that sets bucket notification configurations (a custom
 * resource, run only while CloudFormation deploys). Its role, code and settings are CDK's; of
 * its resources only the role draws a finding (its s3:PutBucketNotification grant is already
 * scoped to the inbound-mail bucket), acknowledged on that role alone.
 */
const acknowledgeBucketNotificationsHandler = (stack: Stack): void => {
  const handler = stack.node.children.find((child) =>
    child.node.id.startsWith('BucketNotificationsHandler'),
  );
  const role = handler?.node.tryFindChild('Role');
  if (!role) return;
  acknowledge(
    role,
    'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    "The role of CDK's bucket-notifications custom-resource handler, which runs only during " +
      'deployments to configure the inbound-mail bucket notification: CDK attaches ' +
      'AWSLambdaBasicExecutionRole for its CloudWatch logs, and Kefu does not replace CDK internals.',
  );
};
