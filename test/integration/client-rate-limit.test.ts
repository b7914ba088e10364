import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { ulid } from 'ulid';
import { beforeAll, describe, expect, it } from 'vitest';
import { invokeHandlersInThisProcess } from '../support/sqs-records';

type Handler = (event: APIGatewayProxyEventV2WithJWTAuthorizer) => Promise<{
  statusCode?: number;
  headers?: Record<string, string | number | boolean>;
  body?: string;
}>;
let listCustomers: Handler;

const LIMIT = 3;

/** A fresh integrator app client, known to the handlers as one (role-less tokens need that). */
const integratorClient = () => {
  const clientId = `integrator-${ulid()}`;
  const known = process.env.KEFU_INTEGRATOR_CLIENT_IDS;
  process.env.KEFU_INTEGRATOR_CLIENT_IDS = known ? `${known},${clientId}` : clientId;
  return clientId;
};

const request = (clientId: string, role?: string): APIGatewayProxyEventV2WithJWTAuthorizer =>
  ({
    version: '2.0',
    routeKey: 'GET /customers',
    rawPath: '/customers',
    rawQueryString: '',
    headers: {},
    requestContext: {
      http: { method: 'GET', path: '/customers', sourceIp: '192.0.2.9' },
      requestId: ulid(),
      authorizer: {
        jwt: {
          claims: {
            sub: clientId,
            client_id: clientId,
            scope: 'kefu/customers:read',
            ...(role
              ? { role, staff_id: `staff-of-${clientId}`, department: 'customer-service' }
              : {}),
          },
          scopes: ['kefu/customers:read'],
        },
      },
    },
    isBase64Encoded: false,
  }) as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;

/** Starts at the top of a fresh minute when the current one is nearly over: windows are fixed. */
const withRoomInTheMinute = async () => {
  const intoMinute = Date.now() % 60_000;
  if (intoMinute > 50_000) await new Promise((resolve) => setTimeout(resolve, 60_500 - intoMinute));
};

beforeAll(async () => {
  invokeHandlersInThisProcess();
  process.env.INTEGRATOR_REQUESTS_PER_MINUTE = String(LIMIT);
  const module = await import('../../functions/customers/list-customers');
  listCustomers = (event) => module.handler(event, {} as never) as ReturnType<Handler>;
});

describe('per-client rate limit', () => {
  it(
    'answers 429 with Retry-After once an integrator client is over its minute',
    { timeout: 30_000 },
    async () => {
      await withRoomInTheMinute();
      const client = integratorClient();
      for (let call = 0; call < LIMIT; call++) {
        expect((await listCustomers(request(client))).statusCode).toBe(200);
      }
      const refused = await listCustomers(request(client));
      expect(refused.statusCode).toBe(429);
      expect(Number(refused.headers?.['Retry-After'])).toBeGreaterThan(0);
      expect(Number(refused.headers?.['Retry-After'])).toBeLessThanOrEqual(60);
      expect(JSON.parse(refused.body ?? '{}')).toMatchObject({
        type: '/problems/too-many-requests',
        status: 429,
        limit: LIMIT,
      });

      expect((await listCustomers(request(integratorClient()))).statusCode).toBe(200);
      // Staff tokens carry a role; they are not integrator clients.
      expect((await listCustomers(request(client, 'staff'))).statusCode).toBe(200);
    },
  );
});
