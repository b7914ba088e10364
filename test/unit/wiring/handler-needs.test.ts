import { describe, expect, it } from 'vitest';
import {
  handlerEnvironment,
  handlerNeeds,
  type HandlerResources,
} from '../../../infra/handler-environment';
import { handlerUsages } from '../../../infra/stack/manifest';
import { ENVIRONMENT } from '../../../shared/adapters/environment';
import { dlqName, queueUrlVariable, wiring } from '../../../wiring/manifest';

const usages = handlerUsages(wiring);
const usageOf = (handler: string) => {
  const usage = usages.get(handler);
  if (!usage) throw new Error(`${handler} is not in the manifest`);
  return usage;
};
const needsOf = (handler: string) => handlerNeeds(usageOf(handler));

const resources: HandlerResources = {
  tableName: 'table',
  idempotencyTableName: 'idempotency',
  eventBusName: 'bus',
  keys: { signing: 'file:///s', personalData: 'file:///p', blindIndex: 'file:///b' },
  stage: 'test',
  mail: {
    from: 'a@example.com',
    complaintsReplyTo: 'c@example.com',
    surveyRepliesDomain: 'r.example.com',
  },
  sesConfigurationSet: 'kefu-test',
  publicBaseUrl: 'https://kefu.example.com',
  inboundMailBucket: 'inbound',
  integratorClientIds: ['client-a', 'client-b'],
  staffIdentity: 'cognito:eu-west-1_pool',
  queueUrl: (queue) => `https://sqs.example.com/${queue}`,
};

describe('handlerNeeds: what a handler may use, from what the manifest says it does', () => {
  it('gives a reading API handler read access and the access log (whose writes need the table key to encrypt), nothing else to write', () => {
    expect(needsOf('functions/customers/get-customer.ts')).toEqual({
      table: 'read',
      accessLog: true,
      idempotencyRecords: false,
      dataKey: 'encrypt-decrypt',
      signingKey: true,
      personalData: 'read',
      sendsEmail: false,
      queueSends: [],
      publishesEvents: false,
      readsInboundMail: false,
      staffIdentity: false,
      callerTokens: true,
    });
  });

  it('gives the staff account operations, and only them, the staff identity and its variable', () => {
    const managing = [...usages.values()].filter((usage) => handlerNeeds(usage).staffIdentity);
    expect(managing.map((usage) => usage.handler).sort()).toEqual([
      'functions/organization/delete-staff-member.ts',
      'functions/organization/put-staff-member.ts',
    ]);
    for (const usage of usages.values()) {
      const environment = handlerEnvironment(usage, resources);
      expect(environment[ENVIRONMENT.staffIdentity], usage.handler).toBe(
        managing.includes(usage) ? 'cognito:eu-west-1_pool' : undefined,
      );
    }
  });

  it('lets the pre-token trigger read the table (the /staff record) and write nothing', () => {
    const trigger = wiring.cognitoTriggers[0]!;
    expect(needsOf(trigger.handler)).toMatchObject({
      table: 'read',
      // The table is encrypted with Kefu's key: reading an item needs kms:Decrypt.
      dataKey: 'decrypt',
      idempotencyRecords: false,
      sendsEmail: false,
      queueSends: [],
      publishesEvents: false,
      staffIdentity: false,
      callerTokens: false,
    });
  });

  it('gives a writing API handler read-write access and idempotency records, no access-log grant of its own', () => {
    expect(needsOf('functions/customers/create-customer.ts')).toMatchObject({
      table: 'read-write',
      accessLog: false,
      idempotencyRecords: true,
      dataKey: 'encrypt-decrypt',
    });
  });

  it('keeps public pages (no scopes) out of the access log', () => {
    const page = wiring.routes.find(
      (route) =>
        route.scopes.length === 0 && route.method === 'GET' && route.path.startsWith('/s/'),
    );
    expect(page).toBeDefined();
    const onlyGets = [...usages.values()].find(
      (usage) =>
        usage.handler === page?.handler && usage.routes.every((route) => route.method === 'GET'),
    );
    if (onlyGets) expect(handlerNeeds(onlyGets).accessLog).toBe(false);
  });

  it('lets a consumer send only to the queues the manifest names, plus its own DLQ when it parks messages itself', () => {
    const deliveries = wiring.queues.find((queue) => queue.consumer.deadLettersItself);
    expect(deliveries).toBeDefined();
    expect(needsOf(deliveries!.consumer.handler).queueSends).toEqual([
      dlqName(deliveries!.name, deliveries!.fifo),
    ]);
    for (const queue of wiring.queues.filter((each) => each.consumer.sendsTo)) {
      expect(needsOf(queue.consumer.handler).queueSends).toEqual(
        expect.arrayContaining(queue.consumer.sendsTo!),
      );
    }
  });

  it('grants SES, event publishing and the inbound bucket exactly where the manifest says so', () => {
    for (const usage of usages.values()) {
      const needs = handlerNeeds(usage);
      const says = {
        sendsEmail:
          usage.queues.some((queue) => queue.consumer.sendsEmail === true) ||
          usage.schedules.some((schedule) => schedule.sendsEmail === true),
        publishesEvents: usage.streamConsumers.some(
          (consumer) => consumer.publishesEvents === true,
        ),
        readsInboundMail: usage.inboundMail.length > 0,
      };
      expect(
        {
          sendsEmail: needs.sendsEmail,
          publishesEvents: needs.publishesEvents,
          readsInboundMail: needs.readsInboundMail,
        },
        usage.handler,
      ).toEqual(says);
    }
    expect(needsOf('functions/events/publish-domain-events.ts')).toMatchObject({
      publishesEvents: true,
      // It reads the stream (granted with its event source), never the table.
      table: 'none',
    });
    expect(needsOf('functions/reports/aggregate-service-quality.ts').table).toBe('read-write');
    expect(needsOf('functions/complaints/receive-complaint-mail.ts').readsInboundMail).toBe(true);
  });
});

describe('handlerEnvironment: the variables follow the needs, one for one', () => {
  it('sets a queue URL variable for each queue the handler may send to, and no other', () => {
    for (const usage of usages.values()) {
      const environment = handlerEnvironment(usage, resources);
      const queueVariables = Object.keys(environment)
        .filter((name) => name.startsWith('QUEUE_URL_'))
        .sort();
      expect(queueVariables, usage.handler).toEqual(
        handlerNeeds(usage).queueSends.map(queueUrlVariable).sort(),
      );
    }
  });

  it('hands personal-data keys, the SES configuration set and the inbound bucket only to handlers that need them', () => {
    for (const usage of usages.values()) {
      const needs = handlerNeeds(usage);
      const environment = handlerEnvironment(usage, resources);
      expect(ENVIRONMENT.personalData in environment, usage.handler).toBe(
        needs.personalData !== 'none',
      );
      expect(ENVIRONMENT.blindIndex in environment, usage.handler).toBe(
        needs.personalData !== 'none',
      );
      expect(ENVIRONMENT.sesConfigurationSet in environment, usage.handler).toBe(needs.sendsEmail);
      expect(ENVIRONMENT.inboundMailBucket in environment, usage.handler).toBe(
        needs.readsInboundMail,
      );
      // API handlers only: the pre-token trigger must not refer to the app clients (a cycle).
      expect(environment[ENVIRONMENT.integratorClients], usage.handler).toBe(
        usage.routes.length > 0 ? 'client-a,client-b' : undefined,
      );
      expect(needs.callerTokens, usage.handler).toBe(usage.routes.length > 0);
    }
  });
});
