import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { mainTableInput } from '../../infra/local/dynamodb-local';
import { loadStageConfig } from '../../infra/stack/stage-config';
import {
  SCOPES,
  WEBHOOK_DELIVERIES_QUEUE,
  dlqName,
  functionName,
  isPublicPage,
  oauthScope,
  queueUrlVariable,
  wiring,
} from '../../wiring/manifest';
import {
  IDEMPOTENCY_TABLE_DESIGN,
  TABLE_DESIGN,
} from '../../shared/adapters/dynamodb/table-design';
import {
  acknowledgements,
  nagFindings,
  resourcesOfType,
  roleStatements,
  type Synthesized,
  synthesize,
  validationReport,
} from './synth';

const handlers = [
  ...new Set([
    ...wiring.routes.map((r) => r.handler),
    ...wiring.queues.map((q) => q.consumer.handler),
    ...wiring.schedules.map((s) => s.handler),
    ...wiring.streamConsumers.map((c) => c.handler),
    ...wiring.inboundMail.map((m) => m.handler),
    ...wiring.cognitoTriggers.map((t) => t.handler),
  ]),
];

/** Optional SDK add-ons the SDK requires inside try/catch; not installed, never bundled. */
const OPTIONAL_SDK_MODULES = ['@aws-sdk/signature-v4-crt', '@aws-sdk/signature-v4a'];

let synth: Synthesized;

beforeAll(() => {
  // The real thing: the real manifest, every handler bundled by esbuild (90-odd bundles: on a
  // 2-core machine beside the other test files this takes well over two minutes, and five when
  // the machine is busier still).
  synth = synthesize({ stage: 'dev', callers: loadStageConfig('dev') });
}, 600_000);

type Props = Record<string, unknown>;
/** The functions of `HandlerFunctions`: every Lambda function but CDK's deploy-time handlers. */
const functions = () =>
  Object.entries(resourcesOfType(synth.template, 'AWS::Lambda::Function')).filter(([id]) =>
    id.startsWith('Functions'),
  );
const functionNamed = (handler: string) => {
  const found = functions().find(
    ([, fn]) => fn.Properties?.FunctionName === `kefu-dev-${functionName(handler)}`,
  );
  if (!found) throw new Error(`no function for ${handler}`);
  return found;
};

/** Every IAM statement attached to the role of the function of `handler`. */
const statementsOf = (handler: string) =>
  roleStatements(synth.template, functionNamed(handler)[1].Properties);
const actionsOf = (handler: string) =>
  statementsOf(handler).flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));

