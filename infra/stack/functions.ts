import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CfnResource, Duration, Lazy, type NestedStack, Stack } from 'aws-cdk-lib';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as events from 'aws-cdk-lib/aws-events';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as ses from 'aws-cdk-lib/aws-ses';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { keys } from '../../shared/adapters/dynamodb/keys';
import { TABLE_DESIGN } from '../../shared/adapters/dynamodb/table-design';
import { handlerEnvironment, handlerNeeds, type HandlerResources } from '../handler-environment';
import { functionName, type WiringManifest } from '../../wiring/manifest';
import type { DataStores } from './data';
import { type HandlerUsage, handlerUsages, routeKey, sendsEmail, tableAccess } from './manifest';
import { acknowledge, acknowledgeWildcards } from './nag';
import { DeadLetterQueue } from './dead-letter-queue';
import { routeThrottle, senderDomain, type StageSettings } from './stage';

export const REPOSITORY_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** `kefu-dev-complaints-create-complaint`: the Lambda function of a manifest handler file. */
export const physicalFunctionName = (stage: string, handler: string): string =>
  `kefu-${stage}-${functionName(handler)}`;

const MEMORY_MB = 1024;
const API_TIMEOUT = Duration.seconds(10);
const BACKGROUND_TIMEOUT = Duration.seconds(60);
/**
 * "Amazon Cognito invokes Lambda functions synchronously. When called, your Lambda function must
 * respond within 5 seconds. If it does not, Amazon Cognito retries the call. After 3 unsuccessful
 * attempts, the function times out" (Amazon Cognito Developer Guide, "Customizing user pool
 * workflows with Lambda triggers"): a longer timeout would only keep a sign-in waiting.
 */
const COGNITO_TRIGGER_TIMEOUT = Duration.seconds(5);
/** AWS's advice: a queue's visibility timeout at least six times its consumer's timeout. */
const VISIBILITY_PER_TIMEOUT = 6;

/**
 * API handlers answer within 10 s; queue consumers get a sixth of their queue's visibility
 * timeout; schedules, stream consumers and inbound mail, which work in the background, a minute.
 */
const timeoutFor = (usage: HandlerUsage): Duration => {
  const limits: number[] = [];
  if (usage.cognitoTriggers.length > 0) limits.push(COGNITO_TRIGGER_TIMEOUT.toSeconds());
  if (usage.routes.length > 0) limits.push(API_TIMEOUT.toSeconds());
  for (const queue of usage.queues) {
    const seconds = Math.min(
      900,
      Math.floor(queue.visibilityTimeoutSeconds / VISIBILITY_PER_TIMEOUT),
    );
    if (seconds < 1) {
      throw new Error(
        `queue "${queue.name}": visibilityTimeoutSeconds must be at least ${VISIBILITY_PER_TIMEOUT}`,
      );
    }
    limits.push(seconds);
  }
  return limits.length > 0 ? Duration.seconds(Math.min(...limits)) : BACKGROUND_TIMEOUT;
};

/** Adds an event source and returns the event source mapping it created (for acknowledgements). */
export const addEventSourceMapping = (
  fn: lambda.Function,
  source: lambda.IEventSource,
): lambda.EventSourceMapping => {
  const before = new Set(fn.node.children);
  fn.addEventSource(source);
  const created = fn.node.children.find(
    (child): child is lambda.EventSourceMapping =>
      !before.has(child) && child instanceof lambda.EventSourceMapping,
  );
  if (!created) throw new Error(`no event source mapping was created on ${fn.node.path}`);
  return created;
};

const TABLE_READ_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:ConditionCheckItem',
];
const TABLE_WRITE_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
];
/** What Powertools' DynamoDB persistence layer calls. */
const IDEMPOTENCY_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
];

/** Actions that have no resource-level permissions, and why a function calls them. */
const ACTIONS_WITHOUT_RESOURCES: Record<string, string> = {
  'xray:PutTraceSegments': 'X-Ray trace upload (active tracing)',
  'xray:PutTelemetryRecords': 'X-Ray trace upload (active tracing)',
  'dynamodb:ListStreams': 'finding the table stream (stream event source)',
};

