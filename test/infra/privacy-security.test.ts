import { beforeAll, describe, expect, it } from 'vitest';
import { handlerUsages, routeKey } from '../../infra/stack/manifest';
import { keys } from '../../shared/adapters/dynamodb/keys';
import { stageSettings } from '../../infra/stack/stage';
import { functionName, wiring } from '../../wiring/manifest';
import { TABLE_DESIGN } from '../../shared/adapters/dynamodb/table-design';
import { type PolicyStatement, roleStatements, type Synthesized, synthesize } from './synth';

/**
 * Issue 7, privacy and security, as synthesized: least privilege for every function (no
 * wildcard actions, SQS only on the queues the manifest says it uses), the personal-data key
 * and the blind-index secret, point-in-time recovery, per-route throttling, encrypted logs and
 * alarms that notify someone.
 */

type Json = Record<string, unknown>;
interface Resource {
  Type: string;
  DependsOn?: string | string[];
  DeletionPolicy?: string;
  Properties?: Json;
}
type Statement = PolicyStatement;

const STAGE = 'dev';
const settings = stageSettings(STAGE);
const usages = [...handlerUsages(wiring).values()];

let synth: Synthesized;
let resources: Record<string, Resource>;

beforeAll(() => {
  // Template-only checks: skip esbuild.
  synth = synthesize({ stage: STAGE, bundle: false });
  resources = synth.template.toJSON().Resources as Record<string, Resource>;
}, 120_000);

const ofType = (type: string) =>
  Object.entries(resources).filter(([, resource]) => resource.Type === type);
const single = (type: string, pattern: RegExp): [string, Resource] => {
  const found = ofType(type).filter(([id]) => pattern.test(id));
  expect(found, `${type} ${pattern.source}`).toHaveLength(1);
  return found[0] as [string, Resource];
};
const actionsOf = (statement: Statement): string[] =>
  Array.isArray(statement.Action) ? statement.Action : [statement.Action];
const resourcesOf = (statement: Statement): unknown[] =>
  Array.isArray(statement.Resource) ? statement.Resource : [statement.Resource];
const getAtt = (id: string, attribute = 'Arn') => ({ 'Fn::GetAtt': [id, attribute] });

const functionOf = (handler: string): [string, Resource] => {
  const found = ofType('AWS::Lambda::Function').find(
    ([, fn]) => fn.Properties?.FunctionName === `kefu-${STAGE}-${functionName(handler)}`,
  );
  if (!found) throw new Error(`no function for ${handler}`);
  return found;
};
const environmentOf = (handler: string): Json =>
  ((functionOf(handler)[1].Properties?.Environment as { Variables?: Json }).Variables ??
    {}) as Json;
/** Every statement of every IAM policy attached to the function's role. */
const statementsOf = (handler: string) =>
  roleStatements(synth.template, functionOf(handler)[1].Properties);

/** What the manifest grants customers' personal data to (the personal-data key and blind index). */
const tableAccess = (handler: string): 'read-write' | 'read' | 'none' => {
  const usage = handlerUsages(wiring).get(handler);
  if (!usage) throw new Error(`no usage for ${handler}`);
  if (usage.cognitoTriggers.length > 0) return 'none';
  if (
    usage.routes.some((route) => route.method !== 'GET') ||
    usage.queues.length > 0 ||
    usage.schedules.length > 0 ||
    usage.inboundMail.length > 0 ||
    usage.streamConsumers.some((consumer) => consumer.writesTable)
  ) {
    return 'read-write';
  }
  // The pre-token trigger reads the staff member's /staff record (sealed like the rest).
  return usage.routes.length > 0 || usage.cognitoTriggers.length > 0 ? 'read' : 'none';
};

