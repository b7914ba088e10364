import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type InboundMailDefinition,
  type WiringManifest,
  functionName,
  wiring,
} from '../../wiring/manifest';
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

const entryFor = (recipient: InboundMailDefinition['recipient']): InboundMailDefinition => {
  const found = wiring.inboundMail.find((entry) => entry.recipient === recipient);
  if (!found) throw new Error(`no inbound mail for ${recipient}`);
  return found;
};
const complaintMail = entryFor('complaints');
const surveyReplies = entryFor('survey-replies');
const ACCOUNT = '123456789012';
const COMPLAINTS_ADDRESS = 'complaints@kefu.example.com';
const SURVEY_DOMAIN = 'surveys.kefu.example.com';
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

  it("lets SES of this account put objects under each entry's prefix, only from its rule", () => {
    const ses = mail
      .policyOf(mail.bucketId)
      .filter(
        (s) => JSON.stringify(s.Principal) === JSON.stringify({ Service: 'ses.amazonaws.com' }),
      );
    expect(ses).toHaveLength(2 * wiring.inboundMail.length);
    for (const entry of wiring.inboundMail) {
      const under = ses.filter(
        (s) =>
          JSON.stringify(s.Resource) ===
          JSON.stringify(objectsUnder(mail.bucketId, entry.objectPrefix)),
      );
      expect(under.find((s) => s.Effect === 'Allow')).toMatchObject({
        Action: 's3:PutObject',
        Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
      });
      expect(under.find((s) => s.Effect === 'Deny')).toMatchObject({
        Action: 's3:PutObject',
        Condition: {
          ArnNotEquals: {
            'aws:SourceArn': ruleArn('kefu-dev-inbound', `kefu-dev-${entry.name}`),
          },
        },
      });
    }
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

  const ruleOf = (entry: InboundMailDefinition, recipient: string) => ({
    RuleSetName: { Ref: Match.stringLikeRegexp('^InboundMailRuleSet') },
    Rule: {
      Name: `kefu-dev-${entry.name}`,
      Enabled: true,
      Recipients: [recipient],
      ScanEnabled: true,
      TlsPolicy: 'Require',
      Actions: [
        { S3Action: { BucketName: { Ref: mail.bucketId }, ObjectKeyPrefix: entry.objectPrefix } },
      ],
    },
  });

  it('stores mail to the complaints address under its prefix, TLS and scan required', () => {
    synth.template.resourceCountIs('AWS::SES::ReceiptRule', 2);
    synth.template.hasResourceProperties(
      'AWS::SES::ReceiptRule',
      ruleOf(complaintMail, COMPLAINTS_ADDRESS),
    );
  });

  it('stores mail to any address of the survey-reply domain under its prefix', () => {
    // A domain recipient: every survey's own Reply-To (s.<id>.<mac>@<domain>) matches it.
    synth.template.hasResourceProperties(
      'AWS::SES::ReceiptRule',
      ruleOf(surveyReplies, SURVEY_DOMAIN),
    );
  });

  it('gives no two rules a common recipient, so no mail is stored twice', () => {
    const recipients = Object.values(
      resourcesOfType(synth.template, 'AWS::SES::ReceiptRule'),
    ).flatMap((rule) => (rule.Properties?.Rule as { Recipients: string[] }).Recipients);
    expect(recipients.sort()).toEqual([COMPLAINTS_ADDRESS, SURVEY_DOMAIN].sort());
    expect(COMPLAINTS_ADDRESS.endsWith(`@${SURVEY_DOMAIN}`)).toBe(false);
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

describe('the inbound-mail handlers', () => {
  it('are invoked by object-created events under their own prefix only', () => {
    const [notifications] = Object.values(
      resourcesOfType(synth.template, 'Custom::S3BucketNotifications'),
    );
    expect(notifications?.Properties).toMatchObject({
      BucketName: { Ref: mail.bucketId },
      NotificationConfiguration: {
        LambdaFunctionConfigurations: wiring.inboundMail.map((entry) => ({
          Events: ['s3:ObjectCreated:*'],
          Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: entry.objectPrefix }] } },
          LambdaFunctionArn: { 'Fn::GetAtt': [mail.functionOf(entry.handler)[0], 'Arn'] },
        })),
      },
    });
    for (const entry of wiring.inboundMail) {
      synth.template.hasResourceProperties('AWS::Lambda::Permission', {
        Action: 'lambda:InvokeFunction',
        FunctionName: { 'Fn::GetAtt': [mail.functionOf(entry.handler)[0], 'Arn'] },
        Principal: 's3.amazonaws.com',
        SourceAccount: ACCOUNT,
        SourceArn: { 'Fn::GetAtt': [mail.bucketId, 'Arn'] },
      });
    }
  });

  it.each(wiring.inboundMail.map((entry) => [entry.name, entry]))(
    '%s may only get objects under its prefix from the bucket',
    (_, entry) => {
      const s3Statements = mail
        .statementsOf(entry.handler)
        .filter((s) => actions(s).some((action) => action.startsWith('s3:')));
      expect(s3Statements).toEqual([
        {
          Effect: 'Allow',
          Action: 's3:GetObject',
          Resource: objectsUnder(mail.bucketId, entry.objectPrefix),
        },
      ]);
    },
  );

  it.each(wiring.inboundMail.map((entry) => [entry.name, entry]))(
    "%s gets the table, idempotency and key grants of a background worker, but can't send email",
    (_, entry) => {
      const statements = mail.statementsOf(entry.handler);
      const all = statements.flatMap(actions);
      expect(all).toEqual(
        expect.arrayContaining([
          'dynamodb:PutItem',
          'dynamodb:Query',
          'kms:Decrypt',
          'kms:Encrypt',
        ]),
      );
      expect(statements.some((s) => JSON.stringify(s).includes('DataIdempotencyTable'))).toBe(true);
      expect(all).not.toContain('dynamodb:Scan');
      expect(all.some((action) => action.startsWith('ses:'))).toBe(false);
    },
  );

  it('are the only functions that are told the bucket (INBOUND_MAIL_BUCKET)', () => {
    const readers = new Set(wiring.inboundMail.map((entry) => mail.functionOf(entry.handler)[0]));
    expect(readers.size).toBe(2);
    for (const [id, fn] of Object.entries(
      resourcesOfType(synth.template, 'AWS::Lambda::Function'),
    )) {
      const variables = (fn.Properties?.Environment as { Variables?: Record<string, unknown> })
        ?.Variables;
      if (readers.has(id)) expect(variables?.INBOUND_MAIL_BUCKET).toEqual({ Ref: mail.bucketId });
      else expect(variables?.INBOUND_MAIL_BUCKET).toBeUndefined();
    }
  });

  it.each(wiring.inboundMail.map((entry) => [entry.name, entry]))(
    "%s parks events that still fail after Lambda's retries in its asynchronous DLQ",
    (_, entry) => {
      const [, fn] = mail.functionOf(entry.handler);
      const [dlqId] = Object.entries(resourcesOfType(synth.template, 'AWS::SQS::Queue')).find(
        ([, q]) => q.Properties?.QueueName === `kefu-dev-${functionName(entry.handler)}-async-dlq`,
      ) ?? [''];
      expect(fn.Properties?.DeadLetterConfig).toEqual({
        TargetArn: { 'Fn::GetAtt': [dlqId, 'Arn'] },
      });
      expect(fn.Properties?.Timeout).toBe(60);
    },
  );
});