export interface HandlerFunctionsProps {
  settings: StageSettings;
  manifest: WiringManifest;
  data: DataStores;
  bus: events.IEventBus;
  /** The SES configuration set every email is sent with (bounce and complaint feedback). */
  configurationSet: ses.IConfigurationSet;
  /** Encrypts the functions' log groups (the operations key). */
  logsKey: kms.IKey;
  /**
   * Where the functions' log groups are created: a nested stack of their own, which keeps the
   * main stack under CloudFormation's 500 resources. Functions and roles name each group by its
   * physical name (no parameter or output per group) and wait for that stack.
   */
  logs: NestedStack;
  /** The integrators' app-client ids: only their role-less tokens are integrators'. */
  integratorClientIds: string[];
  /** The user pool that holds staff sign-in accounts (`cognito:<id>`). */
  staffIdentity: string;
  /** …the same user pool: the staff-identity handlers may administer its users, nothing else. */
  staffIdentityPool: cognito.IUserPool;
}

/**
 * What the staff-account adapter (shared/adapters/identity/cognito-staff-accounts.ts) calls:
 * create, read and update a staff member's sign-in account, switch it on and off, and sign it
 * out everywhere when the member is removed. No AdminDeleteUser, no password or MFA resets.
 */
export const STAFF_IDENTITY_ACTIONS = [
  'cognito-idp:AdminCreateUser',
  'cognito-idp:AdminGetUser',
  'cognito-idp:AdminUpdateUserAttributes',
  'cognito-idp:AdminEnableUser',
  'cognito-idp:AdminDisableUser',
  'cognito-idp:AdminUserGlobalSignOut',
];

/** What the personal-data key may do for a function that only reads the table. */
const PERSONAL_DATA_READ_ACTIONS = ['kms:Decrypt'];
/**
 * …and for one that writes it: the AWS Encryption SDK's KMS keyring generates a data key to
 * wrap a new customer's key (GenerateDataKey), encrypts with further keys of a keyring (Encrypt)
 * and unwraps (Decrypt). Nothing else: no ReEncrypt, no GenerateDataKeyWithoutPlaintext.
 */
const PERSONAL_DATA_WRITE_ACTIONS = ['kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey'];

/**
 * Partition keys of the access log (`ACCESS_LOG#<customerId>`): every secured API handler
 * records whose personal data a request read or changed, GET handlers included.
 */
export const ACCESS_LOG_PARTITIONS = `${keys.accessRecord('', '', '', '').pk}*`;

/**
 * One Lambda function per distinct handler file of the manifest: Node.js 24 on arm64, bundled
 * locally by esbuild (ESM, minified, with source maps, the AWS SDK inside the bundle), X-Ray
 * tracing, its own log group, and only the permissions its manifest roles need.
 */
export class HandlerFunctions extends Construct {
  private readonly functions = new Map<string, nodejs.NodejsFunction>();
  private readonly asyncDeadLetters = new Map<string, DeadLetterQueue>();
  /** Object prefixes each function may read (`s3:GetObject` on `<bucket>/<prefix>*`). */
  private readonly objectReads = new Map<lambda.Function, ObjectRead[]>();
  private readonly tableLogicalId: string;
  private readonly queueUrls = new Map<string, string>();
  /** Each function's log group, by handler: in the logs stack, so named, not referenced. */
  private readonly logGroupNames = new Map<string, string>();
  private publicBaseUrl: string | undefined;
  private inboundMailBucket: string | undefined;
  private readonly dataKey: kms.IKey;