describe('functions', () => {
  it('builds one function per distinct handler file of the manifest', () => {
    expect(functions()).toHaveLength(handlers.length);
    for (const handler of handlers) expect(() => functionNamed(handler)).not.toThrow();
  });

  it("adds no other function than CDK's custom-resource handlers for the inbound-mail buckets", () => {
    const others = Object.keys(resourcesOfType(synth.template, 'AWS::Lambda::Function')).filter(
      (id) => !id.startsWith('Functions'),
    );
    expect(others.map((id) => id.replace(/[0-9A-F]{8}$/, '')).sort()).toEqual([
      'BucketNotificationsHandler050a0587b7544547bf325f094a3db834',
      'CustomS3AutoDeleteObjectsCustomResourceProviderHandler',
    ]);
  });

  it('runs every function on nodejs24.x, arm64, 1024 MB, with active tracing', () => {
    for (const [, fn] of functions()) {
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        MemorySize: 1024,
        TracingConfig: { Mode: 'Active' },
        Handler: 'index.handler',
      });
    }
  });

  it('gives API handlers a 10 s timeout and the shared environment', () => {
    for (const route of wiring.routes) {
      const [, fn] = functionNamed(route.handler);
      expect(fn.Properties?.Timeout).toBe(10);
      expect((fn.Properties?.Environment as { Variables: Props }).Variables).toEqual({
        TABLE_NAME: { Ref: expect.stringMatching(/^DataTable/) },
        IDEMPOTENCY_TABLE_NAME: { Ref: expect.stringMatching(/^DataIdempotencyTable/) },
        EVENT_BUS_NAME: { Ref: expect.stringMatching(/^EventsBus/) },
        SIGNING_KEY_REF: { Ref: expect.stringMatching(/^DataCursorSigningSecret/) },
        PERSONAL_DATA_KEY_REF: {
          'Fn::GetAtt': [expect.stringMatching(/^DataPersonalDataKey/), 'Arn'],
        },
        BLIND_INDEX_KEY_REF: { Ref: expect.stringMatching(/^DataBlindIndexSecret/) },
        POWERTOOLS_SERVICE_NAME: 'kefu',
        KEFU_STAGE: 'dev',
        NODE_OPTIONS: '--enable-source-maps',
        MAIL_FROM: 'service@kefu.example.com',
        COMPLAINTS_REPLY_TO: 'complaints@kefu.example.com',
        SURVEY_REPLY_DOMAIN: 'surveys.kefu.example.com',
        PUBLIC_BASE_URL: { 'Fn::GetAtt': [expect.stringMatching(/^ApiHttpApi/), 'ApiEndpoint'] },
        // Only these clients' role-less tokens are integrators' (shared/http/principal.ts).
        // (infra/stages/dev.json: bootstrap and sandbox; never the staff client).
        KEFU_INTEGRATOR_CLIENT_IDS: {
          'Fn::Join': [
            '',
            [
              { Ref: expect.stringMatching(/Integratorbootstrap1/) },
              ',',
              { Ref: expect.stringMatching(/Integratorsandbox1/) },
            ],
          ],
        },
        // The staff-account handlers alone know the user pool (identity.test.ts).
        ...(route.managesStaffIdentity
          ? {
              KEFU_STAFF_IDENTITY: {
                'Fn::Join': ['', ['cognito:', { Ref: expect.stringMatching(/^AuthUserPool/) }]],
              },
            }
          : {}),
      });
    }
  });

  it('tells every function the base of public survey links and the survey-reply domain', () => {
    for (const [, fn] of functions()) {
      expect((fn.Properties?.Environment as { Variables: Props }).Variables).toMatchObject({
        // The API's default endpoint unless -c publicBaseUrl names another (stages.test.ts).
        PUBLIC_BASE_URL: { 'Fn::GetAtt': [expect.stringMatching(/^ApiHttpApi/), 'ApiEndpoint'] },
        SURVEY_REPLY_DOMAIN: 'surveys.kefu.example.com',
      });
    }
  });

  const emailSenders = () => [
    ...wiring.queues.filter((queue) => queue.consumer.sendsEmail).map((q) => q.consumer.handler),
    ...wiring.schedules.filter((schedule) => schedule.sendsEmail).map((s) => s.handler),
  ];

  it('lets only the email-sending consumers and schedule send, as the sender domain with the configuration set', () => {
    const senders = [
      ...wiring.queues.filter((queue) => queue.consumer.sendsEmail).map((queue) => queue.name),
      ...wiring.schedules
        .filter((schedule) => schedule.sendsEmail)
        .map((schedule) => schedule.name),
    ];
    expect(senders).toEqual([
      'notifications',
      'survey-sending',
      'revisit-digest',
      'management-report',
    ]);
    const policies = Object.values(resourcesOfType(synth.template, 'AWS::IAM::Policy'));
    const sesStatements = policies.flatMap((policy) =>
      (
        (
          policy.Properties?.PolicyDocument as {
            Statement: { Action: unknown; Resource: unknown }[];
          }
        ).Statement ?? []
      ).filter((statement) => JSON.stringify(statement.Action).includes('ses:')),
    );
    expect(sesStatements).toHaveLength(4);
    const [setId] = Object.keys(resourcesOfType(synth.template, 'AWS::SES::ConfigurationSet'));
    for (const statement of sesStatements) {
      // SES v2 SendEmail is authorised against the identity and the configuration set.
      expect(statement.Action).toBe('ses:SendEmail');
      expect(statement.Resource).toEqual([
        {
          'Fn::Join': [
            '',
            [
              'arn:',
              { Ref: 'AWS::Partition' },
              ':ses:us-east-1:123456789012:identity/kefu.example.com',
            ],
          ],
        },
        {
          'Fn::Join': [
            '',
            [
              'arn:',
              { Ref: 'AWS::Partition' },
              ':ses:us-east-1:123456789012:configuration-set/',
              { Ref: setId },
            ],
          ],
        },
      ]);
    }
    for (const handler of emailSenders()) {
      expect(actionsOf(handler)).toContain('ses:SendEmail');
    }
  });

  it('tells exactly the email senders the configuration set (SES_CONFIGURATION_SET)', () => {
    const [setId] = Object.keys(resourcesOfType(synth.template, 'AWS::SES::ConfigurationSet'));
    const senders = new Set(emailSenders().map((handler) => functionNamed(handler)[0]));
    expect(senders.size).toBe(4);
    for (const [id, fn] of functions()) {
      const variables = (fn.Properties?.Environment as { Variables: Props }).Variables;
      if (senders.has(id)) expect(variables.SES_CONFIGURATION_SET).toEqual({ Ref: setId });
      else expect(variables.SES_CONFIGURATION_SET).toBeUndefined();
    }
  });

  it('logs every function to its own log group with a retention period', () => {
    const groups = resourcesOfType(synth.template, 'AWS::Logs::LogGroup');
    for (const handler of handlers) {
      const group = Object.values(groups).find(
        (g) => g.Properties?.LogGroupName === `/aws/lambda/kefu-dev-${functionName(handler)}`,
      );
      expect(group?.Properties?.RetentionInDays).toBeGreaterThan(0);
    }
  });

  it('bundles each handler with esbuild as minified ESM with a source map and the AWS SDK inside', () => {
    for (const [, fn] of functions()) {
      const key = (fn.Properties?.Code as { S3Key: string }).S3Key;
      const dir = join(synth.assemblyDir, `asset.${key.replace(/\.zip$/, '')}`);
      const code = readFileSync(join(dir, 'index.mjs'), 'utf8');
      expect(existsSync(join(dir, 'index.mjs.map'))).toBe(true);
      expect(code.startsWith('import { createRequire')).toBe(true);
      const sdkImports = [
        ...code.matchAll(/(?:from\s*|require\(|import\()["'](@aws-sdk\/[^"']+)["']/g),
      ].map((m) => m[1] ?? '');
      // Only the SDK's optional SigV4a signers stay unresolved (required inside try/catch).
      expect(sdkImports.filter((m) => !OPTIONAL_SDK_MODULES.includes(m))).toEqual([]);
      // Minified: long lines, linked to its source map.
      expect(code.length / code.split('\n').length).toBeGreaterThan(1000);
      expect(code).toMatch(/\/\/# sourceMappingURL=index\.mjs\.map\s*$/);
    }
  });

  it('grants read handlers read-only item access and never Scan to anyone', () => {
    // Besides appending to the access log (privacy-security.test.ts).
    for (const route of wiring.routes.filter((r) => r.method === 'GET')) {
      const actions = actionsOf(route.handler);
      expect(actions).toContain('dynamodb:Query');
      expect(actions).not.toContain('dynamodb:PutItem');
      expect(actions).not.toContain('dynamodb:UpdateItem');
      expect(actions).not.toContain('dynamodb:DeleteItem');
      expect(actions).not.toContain('events:PutEvents');
    }
    for (const handler of handlers) expect(actionsOf(handler)).not.toContain('dynamodb:Scan');
  });

  it('grants write handlers the table and the idempotency table', () => {
    for (const route of wiring.routes.filter((r) => r.method !== 'GET')) {
      const statements = statementsOf(route.handler);
      const onIdempotency = statements.filter((s) =>
        JSON.stringify(s).includes('DataIdempotencyTable'),
      );
      expect(actionsOf(route.handler)).toEqual(expect.arrayContaining(['dynamodb:PutItem']));
      expect(onIdempotency.length).toBeGreaterThan(0);
    }
  });

  it('lets the aggregator write its counters to the table, and the publisher only read the stream', () => {
    const aggregator = 'functions/reports/aggregate-service-quality.ts';
    const publisher = 'functions/events/publish-domain-events.ts';
    expect(actionsOf(aggregator)).toEqual(
      expect.arrayContaining(['dynamodb:UpdateItem', 'dynamodb:PutItem', 'dynamodb:Query']),
    );
    expect(actionsOf(aggregator)).not.toContain('dynamodb:Scan');
    expect(actionsOf(publisher)).not.toContain('dynamodb:UpdateItem');
  });

  it('lets only the stream consumers that publish events put them on the bus', () => {
    const consumers = new Set(
      wiring.streamConsumers.filter((c) => c.publishesEvents).map((c) => c.handler),
    );
    for (const handler of handlers) {
      expect(actionsOf(handler).includes('events:PutEvents')).toBe(consumers.has(handler));
    }
  });
});

describe('HTTP API', () => {
  const routes = () => Object.values(resourcesOfType(synth.template, 'AWS::ApiGatewayV2::Route'));

  it('has exactly one route per manifest route', () => {
    expect(
      routes()
        .map((r) => r.Properties?.RouteKey)
        .sort(),
    ).toEqual(wiring.routes.map((r) => `${r.method} ${r.path}`).sort());
  });

  it('puts the JWT authorizer with the route scopes on secured routes and none on public ones', () => {
    for (const route of wiring.routes) {
      const created = routes().find(
        (r) => r.Properties?.RouteKey === `${route.method} ${route.path}`,
      );
      if (route.scopes.length > 0) {
        expect(created?.Properties).toMatchObject({
          AuthorizationType: 'JWT',
          AuthorizerId: { Ref: expect.stringMatching(/CognitoAuthorizer/) },
          AuthorizationScopes: route.scopes.map(oauthScope),
        });
      } else {
        expect(created?.Properties?.AuthorizationType).toBe('NONE');
        expect(created?.Properties?.AuthorizerId).toBeUndefined();
        expect(created?.Properties?.AuthorizationScopes).toBeUndefined();
      }
    }
  });

  it('serves the survey and complaint pages publicly, each acknowledged with its own reason', () => {
    const pages = wiring.routes.filter(isPublicPage);
    expect(pages.map((route) => `${route.method} ${route.path}`).sort()).toEqual([
      'GET /c/{token}',
      'GET /s/{token}',
      'GET /s/{token}/unsubscribe',
      'POST /c/{token}/messages',
      'POST /c/{token}/resolution',
      'POST /s/{token}',
      'POST /s/{token}/unsubscribe',
    ]);
    const publicAcks = acknowledgements(synth.app).filter((ack) => ack.id === 'AwsSolutions-APIG4');
    expect(publicAcks).toHaveLength(wiring.routes.filter((r) => r.scopes.length === 0).length);
    for (const route of pages) {
      expect(route.scopes).toEqual([]);
      const created = routes().find(
        (r) => r.Properties?.RouteKey === `${route.method} ${route.path}`,
      );
      expect(created?.Properties?.AuthorizationType).toBe('NONE');
      const ack = publicAcks.find((a) => a.reason.startsWith(`"${route.method} ${route.path}"`));
      expect(ack?.reason).toMatch(/signed token in the path is the authorization/);
    }
  });

  it("checks Cognito access tokens of the stage's integrator clients and the staff client", () => {
    synth.template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: [
          { Ref: Match.stringLikeRegexp('Integratorbootstrap1') },
          { Ref: Match.stringLikeRegexp('Integratorsandbox1') },
          { Ref: Match.stringLikeRegexp('StaffClient') },
        ],
        Issuer: Match.objectLike({ 'Fn::Join': Match.anyValue() }),
      },
    });
  });

  it('throttles the default stage and writes JSON access logs', () => {
    const [stage] = Object.values(resourcesOfType(synth.template, 'AWS::ApiGatewayV2::Stage'));
    expect(stage?.Properties).toMatchObject({
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
      AccessLogSettings: { DestinationArn: expect.anything() },
    });
    const format = (stage?.Properties?.AccessLogSettings as { Format: string }).Format;
    expect(JSON.parse(format)).toMatchObject({ requestId: '$context.requestId' });
  });
});

