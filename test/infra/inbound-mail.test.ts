import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type InboundMailDefinition,
  type WiringManifest,
  functionName,
  wiring,
} from '../../infra/wiring';
import {
  acknowledgements,
  nagFindings,
  resourcesOfType,
  type Synthesized,
  synthesize,
  validationReport,
} from './synth';

type Resource = { Properties?: Record<string, unknown> };
type Statement = {
  Effect: string;
  Action: string | string[];
  Principal?: unknown;
  Resource?: unknown;
  Condition?: Record<string, Record<string, unknown>>;
};

const [complaintMail] = wiring.inboundMail as [InboundMailDefinition];
const ACCOUNT = '123456789012';
const ruleArn = (ruleSet: string, rule: string) => ({
  'Fn::Join': [
    '',
    [
      'arn:',
      { Ref: 'AWS::Partition' },
      `:ses:us-east-1:${ACCOUNT}:receipt-rule-set/${ruleSet}:receipt-rule/${rule}`,
    ],
  ],
});

/** The synthesized pieces of the inbound mail of one stack. */
const inspect = (synth: Synthesized) => {
  const single = (type: string, pattern: RegExp): [string, Resource] => {
    const found = Object.entries(resourcesOfType(synth.template, type)).filter(([id]) =>
      pattern.test(id),
    );
    expect(found, `${type} ${pattern.source}`).toHaveLength(1);
    return found[0] as [string, Resource];
  };
  const [bucketId, bucket] = single('AWS::S3::Bucket', /^InboundMailBucket/);
  const [logBucketId, logBucket] = single('AWS::S3::Bucket', /^InboundMailAccessLogs/);
  const policyOf = (id: string) =>
    (
      Object.values(resourcesOfType(synth.template, 'AWS::S3::BucketPolicy')).find(
        (p) => JSON.stringify(p.Properties?.Bucket) === JSON.stringify({ Ref: id }),
      )?.Properties?.PolicyDocument as { Statement: Statement[] }
    ).Statement;
  const functionOf = (handler: string): [string, Resource] => {
    const found = Object.entries(resourcesOfType(synth.template, 'AWS::Lambda::Function')).find(
      ([, fn]) => String(fn.Properties?.FunctionName).endsWith(`-${functionName(handler)}`),
    );
    if (!found) throw new Error(`no function for ${handler}`);
    return found;
  };
  const statementsOf = (handler: string): Statement[] => {
    const [, fn] = functionOf(handler);
    const roleId = (fn.Properties?.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    return Object.values(resourcesOfType(synth.template, 'AWS::IAM::Policy'))
      .filter((p) => JSON.stringify(p.Properties?.Roles) === JSON.stringify([{ Ref: roleId }]))
      .flatMap((p) => (p.Properties?.PolicyDocument as { Statement: Statement[] }).Statement);
  };
  return { bucketId, bucket, logBucketId, logBucket, policyOf, functionOf, statementsOf };
};

const actions = (statement: Statement) =>
  Array.isArray(statement.Action) ? statement.Action : [statement.Action];
const objectsUnder = (bucketId: string, prefix: string) => ({
  'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, `/${prefix}*`]],
});

let synth: Synthesized;
let mail: ReturnType<typeof inspect>;

beforeAll(() => {
  synth = synthesize({ stage: 'dev', bundle: false });
  mail = inspect(synth);
}, 120_000);

describe('inbound-mail bucket', () => {
  it('is private, SSE-S3 encrypted, unversioned and expires raw mail after 90 days', () => {
    expect(mail.bucket.Properties).toMatchObject({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
        ],
      },
      LifecycleConfiguration: {
        Rules: [expect.objectContaining({ ExpirationInDays: 90, Status: 'Enabled' })],
      },
    });
    expect(mail.bucket.Properties?.VersioningConfiguration).toBeUndefined();
    // A generated name: nothing to guess or collide with.
    expect(mail.bucket.Properties?.BucketName).toBeUndefined();
  });

  it('denies every request that does not use TLS', () => {
    expect(mail.policyOf(mail.bucketId)).toContainEqual(
      expect.objectContaining({
        Effect: 'Deny',
        Action: 's3:*',
        Principal: { AWS: '*' },
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    );
  });

  it('lets SES of this account put objects under the prefix, and only from its receipt rule', () => {
    const ses = mail
      .policyOf(mail.bucketId)
      .filter(
        (s) => JSON.stringify(s.Principal) === JSON.stringify({ Service: 'ses.amazonaws.com' }),
      );
    expect(ses).toHaveLength(2);
    const allow = ses.find((s) => s.Effect === 'Allow');
    const deny = ses.find((s) => s.Effect === 'Deny');
    expect(allow).toMatchObject({
      Action: 's3:PutObject',
      Resource: objectsUnder(mail.bucketId, complaintMail.objectPrefix),
      Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
    });
    expect(deny).toMatchObject({
      Action: 's3:PutObject',
      Resource: objectsUnder(mail.bucketId, complaintMail.objectPrefix),
      Condition: {
        ArnNotEquals: {
          'aws:SourceArn': ruleArn('kefu-dev-inbound', `kefu-dev-${complaintMail.name}`),
        },
      },
    });
  });

  it('logs server access to a private, TLS-only log bucket that expires its logs', () => {
    expect(mail.bucket.Properties?.LoggingConfiguration).toEqual({
      DestinationBucketName: { Ref: mail.logBucketId },
      LogFilePrefix: 'inbound-mail/',
    });
    expect(mail.logBucket.Properties).toMatchObject({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
        ],
      },
      LifecycleConfiguration: { Rules: [expect.objectContaining({ ExpirationInDays: 14 })] },
    });
    // Delivered under a bucket policy, not the legacy log-delivery ACL.
    expect(mail.logBucket.Properties?.AccessControl).toBeUndefined();
    const statements = mail.policyOf(mail.logBucketId);
    expect(statements).toContainEqual(
      expect.objectContaining({
        Effect: 'Deny',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    );
    expect(statements).toContainEqual(
      expect.objectContaining({
        Effect: 'Allow',
        Principal: { Service: 'logging.s3.amazonaws.com' },
        Action: 's3:PutObject',
        Condition: {
          ArnLike: { 'aws:SourceArn': { 'Fn::GetAtt': [mail.bucketId, 'Arn'] } },
          StringEquals: { 'aws:SourceAccount': ACCOUNT },
        },
      }),
    );
  });
});

describe('SES receipt rules', () => {
  it('creates the kefu-<stage>-inbound rule set', () => {
    synth.template.resourceCountIs('AWS::SES::ReceiptRuleSet', 1);
    synth.template.hasResourceProperties('AWS::SES::ReceiptRuleSet', {
      RuleSetName: 'kefu-dev-inbound',
    });
  });

  it('stores mail to the complaints address in the bucket under the prefix, TLS and scan required', () => {
    synth.template.resourceCountIs('AWS::SES::ReceiptRule', 1);
    synth.template.hasResourceProperties('AWS::SES::ReceiptRule', {
      RuleSetName: { Ref: Match.stringLikeRegexp('^InboundMailRuleSet') },
      Rule: {
        Name: `kefu-dev-${complaintMail.name}`,
        Enabled: true,
        Recipients: ['complaints@kefu.example.com'],
        ScanEnabled: true,
        TlsPolicy: 'Require',
        Actions: [
          {
            S3Action: {
              BucketName: { Ref: mail.bucketId },
              ObjectKeyPrefix: complaintMail.objectPrefix,
            },
          },
        ],
      },
    });
  });

  it('tells DevOps how to activate the rule set, which CloudFormation cannot do', () => {
    synth.template.hasOutput('InboundMailActivation', {
      Value: 'aws ses set-active-receipt-rule-set --rule-set-name kefu-dev-inbound',
      Description: Match.stringLikeRegexp('CloudFormation cannot activate'),
    });
    synth.template.hasOutput('InboundMailBucketName', { Value: { Ref: mail.bucketId } });
    // No custom resource does it instead.
    expect(JSON.stringify(synth.template.toJSON())).not.toContain('SetActiveReceiptRuleSet');
  });
});

describe('the inbound-mail handler', () => {
  it('is invoked by object-created events under the prefix only', () => {
    const [fnId] = mail.functionOf(complaintMail.handler);
    synth.template.hasResourceProperties('Custom::S3BucketNotifications', {
      BucketName: { Ref: mail.bucketId },
      NotificationConfiguration: {
        LambdaFunctionConfigurations: [
          {
            Events: ['s3:ObjectCreated:*'],
            Filter: {
              Key: { FilterRules: [{ Name: 'prefix', Value: complaintMail.objectPrefix }] },
            },
            LambdaFunctionArn: { 'Fn::GetAtt': [fnId, 'Arn'] },
          },
        ],
      },
    });
    synth.template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      FunctionName: { 'Fn::GetAtt': [fnId, 'Arn'] },
      Principal: 's3.amazonaws.com',
      SourceAccount: ACCOUNT,
      SourceArn: { 'Fn::GetAtt': [mail.bucketId, 'Arn'] },
    });
  });

  it('may only get objects under its prefix from the bucket', () => {
    const s3Statements = mail
      .statementsOf(complaintMail.handler)
      .filter((s) => actions(s).some((action) => action.startsWith('s3:')));
    expect(s3Statements).toEqual([
      {
        Effect: 'Allow',
        Action: 's3:GetObject',
        Resource: objectsUnder(mail.bucketId, complaintMail.objectPrefix),
      },
    ]);
  });

  it("gets the table, idempotency and key grants of a background worker, but can't send email", () => {
    const statements = mail.statementsOf(complaintMail.handler);
    const all = statements.flatMap(actions);
    expect(all).toEqual(
      expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:Query', 'kms:Decrypt', 'kms:Encrypt']),
    );
    expect(statements.some((s) => JSON.stringify(s).includes('DataIdempotencyTable'))).toBe(true);
    expect(all).not.toContain('dynamodb:Scan');
    expect(all.some((action) => action.startsWith('ses:'))).toBe(false);
  });

  it('is the only function that is told the bucket (INBOUND_MAIL_BUCKET)', () => {
    const [fnId] = mail.functionOf(complaintMail.handler);
    for (const [id, fn] of Object.entries(
      resourcesOfType(synth.template, 'AWS::Lambda::Function'),
    )) {
      const variables = (fn.Properties?.Environment as { Variables?: Record<string, unknown> })
        ?.Variables;
      if (id === fnId) expect(variables?.INBOUND_MAIL_BUCKET).toEqual({ Ref: mail.bucketId });
      else expect(variables?.INBOUND_MAIL_BUCKET).toBeUndefined();
    }
  });

  it("parks events that still fail after Lambda's retries in its asynchronous DLQ", () => {
    const [, fn] = mail.functionOf(complaintMail.handler);
    const [dlqId] = Object.entries(resourcesOfType(synth.template, 'AWS::SQS::Queue')).find(
      ([, q]) =>
        q.Properties?.QueueName === `kefu-dev-${functionName(complaintMail.handler)}-async-dlq`,
    ) ?? [''];
    expect(fn.Properties?.DeadLetterConfig).toEqual({
      TargetArn: { 'Fn::GetAtt': [dlqId, 'Arn'] },
    });
    expect(fn.Properties?.Timeout).toBe(60);
  });
});