  constructor(scope: Construct, id: string, props: HandlerFunctionsProps) {
    super(scope, id);
    const { settings, manifest, data, bus } = props;
    const stack = Stack.of(this);
    this.dataKey = data.key;
    this.tableLogicalId = stack.resolve(
      stack.getLogicalId(data.table.node.defaultChild as dynamodb.CfnTable),
    );

    // Known only once the API, the queues and the inbound bucket exist: resolved at synthesis.
    const later = (what: string, value: () => string | undefined) =>
      Lazy.string({
        produce: () => {
          const known = value();
          if (known === undefined) throw new Error(`${what} was never given to the functions`);
          return known;
        },
      });
    const resources: HandlerResources = {
      tableName: data.table.tableName,
      idempotencyTableName: data.idempotencyTable.tableName,
      eventBusName: bus.eventBusName,
      keys: {
        signing: data.signingSecret.secretArn,
        personalData: data.personalDataKey.keyArn,
        blindIndex: data.blindIndexSecret.secretArn,
      },
      stage: settings.stage,
      mail: settings.mail,
      sesConfigurationSet: props.configurationSet.configurationSetName,
      publicBaseUrl: later('the public base URL', () => this.publicBaseUrl),
      inboundMailBucket: later('the inbound-mail bucket', () => this.inboundMailBucket),
      integratorClientIds: props.integratorClientIds,
      staffIdentity: props.staffIdentity,
      queueUrl: (queue) => later(`the URL of queue ${queue}`, () => this.queueUrls.get(queue)),
    };

    for (const usage of handlerUsages(manifest).values()) {
      const name = functionName(usage.handler);
      const scopeFor = new Construct(this, name);
      const logGroupName = `/aws/lambda/kefu-${settings.stage}-${name}`;
      new logs.LogGroup(props.logs, name, {
        logGroupName,
        retention: settings.logRetention,
        encryptionKey: props.logsKey,
        removalPolicy: settings.removalPolicy,
      });
      const logGroup = logs.LogGroup.fromLogGroupName(scopeFor, 'Logs', logGroupName);
      this.logGroupNames.set(usage.handler, logGroupName);
      // An own role instead of AWSLambdaBasicExecutionRole: logging only to this log group.
      const role = new iam.Role(scopeFor, 'Role', {
        assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
        description: `Kefu ${settings.stage}: runs ${usage.handler}`,
      });
      logGroup.grantWrite(role);

      // EventBridge Scheduler and S3 event notifications both invoke Lambda asynchronously.
      const invokedAsynchronously = asynchronousSources(usage).length > 0;
      const deadLetters = invokedAsynchronously
        ? new DeadLetterQueue(scopeFor, 'AsyncDeadLetters', {
            settings,
            name: `${name}-async-dlq`,
            holds:
              `asynchronous invocations of ${name} (${asynchronousSources(usage).join(', ')}) ` +
              'that failed after retries',
            filledBy: `Lambda's asynchronous-invocation dead-letter configuration of ${name}`,
          })
        : undefined;
      if (deadLetters) this.asyncDeadLetters.set(usage.handler, deadLetters);

      const fn = new nodejs.NodejsFunction(scopeFor, 'Function', {
        functionName: physicalFunctionName(settings.stage, usage.handler),
        description: `Kefu ${settings.stage}: ${describe(usage)}`.slice(0, 256),
        entry: join(REPOSITORY_ROOT, usage.handler),
        handler: 'handler',
        projectRoot: REPOSITORY_ROOT,
        depsLockFilePath: join(REPOSITORY_ROOT, 'package-lock.json'),
        runtime: lambda.Runtime.NODEJS_24_X,
        architecture: lambda.Architecture.ARM_64,
        memorySize: MEMORY_MB,
        timeout: timeoutFor(usage),
        tracing: lambda.Tracing.ACTIVE,
        role,
        logGroup,
        // Lambda retries a failed asynchronous invocation twice (its default), then parks it here.
        ...(deadLetters ? { deadLetterQueue: deadLetters.queue } : {}),
        environment: {
          ...handlerEnvironment(usage, resources),
          NODE_OPTIONS: '--enable-source-maps',
        },
        bundling: {
          forceDockerBundling: false,
          format: nodejs.OutputFormat.ESM,
          target: 'node24',
          mainFields: ['module', 'main'],
          // Some CommonJS dependencies call require() for Node built-ins; give ESM one.
          banner:
            "import { createRequire as __kefuCreateRequire } from 'node:module'; const require = __kefuCreateRequire(import.meta.url);",
          minify: true,
          sourceMap: true,
          sourcesContent: false,
          // Bundle the AWS SDK too: a pinned, tree-shaken client rather than the runtime's copy.
          externalModules: [],
          logLevel: nodejs.LogLevel.WARNING,
        },
      });
      // Its log group is in the logs stack, named rather than referenced: wait for it.
      fn.node.addDependency(props.logs);
      this.functions.set(usage.handler, fn);
      this.grant(fn, usage, props);

      if (!invokedAsynchronously) {
        acknowledge(
          fn,
          ['Serverless-LambdaDLQ', 'NIST.800.53.R5-LambdaDLQ'],
          `${name} is never invoked asynchronously, so Lambda's asynchronous dead-letter queue ` +
            `would stay empty: ${synchronousFailurePaths(usage)}.`,
        );
      }
      acknowledge(
        fn,
        'NIST.800.53.R5-LambdaInsideVPC',
        `${name} reaches only AWS service APIs (${servicesCalled(usage)}) over TLS with ` +
          'IAM-signed requests; Kefu has no database, cache or other service inside a VPC, so a ' +
          'VPC would only add NAT gateways or interface endpoints in front of the same APIs.',
      );
      acknowledge(
        fn,
        'NIST.800.53.R5-LambdaConcurrency',
        `${name} has no reserved concurrency: ${concurrencyBound(usage, settings)}. Reserving ` +
          `concurrency for each of Kefu's functions would split the account's regional pool ` +
          'into fixed slices that cannot lend capacity to each other.',
      );
    }
  }