describe('data', () => {
  it('builds the same single table the local runtime creates (no drift)', () => {
    const local = mainTableInput('kefu');
    synth.template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: local.KeySchema,
      AttributeDefinitions: Match.arrayEquals(local.AttributeDefinitions ?? []),
      GlobalSecondaryIndexes: local.GlobalSecondaryIndexes,
      StreamSpecification: { StreamViewType: local.StreamSpecification?.StreamViewType },
      BillingMode: 'PAY_PER_REQUEST',
      // dev keeps one day (stages.test.ts: other stages seven).
      PointInTimeRecoverySpecification: {
        PointInTimeRecoveryEnabled: true,
        RecoveryPeriodInDays: 1,
      },
      SSESpecification: {
        SSEEnabled: true,
        SSEType: 'KMS',
        KMSMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DataKey'), 'Arn'] },
      },
      TimeToLiveSpecification: { AttributeName: TABLE_DESIGN.ttlAttribute, Enabled: true },
    });
  });

  it('builds the idempotency table beside it', () => {
    synth.template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [{ AttributeName: IDEMPOTENCY_TABLE_DESIGN.partitionKey, KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
      // dev keeps one day (stages.test.ts: other stages seven).
      PointInTimeRecoverySpecification: {
        PointInTimeRecoveryEnabled: true,
        RecoveryPeriodInDays: 1,
      },
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
      TimeToLiveSpecification: {
        AttributeName: IDEMPOTENCY_TABLE_DESIGN.ttlAttribute,
        Enabled: true,
      },
    });
  });

  it('encrypts with one rotating customer-managed key, both secrets included', () => {
    // The data key, the personal-data key (privacy-security.test.ts), the operations key (logs,
    // alarm topic) and the mail-feedback topic's own key (SES may use that one).
    synth.template.resourceCountIs('AWS::KMS::Key', 4);
    synth.template.allResourcesProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    synth.template.resourceCountIs('AWS::SecretsManager::Secret', 2);
    synth.template.allResourcesProperties('AWS::SecretsManager::Secret', {
      KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DataKey'), 'Arn'] },
      GenerateSecretString: Match.objectLike({ PasswordLength: 64 }),
    });
  });
});