describe('least privilege of every function', () => {
  it('covers every handler of the manifest', () => {
    expect(usages.length).toBeGreaterThan(60);
    for (const usage of usages) expect(statementsOf(usage.handler).length).toBeGreaterThan(0);
  });

  it('grants no "*" or "<service>:*" action, and no Deny it would need to mend one', () => {
    for (const usage of usages) {
      for (const statement of statementsOf(usage.handler)) {
        expect(statement.Effect, usage.handler).toBe('Allow');
        for (const action of actionsOf(statement)) {
          expect(action, usage.handler).not.toBe('*');
          expect(action, usage.handler).not.toMatch(/^[a-z0-9-]+:\*$/i);
        }
      }
    }
  });

  it('uses action wildcards only for the KMS families CDK grants on the data-at-rest key', () => {
    const [dataKeyId] = single('AWS::KMS::Key', /^DataKey/);
    for (const usage of usages) {
      for (const statement of statementsOf(usage.handler)) {
        const wildcards = actionsOf(statement).filter((action) => action.includes('*'));
        if (wildcards.length === 0) continue;
        expect(
          wildcards.every((w) => ['kms:GenerateDataKey*', 'kms:ReEncrypt*'].includes(w)),
          `${usage.handler}: ${wildcards.join(', ')}`,
        ).toBe(true);
        expect(statement.Resource, usage.handler).toEqual(getAtt(dataKeyId));
      }
    }
  });

  it('gives no function Resource "*" but for actions without resource-level permissions', () => {
    const allowed = ['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'dynamodb:ListStreams'];
    for (const usage of usages) {
      for (const statement of statementsOf(usage.handler)) {
        if (!resourcesOf(statement).includes('*')) continue;
        for (const action of actionsOf(statement)) expect(allowed, usage.handler).toContain(action);
      }
    }
  });

  it('lets the pre-token trigger read the table and write nothing anywhere', () => {
    const trigger = wiring.cognitoTriggers[0]!.handler;
    const actions = statementsOf(trigger).flatMap(actionsOf);
    expect(actions).toContain('dynamodb:GetItem');
    const writes = actions.filter(
      (action) =>
        /Put|Update|Delete|Write|Send|Publish/.test(action) && !/^(logs|xray):/.test(action), // its own logs and traces
    );
    expect(writes).toEqual([]);
  });

  it('lets handlers that only read the table write nothing but access-log records', () => {
    const [tableId] = single('AWS::DynamoDB::Table', /^DataTable/);
    const writes = [
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
      'dynamodb:BatchWriteItem',
    ];
    const readers = usages.filter((usage) => tableAccess(usage.handler) === 'read');
    expect(readers.length).toBeGreaterThan(10);
    for (const usage of readers) {
      const writing = statementsOf(usage.handler).filter((s) =>
        actionsOf(s).some((action) => writes.includes(action)),
      );
      const secured = usage.routes.some((route) => route.scopes.length > 0);
      // Secured routes record whose personal data they read (shared/http/api-handler.ts).
      expect(writing, usage.handler).toEqual(
        secured
          ? [
              {
                Effect: 'Allow',
                Action: 'dynamodb:BatchWriteItem',
                Resource: getAtt(tableId),
                Condition: {
                  'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['ACCESS_LOG#*'] },
                },
              },
            ]
          : [],
      );
    }
    // The partitions the access log writes (shared/adapters/dynamodb/access-log.ts).
    expect(keys.accessRecord('c-1', '2026-01-01T00:00:00Z', 'r-1', 'read').pk).toBe(
      'ACCESS_LOG#c-1',
    );
  });

  describe('SQS', () => {
    const queueNames = () =>
      new Map(
        ofType('AWS::SQS::Queue').map(([id, queue]) => [
          id,
          String(queue.Properties?.QueueName)
            .replace(`kefu-${STAGE}-`, '')
            .replace(/\.fifo$/, ''),
        ]),
      );
    /** Queue name → SQS actions the handler's role has on it. */
    const sqsPermissionsOf = (handler: string): Map<string, Set<string>> => {
      const names = queueNames();
      const permissions = new Map<string, Set<string>>();
      for (const statement of statementsOf(handler)) {
        const actions = actionsOf(statement).filter((action) => action.startsWith('sqs:'));
        if (actions.length === 0) continue;
        for (const resource of resourcesOf(statement)) {
          const id = (resource as { 'Fn::GetAtt'?: [string, string] })['Fn::GetAtt']?.[0];
          const name = id ? names.get(id) : undefined;
          // Every SQS grant names one queue of this stack: no "*", no ARN pattern.
          expect(name, `${handler}: ${JSON.stringify(resource)}`).toBeDefined();
          const set = permissions.get(name ?? '') ?? new Set<string>();
          for (const action of actions) set.add(action);
          permissions.set(name ?? '', set);
        }
      }
      return permissions;
    };

    const CONSUME = [
      'sqs:ReceiveMessage',
      'sqs:DeleteMessage',
      'sqs:ChangeMessageVisibility',
      'sqs:GetQueueAttributes',
      'sqs:GetQueueUrl',
    ];
    /** What Lambda needs to put a failure into a dead-letter or on-failure queue. */
    const FILL_DLQ = ['sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'];

    it.each(usages.map((usage) => [usage.handler, usage]))(
      '%s receives from the queues it consumes and sends to its sendsTo queues and own DLQs only',
      (handler, usage) => {
        const consumes = new Set(usage.queues.map((queue) => queue.name));
        const sendsTo = new Set([
          ...usage.queues.flatMap((queue) => queue.consumer.sendsTo ?? []),
          ...usage.schedules.flatMap((schedule) => schedule.sendsTo ?? []),
        ]);
        // Lambda's asynchronous DLQ (schedules, inbound mail) and stream on-failure queues.
        const ownDeadLetters = new Set([
          ...(usage.schedules.length > 0 || usage.inboundMail.length > 0
            ? [`${functionName(handler)}-async-dlq`]
            : []),
          ...usage.streamConsumers.map((consumer) => `${consumer.name}-dlq`),
          // A consumer that gives up on a message moves it to its queue's DLQ itself.
          ...usage.queues
            .filter((queue) => queue.consumer.deadLettersItself)
            .map((queue) => `${queue.name}-dlq`),
        ]);
        const permissions = sqsPermissionsOf(handler);
        expect([...permissions.keys()].sort(), 'queues with any SQS permission').toEqual(
          [...new Set([...consumes, ...sendsTo, ...ownDeadLetters])].sort(),
        );
        for (const [queue, actions] of permissions) {
          const allowed = new Set([
            ...(consumes.has(queue) ? CONSUME : []),
            ...(sendsTo.has(queue) ? ['sqs:SendMessage'] : []),
            ...(ownDeadLetters.has(queue) ? FILL_DLQ : []),
          ]);
          for (const action of actions) expect(allowed, `${queue}: ${action}`).toContain(action);
          if (consumes.has(queue)) {
            expect([...actions], queue).toEqual(
              expect.arrayContaining(['sqs:ReceiveMessage', 'sqs:DeleteMessage']),
            );
          } else {
            expect(actions.has('sqs:ReceiveMessage'), queue).toBe(false);
            expect(actions.has('sqs:DeleteMessage'), queue).toBe(false);
          }
          if (sendsTo.has(queue) || ownDeadLetters.has(queue)) {
            expect(actions.has('sqs:SendMessage'), queue).toBe(true);
          } else {
            expect(actions.has('sqs:SendMessage'), queue).toBe(false);
          }
        }
      },
    );

    it('leaves every DLQ of a manifest queue to operators (no function reads it; only a consumer that dead-letters itself writes its own)', () => {
      for (const usage of usages) {
        const permissions = sqsPermissionsOf(usage.handler);
        for (const queue of wiring.queues) {
          const dlq = `${queue.name}-dlq`;
          const own = queue.consumer.deadLettersItself && queue.consumer.handler === usage.handler;
          if (own)
            expect([...(permissions.get(dlq) ?? [])], usage.handler).toEqual(['sqs:SendMessage']);
          else expect([...permissions.keys()], usage.handler).not.toContain(dlq);
        }
      }
    });
  });
});

describe('personal-data key', () => {
  const key = () => single('AWS::KMS::Key', /^DataPersonalDataKey/);

  it('is a customer-managed, rotating symmetric key with a stage alias', () => {
    const [keyId, resource] = key();
    expect(resource.Properties?.EnableKeyRotation).toBe(true);
    expect(resource.Properties?.KeySpec ?? 'SYMMETRIC_DEFAULT').toBe('SYMMETRIC_DEFAULT');
    expect(resource.Properties?.KeyUsage ?? 'ENCRYPT_DECRYPT').toBe('ENCRYPT_DECRYPT');
    expect(resource.DeletionPolicy).toBe('Delete');
    const [, alias] = single('AWS::KMS::Alias', /^DataPersonalDataKeyAlias/);
    expect(alias.Properties).toEqual({
      AliasName: 'alias/kefu-dev-personal-data',
      TargetKeyId: getAtt(keyId),
    });
  });

  it('lets only the account administer it: functions use it through their IAM policies', () => {
    const statements = (key()[1].Properties?.KeyPolicy as { Statement: Statement[] }).Statement;
    expect(statements).toEqual([
      expect.objectContaining({
        Action: 'kms:*',
        Principal: {
          AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::123456789012:root']] },
        },
      }),
    ]);
  });

  it('is named in PERSONAL_DATA_KEY_REF of exactly the functions with table access', () => {
    const [keyId] = key();
    for (const usage of usages) {
      const variable = environmentOf(usage.handler).PERSONAL_DATA_KEY_REF;
      if (tableAccess(usage.handler) === 'none') expect(variable, usage.handler).toBeUndefined();
      else expect(variable, usage.handler).toEqual(getAtt(keyId));
    }
    // The stream publisher only forwards outbox items (ids, no personal data) to the bus; the
    // pre-token trigger reads /staff records only, which hold no sealed customer data.
    expect(usages.filter((usage) => tableAccess(usage.handler) === 'none')).toHaveLength(2);
  });

  it('allows kms:Encrypt, kms:Decrypt and kms:GenerateDataKey to writers, kms:Decrypt to readers, on this key only', () => {
    const [keyId] = key();
    const keyArn = JSON.stringify(getAtt(keyId));
    for (const usage of usages) {
      const onKey = statementsOf(usage.handler).filter((s) =>
        JSON.stringify(s.Resource).includes(keyArn),
      );
      const access = tableAccess(usage.handler);
      if (access === 'none') {
        expect(onKey, usage.handler).toEqual([]);
        continue;
      }
      expect(onKey, usage.handler).toEqual([
        {
          Effect: 'Allow',
          Action:
            access === 'read-write'
              ? ['kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey']
              : 'kms:Decrypt',
          Resource: getAtt(keyId),
        },
      ]);
    }
  });

  it('gives no function any KMS action on a key other than the data and personal-data keys', () => {
    const [personalId] = key();
    const [dataId] = single('AWS::KMS::Key', /^DataKey/);
    const keys = [JSON.stringify(getAtt(personalId)), JSON.stringify(getAtt(dataId))];
    for (const usage of usages) {
      for (const statement of statementsOf(usage.handler)) {
        if (!actionsOf(statement).some((action) => action.startsWith('kms:'))) continue;
        expect(keys, usage.handler).toContain(JSON.stringify(statement.Resource));
        expect(actionsOf(statement).every((action) => action.startsWith('kms:'))).toBe(true);
      }
    }
  });
});

describe('blind-index secret', () => {
  const secret = () => single('AWS::SecretsManager::Secret', /^DataBlindIndexSecret/);

  it('is 64 generated characters, encrypted with the data key', () => {
    const [, resource] = secret();
    const [dataKeyId] = single('AWS::KMS::Key', /^DataKey/);
    expect(resource.Properties).toMatchObject({
      KmsKeyId: getAtt(dataKeyId),
      GenerateSecretString: { PasswordLength: 64, ExcludePunctuation: true },
    });
  });

  it('is named in BLIND_INDEX_KEY_REF and readable by exactly the functions with table access', () => {
    const [secretId] = secret();
    for (const usage of usages) {
      const reads = statementsOf(usage.handler).filter(
        (s) => JSON.stringify(s.Resource) === JSON.stringify({ Ref: secretId }),
      );
      if (tableAccess(usage.handler) === 'none') {
        expect(environmentOf(usage.handler).BLIND_INDEX_KEY_REF, usage.handler).toBeUndefined();
        expect(reads, usage.handler).toEqual([]);
      } else {
        expect(environmentOf(usage.handler).BLIND_INDEX_KEY_REF, usage.handler).toEqual({
          Ref: secretId,
        });
        expect(reads.flatMap(actionsOf).sort(), usage.handler).toEqual([
          'secretsmanager:DescribeSecret',
          'secretsmanager:GetSecretValue',
        ]);
      }
    }
  });
});

describe('tables', () => {
  it('keep point-in-time recovery for the short window of the stage, with TTL on', () => {
    const tables = ofType('AWS::DynamoDB::Table');
    expect(tables).toHaveLength(2);
    for (const [, table] of tables) {
      expect(table.Properties?.PointInTimeRecoverySpecification).toEqual({
        PointInTimeRecoveryEnabled: true,
        RecoveryPeriodInDays: settings.pointInTimeRecoveryDays,
      });
    }
    expect(settings.pointInTimeRecoveryDays).toBe(1);
    // The attribute the local runtime enables TTL on (infra/local/dynamodb-local.ts).
    const [, main] = single('AWS::DynamoDB::Table', /^DataTable/);
    expect(main.Properties?.TimeToLiveSpecification).toEqual({
      AttributeName: TABLE_DESIGN.ttlAttribute,
      Enabled: true,
    });
  });
});

describe('API throttling', () => {
  const stage = () => single('AWS::ApiGatewayV2::Stage', /^ApiDefaultStage/);
  const routeSettings = () =>
    stage()[1].Properties?.RouteSettings as Record<
      string,
      { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }
    >;

  it('keeps the stage-wide default', () => {
    expect(stage()[1].Properties?.DefaultRouteSettings).toEqual({
      ThrottlingRateLimit: settings.throttle.rateLimit,
      ThrottlingBurstLimit: settings.throttle.burstLimit,
    });
  });

  it('throttles every route, the public survey routes tighter than any authenticated route', () => {
    const all = routeSettings();
    expect(Object.keys(all).sort()).toEqual(wiring.routes.map(routeKey).sort());
    const surveyPages = wiring.routes.filter((route) => route.path.startsWith('/s/{token}'));
    const authenticated = wiring.routes.filter((route) => route.scopes.length > 0);
    expect(surveyPages.length).toBeGreaterThanOrEqual(4);
    for (const page of surveyPages) {
      expect(page.scopes, routeKey(page)).toEqual([]);
      const limits = all[routeKey(page)];
      expect(limits).toEqual({
        ThrottlingRateLimit: settings.routeThrottle.public.rateLimit,
        ThrottlingBurstLimit: settings.routeThrottle.public.burstLimit,
      });
      for (const route of authenticated) {
        const other = all[routeKey(route)];
        expect(limits?.ThrottlingRateLimit).toBeLessThan(other?.ThrottlingRateLimit ?? 0);
        expect(limits?.ThrottlingBurstLimit).toBeLessThan(other?.ThrottlingBurstLimit ?? 0);
      }
    }
    for (const route of authenticated) {
      expect(all[routeKey(route)], routeKey(route)).toEqual({
        ThrottlingRateLimit: settings.routeThrottle.authenticated.rateLimit,
        ThrottlingBurstLimit: settings.routeThrottle.authenticated.burstLimit,
      });
    }
  });

  it('deploys the stage after the routes (API Gateway rejects settings of unknown routes)', () => {
    const main = synth.stackTemplates.get(`kefu-${STAGE}`)?.toJSON() as {
      Resources: Record<string, Resource>;
    };
    const [stageId, stageResource] = Object.entries(main.Resources).find(
      ([, r]) => r.Type === 'AWS::ApiGatewayV2::Stage',
    ) ?? ['', undefined];
    expect(stageId).toMatch(/^ApiDefaultStage/);
    const routesStack = Object.keys(main.Resources).find((id) =>
      id.startsWith('ApiRoutesNestedStack'),
    );
    expect(routesStack).toBeDefined();
    expect([stageResource?.DependsOn].flat()).toContain(routesStack);
  });
});

describe('operations', () => {
  it('encrypts every log group with the rotating operations key', () => {
    const [keyId, key] = single('AWS::KMS::Key', /^OperationsKey/);
    expect(key.Properties?.EnableKeyRotation).toBe(true);
    const groups = ofType('AWS::Logs::LogGroup');
    expect(groups.length).toBe(usages.length + 1);
    for (const [id, group] of groups) {
      expect(group.Properties?.KmsKeyId, id).toEqual(getAtt(keyId));
    }
  });

  it('makes every alarm notify the alarm topic, which only Kefu alarms of this account may publish to', () => {
    const [topicId, topic] = single('AWS::SNS::Topic', /^OperationsAlarmTopic/);
    expect(topic.Properties?.TopicName).toBe('kefu-dev-alarms');
    const alarms = ofType('AWS::CloudWatch::Alarm');
    expect(alarms.length).toBeGreaterThan(30);
    for (const [id, alarm] of alarms) {
      expect(alarm.Properties?.AlarmActions, id).toEqual([{ Ref: topicId }]);
      expect(String(alarm.Properties?.AlarmName), id).toMatch(/^kefu-dev-/);
    }
    const [, policy] = ofType('AWS::SNS::TopicPolicy').find(
      ([, p]) => JSON.stringify(p.Properties?.Topics) === JSON.stringify([{ Ref: topicId }]),
    ) ?? ['', undefined];
    expect(
      (policy?.Properties?.PolicyDocument as { Statement: Statement[] }).Statement,
    ).toContainEqual(
      expect.objectContaining({
        Effect: 'Allow',
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Action: 'sns:Publish',
        Condition: {
          ArnLike: {
            'aws:SourceArn': {
              'Fn::Join': [
                '',
                [
                  'arn:',
                  { Ref: 'AWS::Partition' },
                  ':cloudwatch:us-east-1:123456789012:alarm:kefu-dev-*',
                ],
              ],
            },
          },
          StringEquals: { 'aws:SourceAccount': '123456789012' },
        },
      }),
    );
  });
});