  /**
   * Least privilege, by what the manifest asks the handler to do (`handlerNeeds`, which its
   * environment is derived from too; queue sends are granted once the queues exist,
   * `allowQueueSends`). Item-level actions only: no
   * Scan (every access pattern is a key lookup or a Query) and no stream or table-management
   * actions for handlers that do not need them. Transactions are authorised per item action.
   */
  private grant(fn: lambda.Function, usage: HandlerUsage, props: HandlerFunctionsProps): void {
    const { data, bus } = props;
    const needs = handlerNeeds(usage);
    if (needs.table === 'read-write') {
      data.table.grant(fn, ...TABLE_READ_ACTIONS, ...TABLE_WRITE_ACTIONS);
    } else if (needs.table === 'read') {
      data.table.grant(fn, ...TABLE_READ_ACTIONS);
    }
    if (needs.idempotencyRecords) data.idempotencyTable.grant(fn, ...IDEMPOTENCY_ACTIONS);
    if (needs.accessLog) {
      // Reading handlers write one thing: access-log records (BatchWriteItem, the access log's
      // only call), in access-log partitions of the table itself (not its indexes) only.
      fn.addToRolePolicy(
        new iam.PolicyStatement({
          actions: ['dynamodb:BatchWriteItem'],
          resources: [data.table.tableArn],
          conditions: {
            'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [ACCESS_LOG_PARTITIONS] },
          },
        }),
      );
    }
    if (needs.dataKey === 'encrypt-decrypt') data.key.grantEncryptDecrypt(fn);
    else if (needs.dataKey === 'decrypt') data.key.grant(fn, 'kms:Decrypt', 'kms:DescribeKey');
    if (needs.signingKey) data.signingSecret.grantRead(fn);
    // Stream consumers get the stream through their event source; some publish to the bus.
    if (needs.publishesEvents) bus.grantPutEventsTo(fn);
    // Personal fields are sealed under per-customer data keys that the personal-data key wraps
    // (PERSONAL_DATA_KEY_REF), and email and phone are looked up by blind index
    // (BLIND_INDEX_KEY_REF): every function with table access gets both, and functions that
    // only read the table may only unwrap. The secret is encrypted with the data key, whose
    // kms:Decrypt (through Secrets Manager) these functions already have.
    if (needs.personalData !== 'none') {
      data.personalDataKey.grant(
        fn,
        ...(needs.personalData === 'read-write'
          ? PERSONAL_DATA_WRITE_ACTIONS
          : PERSONAL_DATA_READ_ACTIONS),
      );
      data.blindIndexSecret.grantRead(fn);
    }
    if (needs.staffIdentity) {
      fn.addToRolePolicy(
        new iam.PolicyStatement({
          actions: STAFF_IDENTITY_ACTIONS,
          resources: [props.staffIdentityPool.userPoolArn],
        }),
      );
    }
    if (needs.sendsEmail) {
      // SES v2 SendEmail (the mailer's only call) is authorised against both the sending
      // identity and the configuration set the email names.
      const stack = Stack.of(fn);
      fn.addToRolePolicy(
        new iam.PolicyStatement({
          actions: ['ses:SendEmail'],
          resources: [
            stack.formatArn({
              service: 'ses',
              resource: 'identity',
              resourceName: senderDomain(props.settings.mail),
            }),
            stack.formatArn({
              service: 'ses',
              resource: 'configuration-set',
              resourceName: props.configurationSet.configurationSetName,
            }),
          ],
        }),
      );
    }
  }

  /**
   * Lets the function of `handler` send messages to a manifest queue: `sqs:SendMessage` on that
   * queue only (it also authorises SendMessageBatch); its URL reaches the functions that send
   * there (`handlerEnvironment`).
   */
  allowQueueSends(handler: string, queueName: string, queue: sqs.IQueue): void {
    queue.grant(this.get(handler), 'sqs:SendMessage');
    this.queueUrls.set(queueName, queue.queueUrl);
  }

  /** The base of public links (no trailing slash), given to every function. */
  setPublicBaseUrl(url: string): void {
    this.publicBaseUrl = url;
  }

  /** The bucket SES stores inbound mail in, given to the inbound-mail handlers. */
  setInboundMailBucket(bucketName: string): void {
    this.inboundMailBucket = bucketName;
  }