describe('cdk-nag on inbound mail', () => {
  it('acknowledges only the S3 and CDK-internal findings it must, each on its own resource', () => {
    const acks = acknowledgements(synth.app).filter(
      (ack) =>
        /InboundMail|BucketNotificationsHandler/.test(ack.path) &&
        !ack.path.includes('/Functions/'),
    );
    expect(acks.map((ack) => `${ack.path} ${ack.id}`).sort()).toEqual(
      [
        'kefu-dev/BucketNotificationsHandler050a0587b7544547bf325f094a3db834/Role/Resource ' +
          'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        'kefu-dev/InboundMail/AccessLogs/Resource AwsSolutions-S1',
      ].sort(),
    );
  });

  it('acknowledges the object-read wildcard of the handler for its prefix only', () => {
    const wildcards = acknowledgements(synth.app).filter(
      (ack) =>
        ack.path.includes(`/${functionName(complaintMail.handler)}/`) &&
        ack.id.includes('InboundMail'),
    );
    expect(wildcards.map((ack) => ack.id)).toEqual([
      `AwsSolutions-IAM5[Resource::<${mail.bucketId}.Arn>/${complaintMail.objectPrefix}*]`,
    ]);
  });
});

describe('manifest variants', () => {
  const HANDLER = 'functions/openapi/get-openapi.ts';
  const variant: WiringManifest = {
    ...wiring,
    inboundMail: [
      ...wiring.inboundMail,
      { name: 'survey-replies', objectPrefix: 'inbound/surveys/', handler: HANDLER },
    ],
  };

  it('builds one rule, notification and scoped grant per entry, all in the same bucket', () => {
    const two = synthesize({ stage: 'dev', manifest: variant, bundle: false });
    const parts = inspect(two);
    expect(nagFindings(two.app)).toEqual([]);
    expect(validationReport(two.assemblyDir).pluginReports).toEqual([]);
    two.template.resourceCountIs('AWS::SES::ReceiptRuleSet', 1);
    two.template.resourceCountIs('AWS::SES::ReceiptRule', 2);
    two.template.hasResourceProperties('AWS::SES::ReceiptRule', {
      Rule: Match.objectLike({
        Name: 'kefu-dev-survey-replies',
        Recipients: ['complaints@kefu.example.com'],
        Actions: [
          {
            S3Action: { BucketName: { Ref: parts.bucketId }, ObjectKeyPrefix: 'inbound/surveys/' },
          },
        ],
      }),
    });
    const [notifications] = Object.values(
      resourcesOfType(two.template, 'Custom::S3BucketNotifications'),
    );
    const configurations = (
      notifications?.Properties?.NotificationConfiguration as {
        LambdaFunctionConfigurations: { Filter: { Key: { FilterRules: { Value: string }[] } } }[];
      }
    ).LambdaFunctionConfigurations;
    expect(configurations.map((c) => c.Filter.Key.FilterRules[0]?.Value)).toEqual([
      'inbound/complaints/',
      'inbound/surveys/',
    ]);
    // The API handler that also reads survey replies reads those, not the complaints.
    const reads = parts
      .statementsOf(HANDLER)
      .filter((s) => actions(s).includes('s3:GetObject'))
      .map((s) => s.Resource);
    expect(reads).toEqual([objectsUnder(parts.bucketId, 'inbound/surveys/')]);
    const [, fn] = parts.functionOf(HANDLER);
    expect(fn.Properties?.DeadLetterConfig).toBeDefined();
  });

  it('builds no bucket, rule set or output without inbound mail', () => {
    const none = synthesize({
      stage: 'dev',
      manifest: { ...wiring, inboundMail: [] },
      bundle: false,
    });
    none.template.resourceCountIs('AWS::S3::Bucket', 0);
    none.template.resourceCountIs('AWS::SES::ReceiptRuleSet', 0);
    expect(Object.keys(none.template.toJSON().Outputs ?? {})).not.toContain(
      'InboundMailActivation',
    );
    expect(nagFindings(none.app)).toEqual([]);
  });

  it.each([
    [
      'overlapping prefixes',
      [{ name: 'all-mail', objectPrefix: 'inbound/', handler: HANDLER }],
      /overlapping object prefixes "inbound\/" and "inbound\/complaints\/"/,
    ],
    [
      'a duplicate name',
      [{ name: 'complaint-mail', objectPrefix: 'inbound/other/', handler: HANDLER }],
      /duplicate inbound mail "complaint-mail"/,
    ],
    [
      'a prefix without a trailing slash',
      [{ name: 'other', objectPrefix: 'inbound/other', handler: HANDLER }],
      /objectPrefix "inbound\/other"/,
    ],
    [
      'a name SES would reject',
      [{ name: 'Other_Mail', objectPrefix: 'inbound/other/', handler: HANDLER }],
      /inbound mail name "Other_Mail"/,
    ],
  ])('rejects %s', (_, extra, error) => {
    expect(() =>
      synthesize({
        manifest: { ...wiring, inboundMail: [...wiring.inboundMail, ...extra] },
        bundle: false,
      }),
    ).toThrow(error);
  });
});