describe('Cognito', () => {
  it('lets only administrators create users, with a strong password policy and MFA', () => {
    synth.template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'ON',
      Policies: {
        PasswordPolicy: Match.objectLike({
          MinimumLength: 14,
          RequireUppercase: true,
          RequireLowercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
        }),
      },
    });
  });

  it('offers every manifest scope on the kefu resource server', () => {
    synth.template.hasResourceProperties('AWS::Cognito::UserPoolResourceServer', {
      Identifier: 'kefu',
      Scopes: Object.values(SCOPES).map((scope) => Match.objectLike({ ScopeName: scope })),
    });
  });

  it('gives each integrator of infra/stages/dev.json a client-credentials client with its scopes only', () => {
    const config = loadStageConfig('dev');
    for (const [name, integrator] of Object.entries(config.integrators)) {
      synth.template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
        ClientName: `integrator-${name}`,
        GenerateSecret: true,
        AllowedOAuthFlows: ['client_credentials'],
        AllowedOAuthFlowsUserPoolClient: true,
        ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
        AllowedOAuthScopes: integrator.scopes.map((scope) => ({
          'Fn::Join': ['', [{ Ref: Match.stringLikeRegexp('ResourceServer') }, `/${scope}`]],
        })),
      });
    }
    synth.template.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: 'kefu-dev-staff-123456789012',
      ManagedLoginVersion: 2,
    });
  });

  it('names each staff user by their staff id, with email as a sign-in alias', () => {
    // UsernameAttributes [email] would make the email the username, refuse AdminCreateUser with a
    // staff id, and hand the pre-token trigger a UUID instead of the staff id.
    const pools = Object.values(resourcesOfType(synth.template, 'AWS::Cognito::UserPool'));
    expect(pools).toHaveLength(1);
    const pool = pools[0];
    expect(pool?.Properties?.UsernameAttributes).toBeUndefined();
    expect(pool?.Properties?.AliasAttributes).toEqual(['email']);
    expect(pool?.Properties?.UsernameConfiguration).toEqual({ CaseSensitive: false });
  });
});