  get(handler: string): nodejs.NodejsFunction {
    const fn = this.functions.get(handler);
    if (!fn) throw new Error(`no function for handler ${handler}`);
    return fn;
  }

  /**
   * Lets the function of `handler` read the objects under `prefix` of `bucket` and nothing else
   * there: `s3:GetObject` only (no listing, no other prefix, no object versions or ACLs).
   */
  allowObjectReads(handler: string, bucket: s3.IBucket, prefix: string, purpose: string): void {
    const fn = this.get(handler);
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['s3:GetObject'],
        resources: [bucket.arnForObjects(`${prefix}*`)],
      }),
    );
    const stack = Stack.of(this);
    const bucketLogicalId = stack.resolve(
      stack.getLogicalId(bucket.node.defaultChild as CfnResource),
    ) as string;
    this.objectReads.set(fn, [
      ...(this.objectReads.get(fn) ?? []),
      { finding: `Resource::<${bucketLogicalId}.Arn>/${prefix}*`, prefix, purpose },
    ]);
  }

  /** The asynchronous-invocation DLQ of a scheduled (or otherwise asynchronously invoked) handler. */
  asyncDeadLetterQueue(handler: string): DeadLetterQueue {
    const queue = this.asyncDeadLetters.get(handler);
    if (!queue) throw new Error(`${handler} is not invoked asynchronously`);
    return queue;
  }

  /**
   * Call once every grant is in place (event sources add theirs late). Acknowledges only the
   * IAM wildcards that are inherent to the service (any other wildcard stays a finding), and
   * that each function's grants sit in a policy of its own role.
   */
  acknowledgePolicyFindings(): void {
    const table = this.tableLogicalId;
    const stack = Stack.of(this);
    const dataKeyArn = JSON.stringify(stack.resolve(this.dataKey.keyArn));
    for (const [handler, fn] of this.functions) {
      const policy = fn.role?.node.tryFindChild('DefaultPolicy');
      if (!(policy instanceof iam.Policy)) continue;
      acknowledge(
        policy,
        'NIST.800.53.R5-IAMNoInlinePolicy',
        `This policy is attached to one role only, the execution role of ${functionName(handler)}, ` +
          'and holds the grants the wiring manifest derives for that function alone; a managed ' +
          'policy would carry the same statements and could be attached to other roles too.',
      );
      const statements = policy.document.toJSON() as { Statement: PolicyStatementJson[] };
      const objectReads = this.objectReads.get(fn) ?? [];
      const logGroupName = this.logGroupNames.get(handler);
      acknowledgeWildcards(policy, (finding) => {
        if (
          logGroupName &&
          finding.startsWith('Resource::arn:<AWS::Partition>:logs:') &&
          finding.endsWith(`:log-group:${logGroupName}:*`)
        ) {
          return `The log streams of this function's own log group (logs:CreateLogStream and PutLogEvents on one group; Lambda names each stream).`;
        }
        const objectRead = objectReads.find((read) => read.finding === finding);
        if (objectRead) {
          return (
            `s3:GetObject on the objects under ${objectRead.prefix} of one bucket only: ` +
            `${objectRead.purpose}.`
          );
        }
        if (finding === 'Resource::*') {
          const actions = statements.Statement.filter((s) => s.Resource === '*').flatMap((s) =>
            Array.isArray(s.Action) ? s.Action : [s.Action],
          );
          if (!actions.every((action) => action in ACTIONS_WITHOUT_RESOURCES)) return undefined;
          const uses = [...new Set(actions.map((action) => ACTIONS_WITHOUT_RESOURCES[action]))];
          return (
            `Only ${[...new Set(actions)].join(', ')} use Resource "*": these actions have no ` +
            `resource-level permissions (${uses.join('; ')}).`
          );
        }
        if (finding === `Resource::<${table}.Arn>/index/*`) {
          return (
            `Queries through the single table's own global secondary indexes ` +
            `(${TABLE_DESIGN.indexes.map((index) => index.name).join(', ')}); the grant ` +
            'covers the indexes of this one table only.'
          );
        }
        if (finding === 'Action::kms:GenerateDataKey*' || finding === 'Action::kms:ReEncrypt*') {
          const action = finding.slice('Action::'.length);
          const onOtherResources = statements.Statement.filter((s) =>
            (Array.isArray(s.Action) ? s.Action : [s.Action]).includes(action),
          ).some((s) => JSON.stringify(stack.resolve(s.Resource)) !== dataKeyArn);
          if (onOtherResources) return undefined;
          return (
            'kms:GenerateDataKey* and kms:ReEncrypt* belong to the encrypt/decrypt set CDK ' +
            'grants for writing to tables encrypted with a customer-managed key; the ' +
            "statement names Kefu's one data key only."
          );
        }
        return undefined;
      });
    }
  }
}

