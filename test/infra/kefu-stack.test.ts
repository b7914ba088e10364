import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { mainTableInput } from '../../infra/local/dynamodb-local';
import { SCOPES, functionName, oauthScope, wiring } from '../../infra/wiring';
import {
  IDEMPOTENCY_TABLE_DESIGN,
  TABLE_DESIGN,
} from '../../shared/adapters/dynamodb/table-design';
import {
  acknowledgements,
  nagFindings,
  resourcesOfType,
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
  ]),
];

/** Optional SDK add-ons the SDK requires inside try/catch; not installed, never bundled. */
const OPTIONAL_SDK_MODULES = ['@aws-sdk/signature-v4-crt', '@aws-sdk/signature-v4a'];

let synth: Synthesized;

beforeAll(() => {
  // The real thing: the real manifest, every handler bundled by esbuild.
  synth = synthesize({ stage: 'dev' });
}, 120_000);

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
const statementsOf = (handler: string) => {
  const [, fn] = functionNamed(handler);
  const roleId = (fn.Properties?.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  return Object.values(resourcesOfType(synth.template, 'AWS::IAM::Policy'))
    .filter((p) => JSON.stringify(p.Properties?.Roles) === JSON.stringify([{ Ref: roleId }]))
    .flatMap(
      (p) =>
        (p.Properties?.PolicyDocument as { Statement: { Action: string | string[] }[] }).Statement,
    );
};
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
        SIGNING_SECRET_ARN: { Ref: expect.stringMatching(/^DataCursorSigningSecret/) },
        POWERTOOLS_SERVICE_NAME: 'kefu',
        NODE_OPTIONS: '--enable-source-maps',
        MAIL_FROM: 'service@kefu.example.com',
        COMPLAINTS_REPLY_TO: 'complaints@kefu.example.com',
      });
    }
  });

  it('lets only the email-sending consumer and schedule send, and only as the sender domain', () => {
    const senders = [
      ...wiring.queues.filter((queue) => queue.consumer.sendsEmail).map((queue) => queue.name),
      ...wiring.schedules
        .filter((schedule) => schedule.sendsEmail)
        .map((schedule) => schedule.name),
    ];
    expect(senders).toEqual(['notifications', 'revisit-digest']);
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
    expect(sesStatements).toHaveLength(2);
    for (const statement of sesStatements) {
      expect(JSON.stringify(statement.Resource)).toContain(':identity/kefu.example.com');
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
    for (const route of wiring.routes.filter((r) => r.method === 'GET')) {
      const actions = actionsOf(route.handler);
      expect(actions).toContain('dynamodb:Query');
      expect(actions).not.toContain('dynamodb:PutItem');
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

  it('lets only stream consumers publish to the bus', () => {
    const consumers = new Set(wiring.streamConsumers.map((c) => c.handler));
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

  it('checks Cognito access tokens of the integrator client', () => {
    synth.template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: [{ Ref: Match.stringLikeRegexp('IntegratorClient') }],
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
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
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
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
      TimeToLiveSpecification: {
        AttributeName: IDEMPOTENCY_TABLE_DESIGN.ttlAttribute,
        Enabled: true,
      },
    });
  });

  it('encrypts with one rotating customer-managed key, the signing secret included', () => {
    synth.template.resourceCountIs('AWS::KMS::Key', 1);
    synth.template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    synth.template.hasResourceProperties('AWS::SecretsManager::Secret', {
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

  it('gives integrators a client-credentials client with a secret and every scope', () => {
    synth.template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: true,
      AllowedOAuthFlows: ['client_credentials'],
      AllowedOAuthFlowsUserPoolClient: true,
      ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
      AllowedOAuthScopes: Object.values(SCOPES).map((scope) => ({
        'Fn::Join': ['', [{ Ref: Match.stringLikeRegexp('ResourceServer') }, `/${scope}`]],
      })),
    });
    synth.template.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: 'kefu-dev-123456789012',
    });
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
                eventName: ['INSERT'],
                dynamodb: { NewImage: { entityType: { S: consumer.insertedEntityTypes } } },
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
    const dlqs = Object.values(resourcesOfType(synth.template, 'AWS::SQS::Queue')).filter((q) =>
      String(q.Properties?.QueueName).endsWith('-dlq'),
    );
    synth.template.resourceCountIs('AWS::CloudWatch::Alarm', dlqs.length);
    synth.template.allResourcesProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Namespace: 'AWS/SQS',
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: 0,
    });
  });
});

describe('outputs', () => {
  it('publishes what a deployer needs', () => {
    for (const name of [
      'ApiUrl',
      'UserPoolId',
      'IntegratorClientId',
      'TokenEndpoint',
      'TableName',
      'EventBusName',
      'InboundMailBucketName',
      'InboundMailActivation',
    ]) {
      synth.template.hasOutput(name, { Value: Match.anyValue() });
    }
  });
});

describe('cdk-nag', () => {
  it('leaves no unacknowledged AwsSolutions or Serverless finding, errors or warnings', () => {
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