describe('events and streams', () => {
  it('creates the kefu-<stage> bus', () => {
    synth.template.hasResourceProperties('AWS::Events::EventBus', { Name: 'kefu-dev' });
  });

  it('feeds each stream consumer only the INSERTs of its entity types, with an on-failure queue', () => {
    for (const consumer of wiring.streamConsumers) {
      synth.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        FunctionName: { Ref: functionNamed(consumer.handler)[0] },
        EventSourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DataTable'), 'StreamArn'] },
        StartingPosition: 'TRIM_HORIZON',
        BatchSize: consumer.batchSize,
        BisectBatchOnFunctionError: true,
        MaximumRetryAttempts: 10,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
        FilterCriteria: {
          Filters: [
            {
              Pattern: JSON.stringify({
                eventName: consumer.changes,
                dynamodb: { NewImage: { entityType: { S: consumer.entityTypes } } },
              }),
            },
          ],
        },
      });
      synth.template.hasResourceProperties('AWS::SQS::Queue', {
        QueueName: `kefu-dev-${consumer.name}-dlq`,
        SqsManagedSseEnabled: true,
      });
    }
  });

  it('alarms on every dead-letter queue as soon as it holds a message', () => {
    const dlqs = Object.entries(resourcesOfType(synth.template, 'AWS::SQS::Queue')).filter(
      ([, q]) => /-dlq(\.fifo)?$/.test(String(q.Properties?.QueueName)),
    );
    const queueAlarms = Object.values(
      resourcesOfType(synth.template, 'AWS::CloudWatch::Alarm'),
    ).filter((alarm) => alarm.Properties?.Namespace === 'AWS/SQS');
    expect(queueAlarms).toHaveLength(dlqs.length);
    for (const [dlqId] of dlqs) {
      synth.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Namespace: 'AWS/SQS',
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [dlqId, 'QueueName'] } }],
        ComparisonOperator: 'GreaterThanThreshold',
        Threshold: 0,
      });
    }
  });
});