describe('cdk-nag on inbound mail', () => {
  it('acknowledges only the S3 and CDK-internal findings it must, each on its own resource', () => {
    const acks = acknowledgements(synth.app).filter(
      (ack) =>
        /InboundMail|BucketNotificationsHandler/.test(ack.path) &&
        !ack.path.includes('/Functions/'),
    );
    // Both buckets keep short-lived personal data: no replicas, no noncurrent versions, and
    // SSE-S3 (SES delivery, server access logs).
    const perBucket = (path: string) =>
      [
        'NIST.800.53.R5-S3BucketReplicationEnabled',
        'NIST.800.53.R5-S3BucketVersioningEnabled',
        'NIST.800.53.R5-S3DefaultEncryptionKMS',
      ].map((id) => `${path} ${id}`);
    expect(acks.map((ack) => `${ack.path} ${ack.id}`).sort()).toEqual(
      [
        'kefu-dev/BucketNotificationsHandler050a0587b7544547bf325f094a3db834/Role/Resource ' +
          'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        'kefu-dev/InboundMail/Bucket/Notifications/HandlerPolicy/Resource ' +
          'NIST.800.53.R5-IAMNoInlinePolicy',
        'kefu-dev/InboundMail/AccessLogs/Resource AwsSolutions-S1',
        ...perBucket('kefu-dev/InboundMail/AccessLogs/Resource'),
        ...perBucket('kefu-dev/InboundMail/Bucket/Resource'),
      ].sort(),
    );
  });

  it.each(wiring.inboundMail.map((entry) => [entry.name, entry]))(
    'acknowledges the object-read wildcard of the %s handler for its prefix only',
    (_, entry) => {
      const wildcards = acknowledgements(synth.app).filter(
        (ack) =>
          ack.path.includes(`/${functionName(entry.handler)}/`) && ack.id.includes('InboundMail'),
      );
      expect(wildcards.map((ack) => ack.id)).toEqual([
        `AwsSolutions-IAM5[Resource::<${mail.bucketId}.Arn>/${entry.objectPrefix}*]`,
      ]);
    },
  );
});