interface ObjectRead {
  /** The `AwsSolutions-IAM5` finding the grant draws. */
  finding: string;
  prefix: string;
  purpose: string;
}

interface PolicyStatementJson {
  Action: string | string[];
  Resource?: unknown;
}

/** The ways a handler is invoked asynchronously (Lambda retries, then its async DLQ). */
const asynchronousSources = (usage: HandlerUsage): string[] => [
  ...usage.schedules.map((s) => `schedule ${s.name}`),
  ...usage.inboundMail.map((m) => `inbound mail ${m.name}`),
];

/** The AWS services a handler's grants let it call (for the cdk-nag acknowledgements). */
const servicesCalled = (usage: HandlerUsage): string =>
  [
    'CloudWatch Logs',
    'X-Ray',
    ...(tableAccess(usage) !== 'none' || usage.streamConsumers.length > 0 ? ['DynamoDB'] : []),
    ...(tableAccess(usage) !== 'none' ? ['KMS', 'Secrets Manager'] : []),
    ...(usage.queues.length > 0 ||
    usage.schedules.some((s) => (s.sendsTo ?? []).length > 0) ||
    asynchronousSources(usage).length > 0 ||
    usage.streamConsumers.length > 0
      ? ['SQS']
      : []),
    ...(usage.streamConsumers.some((c) => c.publishesEvents) ? ['EventBridge'] : []),
    ...(sendsEmail(usage) ? ['SES'] : []),
    ...(usage.inboundMail.length > 0 ? ['S3'] : []),
    ...(handlerNeeds(usage).staffIdentity ? ['Cognito user pools'] : []),
  ].join(', ');

/** What keeps a handler's concurrency in bounds without reserving any. */
const concurrencyBound = (usage: HandlerUsage, settings: StageSettings): string =>
  [
    usage.routes.length > 0
      ? `API Gateway throttles each of its routes (at most ${Math.max(
          ...usage.routes.map((route) => routeThrottle(route, settings).rateLimit),
        )} requests per second)`
      : '',
    usage.queues.length > 0
      ? `its queue${usage.queues.length > 1 ? 's' : ''} (${usage.queues
          .map((q) => q.name)
          .join(', ')}) buffer the work, so a throttled poll leaves messages waiting, not lost`
      : '',
    usage.schedules.length > 0
      ? `its schedule${usage.schedules.length > 1 ? 's' : ''} (${usage.schedules
          .map((s) => `${s.name}: ${s.expression}`)
          .join('; ')}) start one invocation per firing`
      : '',
    usage.streamConsumers.length > 0 ? 'the table stream runs one batch at a time per shard' : '',
    usage.inboundMail.length > 0
      ? 'it runs once per stored email, asynchronously, and Lambda retries throttled events'
      : '',
    usage.cognitoTriggers.length > 0
      ? 'Cognito invokes it once per staff sign-in or token refresh, and staff are few'
      : '',
  ]
    .filter(Boolean)
    .join('; ');

/** Where failures go for each synchronous way a handler is invoked. */
const synchronousFailurePaths = (usage: HandlerUsage): string =>
  [
    usage.routes.length > 0
      ? 'API Gateway waits for the answer and returns errors to the caller'
      : '',
    usage.queues.length > 0
      ? "failed SQS messages return to their queue and move to the queue's DLQ"
      : '',
    usage.streamConsumers.length > 0
      ? "failed stream batches are described in the consumer's on-failure queue"
      : '',
    usage.cognitoTriggers.length > 0
      ? 'Cognito waits for its answer during sign-in and refuses the token when it fails'
      : '',
  ]
    .filter(Boolean)
    .join('; ');

const describe = (usage: HandlerUsage): string =>
  [
    ...usage.routes.map(routeKey),
    ...usage.queues.map((q) => `queue ${q.name}`),
    ...usage.schedules.map((s) => `schedule ${s.name}`),
    ...usage.streamConsumers.map((c) => `stream ${c.name}`),
    ...usage.inboundMail.map((m) => `inbound mail ${m.name}`),
    ...usage.cognitoTriggers.map((t) => `Cognito ${t.trigger} trigger ${t.name}`),
  ].join(', ');