describe('queues handlers send to', () => {
  /** Manifest queues each handler may sqs:SendMessage to (DLQs it fills left out). */
  const queueSendsOf = (handler: string): string[] => {
    const queueIds = new Map(
      Object.entries(resourcesOfType(synth.template, 'AWS::SQS::Queue')).map(([id, q]) => [
        id,
        String(q.Properties?.QueueName)
          .replace(/^kefu-dev-/, '')
          .replace(/\.fifo$/, ''),
      ]),
    );
    return statementsOf(handler)
      .filter((s) => JSON.stringify(s.Action).includes('sqs:SendMessage'))
      .map((s) => {
        const arn = s.Resource as { 'Fn::GetAtt': [string, string] };
        return queueIds.get(arn['Fn::GetAtt'][0]) ?? JSON.stringify(arn);
      })
      .filter((name) => wiring.queues.some((queue) => queue.name === name))
      .sort();
  };
  const consumerOf = (queue: string) => {
    const found = wiring.queues.find((q) => q.name === queue);
    if (!found) throw new Error(`no queue ${queue}`);
    return found.consumer.handler;
  };
  const scheduleHandler = (name: string) => {
    const found = wiring.schedules.find((s) => s.name === name);
    if (!found) throw new Error(`no schedule ${name}`);
    return found.handler;
  };

  it('lets the campaign enumerator send to survey-sending and continue its own queue', () => {
    const handler = consumerOf('survey-campaigns');
    expect(handler).toBe('functions/surveys/enumerate-campaign.ts');
    expect(queueSendsOf(handler)).toEqual(['survey-campaigns', 'survey-sending']);
    const sends = statementsOf(handler).filter((s) =>
      JSON.stringify(s.Action).includes('sqs:SendMessage'),
    );
    // Exactly sqs:SendMessage (it authorises SendMessageBatch too), nothing else on them.
    for (const statement of sends) expect(statement.Action).toBe('sqs:SendMessage');
  });

  it("lets the surveys-due schedule's handler send to survey-sending only", () => {
    expect(queueSendsOf(scheduleHandler('surveys-due'))).toEqual(['survey-sending']);
  });

  it('lets the webhook fan-out send to the delivery queue only', () => {
    expect(queueSendsOf(consumerOf('webhook-fanout'))).toEqual([WEBHOOK_DELIVERIES_QUEUE]);
  });

  it('lets no other handler send to a manifest queue', () => {
    expect(queueSendsOf(consumerOf('survey-sending'))).toEqual([]);
    const senders = new Set([
      consumerOf('survey-campaigns'),
      scheduleHandler('surveys-due'),
      consumerOf('webhook-fanout'),
    ]);
    for (const handler of handlers.filter((h) => !senders.has(h))) {
      expect(queueSendsOf(handler), handler).toEqual([]);
    }
  });

  it('tells senders each queue URL in QUEUE_URL_<NAME>, and no one else', () => {
    const queueId = (name: string) =>
      Object.entries(resourcesOfType(synth.template, 'AWS::SQS::Queue')).find(
        ([, q]) => q.Properties?.QueueName === `kefu-dev-${name}`,
      )?.[0];
    const deliveries = WEBHOOK_DELIVERIES_QUEUE;
    const expected = new Map<string, Record<string, unknown>>([
      [
        functionNamed(consumerOf('survey-campaigns'))[0],
        {
          QUEUE_URL_SURVEY_SENDING: { Ref: queueId('survey-sending') },
          QUEUE_URL_SURVEY_CAMPAIGNS: { Ref: queueId('survey-campaigns') },
        },
      ],
      [
        functionNamed(scheduleHandler('surveys-due'))[0],
        { QUEUE_URL_SURVEY_SENDING: { Ref: queueId('survey-sending') } },
      ],
      [
        functionNamed(consumerOf('webhook-fanout'))[0],
        { QUEUE_URL_WEBHOOK_DELIVERIES: { Ref: queueId(`${deliveries}.fifo`) } },
      ],
      [
        // It moves deliveries it gives up on to its own DLQ.
        functionNamed(consumerOf(deliveries))[0],
        { QUEUE_URL_WEBHOOK_DELIVERIES_DLQ: { Ref: queueId(dlqName(deliveries, true)) } },
      ],
    ]);
    expect(queueUrlVariable('survey-sending')).toBe('QUEUE_URL_SURVEY_SENDING');
    for (const [id, fn] of functions()) {
      const variables = (fn.Properties?.Environment as { Variables: Props }).Variables;
      const queueUrls = Object.fromEntries(
        Object.entries(variables).filter(([name]) => name.startsWith('QUEUE_URL_')),
      );
      expect(queueUrls, id).toEqual(expected.get(id) ?? {});
    }
  });
});