describe('manifest variants', () => {
  const HANDLER = 'functions/openapi/get-openapi.ts';
  // An API handler that also reads survey replies (an asynchronous role beside its route).
  const variant: WiringManifest = {
    ...wiring,
    inboundMail: wiring.inboundMail.map((entry) =>
      entry === surveyReplies ? { ...entry, handler: HANDLER } : entry,
    ),
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
        Name: `kefu-dev-${surveyReplies.name}`,
        Recipients: [SURVEY_DOMAIN],
        Actions: [
          {
            S3Action: {
              BucketName: { Ref: parts.bucketId },
              ObjectKeyPrefix: surveyReplies.objectPrefix,
            },
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
    expect(configurations.map((c) => c.Filter.Key.FilterRules[0]?.Value)).toEqual(
      wiring.inboundMail.map((entry) => entry.objectPrefix),
    );
    // The API handler that also reads survey replies reads those, not the complaints.
    const reads = parts
      .statementsOf(HANDLER)
      .filter((s) => actions(s).includes('s3:GetObject'))
      .map((s) => s.Resource);
    expect(reads).toEqual([objectsUnder(parts.bucketId, surveyReplies.objectPrefix)]);
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

  // Entries checked one by one beside the complaints entry alone.
  const only = (entry: InboundMailDefinition): InboundMailDefinition[] => [complaintMail, entry];
  const other = (fields: Partial<InboundMailDefinition>): InboundMailDefinition => ({
    name: 'other',
    recipient: 'survey-replies',
    objectPrefix: 'inbound/other/',
    handler: HANDLER,
    ...fields,
  });
  it.each([
    [
      'overlapping prefixes',
      only(other({ objectPrefix: 'inbound/' })),
      /overlapping object prefixes "inbound\/" and "inbound\/complaints\/"/,
    ],
    [
      'a duplicate name',
      only(other({ name: complaintMail.name })),
      /duplicate inbound mail "complaint-mail"/,
    ],
    [
      'a prefix without a trailing slash',
      only(other({ objectPrefix: 'inbound/other' })),
      /objectPrefix "inbound\/other"/,
    ],
    [
      'a name SES would reject',
      only(other({ name: 'Other_Mail' })),
      /inbound mail name "Other_Mail"/,
    ],
    [
      'two entries for the same recipient (SES would store the mail twice)',
      only(other({ recipient: 'complaints' })),
      /inbound mail "other" takes complaints mail, which another entry already takes/,
    ],
  ])('rejects %s', (_, inboundMail, error) => {
    expect(() => synthesize({ manifest: { ...wiring, inboundMail }, bundle: false })).toThrow(
      error,
    );
  });
});
