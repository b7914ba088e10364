import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  SQSBatchResponse,
  SQSEvent,
} from 'aws-lambda';
import { ulid } from 'ulid';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { documentClient } from '../../shared/adapters/dynamodb/document-client';
import { sesClient } from '../../shared/adapters/ses-mailer';
import {
  api,
  contactGuardPk,
  documents,
  emailsTo,
  eventually,
  newCustomer,
  stack,
  tokenFor,
} from '../support/harness';
import { injectFaults } from '../support/faults';
import { busMessage } from '../support/surveys';
import { invokeHandlersInThisProcess, sqsRecord } from '../support/sqs-records';

type ApiHandler = (
  event: APIGatewayProxyEventV2WithJWTAuthorizer,
) => Promise<{ statusCode?: number; headers?: Record<string, unknown>; body?: string }>;
type SqsHandler = (event: SQSEvent) => Promise<SQSBatchResponse>;

let createCustomer: ApiHandler;
let sendNotification: SqsHandler;
const stops: (() => void)[] = [];

const createRequest = (body: unknown): APIGatewayProxyEventV2WithJWTAuthorizer =>
  ({
    version: '2.0',
    routeKey: 'POST /customers',
    rawPath: '/customers',
    rawQueryString: '',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    requestContext: {
      http: { method: 'POST', path: '/customers', sourceIp: '192.0.2.77' },
      requestId: ulid(),
      authorizer: {
        jwt: {
          claims: {
            sub: 'fault-test',
            staff_id: 'fault-test',
            scope: 'kefu/customers:write',
            role: 'admin',
          },
          scopes: ['kefu/customers:write'],
        },
      },
    },
    isBase64Encoded: false,
  }) as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;

/** Whatever the failed request left under the address's guard and in the customer list. */
const storedFor = async (email: string) => {
  const { Items = [] } = await documents.send(
    new QueryCommand({
      TableName: stack.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': await contactGuardPk('email', email) },
      ConsistentRead: true,
    }),
  );
  return Items;
};

beforeAll(async () => {
  invokeHandlersInThisProcess();
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_SESV2: stack.urls.ses,
    MAIL_FROM: 'Kefu <service@kefu.local>',
    COMPLAINTS_REPLY_TO: 'complaints@kefu.local',
  });
  const customers = await import('../../functions/customers/create-customer');
  createCustomer = (event) => customers.handler(event, {} as never) as ReturnType<ApiHandler>;
  const notifications = await import('../../functions/notifications/send-notification');
  sendNotification = (event) =>
    notifications.handler(event, {} as never) as Promise<SQSBatchResponse>;
});

afterEach(() => {
  for (const stop of stops.splice(0)) stop();
});

describe('DynamoDB throttling and transient errors (injected below the SDK retries)', () => {
  it('retries a throttled write with backoff, and the request completes once', async () => {
    const body = newCustomer();
    const faults = injectFaults(documentClient(), 'throttling', 2);
    stops.push(faults.stop);

    const response = await createCustomer(createRequest(body));

    expect(response.statusCode).toBe(201);
    expect(faults.injected).toBe(2);
    expect(await storedFor(String(body.email))).toHaveLength(1);
  });

  it('answers 503 with Retry-After when DynamoDB stays unavailable, and writes nothing', async () => {
    const body = newCustomer();
    const faults = injectFaults(documentClient(), 'unavailable', Infinity);
    stops.push(faults.stop);

    const response = await createCustomer(createRequest(body));
    faults.stop();

    expect(response.statusCode).toBe(503);
    expect(response.headers?.['Retry-After']).toBeDefined();
    expect(JSON.parse(response.body ?? '{}')).toMatchObject({
      type: '/problems/temporarily-unavailable',
    });
    expect(faults.injected).toBeGreaterThan(1);
    expect(await storedFor(String(body.email))).toEqual([]);
    // Nothing half-written: the same customer can be created now, once.
    expect((await createCustomer(createRequest(body))).statusCode).toBe(201);
  });
});

describe('SES throttling and outage', () => {
  let complaint: { id: string; customerId: string; department?: string };
  let address: string;

  beforeAll(async () => {
    const customer = newCustomer();
    address = String(customer.email);
    const { body } = await api<{ id: string; customerId: string }>('/complaints', {
      token: await tokenFor(['complaints:write', 'customers:write'], { role: 'admin' }),
      body: { customer, channel: 'web', subject: '发票', description: '发票开错了' },
    });
    complaint = await eventually(async () => {
      const detail = await api<{ id: string; customerId: string; department?: string }>(
        `/complaints/${body.id}`,
        { token: await tokenFor(['complaints:read'], { role: 'admin' }) },
      );
      return detail.body.department ? detail.body : undefined;
    }, 'the complaint to be routed');
    // The stack's own acknowledgement (its own event) is out of the way before counting.
    await eventually(
      async () => ((await emailsTo(address)).length > 0 ? true : undefined),
      'the first acknowledgement',
    );
  });

  const routedRecord = (eventId: string) =>
    sqsRecord(
      eventId,
      JSON.stringify(
        busMessage(
          'ComplaintRouted',
          'kefu.complaints',
          {
            complaintId: complaint.id,
            customerId: complaint.customerId,
            department: complaint.department,
            category: 'billing',
            priority: 'normal',
            ruleId: 'fault-test',
          },
          eventId,
        ),
      ),
    );

  it('retries a throttled send and sends once', async () => {
    const before = (await emailsTo(address)).length;
    const faults = injectFaults(sesClient(), 'throttling', 2);
    stops.push(faults.stop);
    const record = routedRecord(ulid());

    const result = await sendNotification({ Records: [record] });

    expect(result.batchItemFailures).toEqual([]);
    expect(faults.injected).toBe(2);
    expect((await emailsTo(address)).length).toBe(before + 1);
  });

  it('keeps the email for a later delivery while SES is down, then sends it exactly once', async () => {
    const before = (await emailsTo(address)).length;
    const record = routedRecord(ulid());
    const outage = injectFaults(sesClient(), 'unavailable', Infinity);
    stops.push(outage.stop);

    const failed = await sendNotification({ Records: [record] });
    outage.stop();

    expect(failed.batchItemFailures).toEqual([{ itemIdentifier: record.messageId }]);
    expect((await emailsTo(address)).length).toBe(before);

    const redelivered = await sendNotification({ Records: [record] });
    const duplicate = await sendNotification({ Records: [record] });

    expect(redelivered.batchItemFailures).toEqual([]);
    expect(duplicate.batchItemFailures).toEqual([]);
    expect((await emailsTo(address)).length).toBe(before + 1);
  }, 60_000);
});