describe('mail feedback', () => {
  const single = (type: string): [string, { Properties?: Props }] => {
    const found = Object.entries(resourcesOfType(synth.template, type));
    expect(found, type).toHaveLength(1);
    return found[0] as [string, { Properties?: Props }];
  };
  /** The mail-feedback topic (the alarm topic is the other one). */
  const feedbackTopic = (): [string, { Properties?: Props }] => {
    const found = Object.entries(resourcesOfType(synth.template, 'AWS::SNS::Topic')).filter(
      ([, topic]) => topic.Properties?.TopicName === 'kefu-dev-mail-feedback',
    );
    expect(found).toHaveLength(1);
    return found[0] as [string, { Properties?: Props }];
  };
  const topicPolicyOf = (topicId: string): { Properties?: Props } => {
    const found = Object.values(resourcesOfType(synth.template, 'AWS::SNS::TopicPolicy')).filter(
      (policy) => JSON.stringify(policy.Properties?.Topics) === JSON.stringify([{ Ref: topicId }]),
    );
    expect(found).toHaveLength(1);
    return found[0] as { Properties?: Props };
  };

  it('sends with the kefu-<stage> configuration set: reputation metrics, TLS required', () => {
    const [, set] = single('AWS::SES::ConfigurationSet');
    expect(set.Properties).toEqual({
      Name: 'kefu-dev',
      ReputationOptions: { ReputationMetricsEnabled: true },
      SendingOptions: { SendingEnabled: true },
      DeliveryOptions: { TlsPolicy: 'REQUIRE' },
    });
  });

  it('publishes bounces and complaints only to the mail-feedback topic', () => {
    const [setId] = single('AWS::SES::ConfigurationSet');
    const [topicId] = feedbackTopic();
    const [, destination] = single('AWS::SES::ConfigurationSetEventDestination');
    expect(destination.Properties).toEqual({
      ConfigurationSetName: { Ref: setId },
      EventDestination: {
        Name: 'bounces-and-complaints',
        Enabled: true,
        MatchingEventTypes: ['bounce', 'complaint'],
        SnsDestination: { TopicARN: { Ref: topicId } },
      },
    });
  });

  it('encrypts the topic with its own key that SES may use for this topic only, and enforces TLS', () => {
    const [topicId, topic] = feedbackTopic();
    const keyId = (topic.Properties?.KmsMasterKeyId as { 'Fn::GetAtt': [string, string] })[
      'Fn::GetAtt'
    ][0];
    expect(keyId).toMatch(/MailFeedbackKey/);
    expect(topic.Properties?.TopicName).toBe('kefu-dev-mail-feedback');
    const key = resourcesOfType(synth.template, 'AWS::KMS::Key')[keyId];
    expect(key?.Properties?.EnableKeyRotation).toBe(true);
    expect((key?.Properties?.KeyPolicy as { Statement: unknown[] }).Statement).toContainEqual(
      expect.objectContaining({
        Effect: 'Allow',
        Principal: { Service: 'ses.amazonaws.com' },
        Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        Condition: {
          StringEquals: {
            'kms:EncryptionContext:aws:sns:topicArn': {
              'Fn::Join': [
                '',
                [
                  'arn:',
                  { Ref: 'AWS::Partition' },
                  ':sns:us-east-1:123456789012:kefu-dev-mail-feedback',
                ],
              ],
            },
          },
        },
      }),
    );
    const policy = topicPolicyOf(topicId);
    const statements = (policy.Properties?.PolicyDocument as { Statement: unknown[] }).Statement;
    expect(statements).toContainEqual(
      expect.objectContaining({
        Effect: 'Deny',
        Action: 'sns:Publish',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    );
    expect(statements).toContainEqual(
      expect.objectContaining({
        Effect: 'Allow',
        Principal: { Service: 'ses.amazonaws.com' },
        Action: 'sns:Publish',
        Resource: { Ref: topicId },
      }),
    );
  });

  it('delivers the notifications in their SNS envelope to the mail-feedback queue, with a DLQ', () => {
    const [topicId] = feedbackTopic();
    const queueId = (name: string) =>
      Object.entries(resourcesOfType(synth.template, 'AWS::SQS::Queue')).find(
        ([, q]) => q.Properties?.QueueName === `kefu-dev-${name}`,
      )?.[0];
    expect(wiring.mailFeedback.queue).toBe('mail-feedback');
    const [, subscription] = single('AWS::SNS::Subscription');
    expect(subscription.Properties).toEqual({
      Protocol: 'sqs',
      TopicArn: { Ref: topicId },
      Endpoint: { 'Fn::GetAtt': [queueId('mail-feedback'), 'Arn'] },
      RawMessageDelivery: false,
      RedrivePolicy: {
        deadLetterTargetArn: { 'Fn::GetAtt': [queueId('mail-feedback-subscription-dlq'), 'Arn'] },
      },
    });
    // SNS may send to the queue (SSE-SQS: no key policy needed), from this topic only.
    const queuePolicies = Object.values(resourcesOfType(synth.template, 'AWS::SQS::QueuePolicy'));
    const forQueue = queuePolicies.find(
      (p) =>
        JSON.stringify(p.Properties?.Queues) ===
        JSON.stringify([{ Ref: queueId('mail-feedback') }]),
    );
    expect(
      (forQueue?.Properties?.PolicyDocument as { Statement: unknown[] }).Statement,
    ).toContainEqual(
      expect.objectContaining({
        Effect: 'Allow',
        Principal: { Service: 'sns.amazonaws.com' },
        Action: 'sqs:SendMessage',
        Condition: { ArnEquals: { 'aws:SourceArn': { Ref: topicId } } },
      }),
    );
    expect(
      resourcesOfType(synth.template, 'AWS::SQS::Queue')[queueId('mail-feedback') ?? '']?.Properties
        ?.SqsManagedSseEnabled,
    ).toBe(true);
  });
});

describe('stacks', () => {
  it("keeps the main stack and each nested stack under CloudFormation's 500 resources", () => {
    expect([...synth.stackTemplates.keys()].sort()).toEqual([
      'kefu-dev',
      'kefu-dev/Api/Routes',
      'kefu-dev/FunctionLogs',
      'kefu-dev/Messaging',
      'kefu-dev/Monitoring',
      'kefu-dev/Scheduling',
    ]);
    for (const [path, template] of synth.stackTemplates) {
      const count = Object.keys(template.toJSON().Resources as object).length;
      expect(count, path).toBeLessThanOrEqual(500);
    }
  });

  it('keeps the functions in the main stack and the routes in the nested one', () => {
    const main = synth.stackTemplates.get('kefu-dev');
    const routes = synth.stackTemplates.get('kefu-dev/Api/Routes');
    main?.resourceCountIs('AWS::ApiGatewayV2::Route', 0);
    routes?.resourceCountIs('AWS::ApiGatewayV2::Route', wiring.routes.length);
    routes?.resourceCountIs('AWS::Lambda::Function', 0);
    expect(Object.keys(main?.findResources('AWS::Lambda::Function') ?? {}).length).toBe(
      handlers.length + 2,
    );
  });

  it("keeps the functions' log groups in a stack of their own, which the functions wait for", () => {
    const logsStack = synth.stackTemplates.get('kefu-dev/FunctionLogs');
    logsStack?.resourceCountIs('AWS::Logs::LogGroup', handlers.length);
    const main = synth.stackTemplates.get('kefu-dev')!.toJSON() as {
      Resources: Record<string, { Type: string; DependsOn?: string[]; Properties?: object }>;
    };
    const logsResource = Object.entries(main.Resources).find(
      ([id, resource]) =>
        resource.Type === 'AWS::CloudFormation::Stack' && id.startsWith('FunctionLogs'),
    )?.[0];
    expect(logsResource).toBeDefined();
    const handlerFunctions = Object.values(main.Resources).filter(
      (resource) =>
        resource.Type === 'AWS::Lambda::Function' &&
        JSON.stringify(resource.Properties).includes('/aws/lambda/kefu-dev-'),
    );
    expect(handlerFunctions).toHaveLength(handlers.length);
    for (const fn of handlerFunctions) expect(fn.DependsOn).toContain(logsResource);
  });
});

describe('outputs', () => {
  it('publishes what a deployer needs', () => {
    for (const name of [
      'ApiUrl',
      'UserPoolId',
      'IntegratorBootstrapG1ClientId',
      'IntegratorSandboxG1ClientId',
      'StaffClientId',
      'AuthorizeEndpoint',
      'TokenEndpoint',
      'TableName',
      'PersonalDataKeyArn',
      'AlarmTopicArn',
      'DashboardName',
      'EventBusName',
      'PublicBaseUrl',
      'SesConfigurationSet',
      'SurveyRepliesDomain',
      'InboundMailBucketName',
      'InboundMailActivation',
    ]) {
      synth.template.hasOutput(name, { Value: Match.anyValue() });
    }
  });
});

describe('cdk-nag', () => {
  it('leaves no unacknowledged AwsSolutions, Serverless or NIST 800-53 rev 5 finding, errors or warnings', () => {
    expect(nagFindings(synth.app)).toEqual([]);
  });

  it('leaves the validation report of the whole synthesis empty (CloudFormation checks too)', () => {
    expect(validationReport(synth.assemblyDir).pluginReports).toEqual([]);
  });

  it('acknowledges only on specific resources, each with a specific reason', () => {
    const acks = acknowledgements(synth.app);
    expect(acks.length).toBeGreaterThan(0);
    for (const ack of acks) {
      expect(ack.path.split('/').length, `${ack.id} on ${ack.path}`).toBeGreaterThan(2);
      expect(ack.reason.length, `${ack.id} on ${ack.path}`).toBeGreaterThan(60);
    }
  });
});
