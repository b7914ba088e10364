import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import { mintLocalToken, type TokenRequest } from '../../infra/local/local-auth';
import { localKeyFiles } from '../../infra/local/local-keys';
import { blindIndex } from '../../shared/adapters/privacy/blind-index';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../infra/local/local-env';
import { oauthScope, type Scope } from '../../wiring/manifest';

export const stack = inject('stack');

export const tokenFor = (scopes: Scope[], extra: Omit<TokenRequest, 'scopes'> = {}) =>
  mintLocalToken(stack.dataDir, { scopes, ...extra });

export const readWrite = () => tokenFor(['customers:read', 'customers:write']);

export interface ApiResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface ApiRequest {
  method?: string;
  token?: string | undefined;
  /** An object is sent as JSON; a string is sent as-is. */
  body?: unknown;
  headers?: Record<string, string>;
}

/** Calls the local HTTP API over a real connection. */
export const api = async <T = Record<string, unknown>>(
  path: string,
  request: ApiRequest = {},
): Promise<ApiResponse<T>> => {
  const headers: Record<string, string> = { ...request.headers };
  if (request.token) headers.authorization = `Bearer ${request.token}`;
  let body: string | undefined;
  if (request.body !== undefined) {
    body = typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(`${stack.urls.api}${path}`, {
    method: request.method ?? (body === undefined ? 'GET' : 'POST'),
    headers,
    ...(body === undefined ? {} : { body }),
  });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: response.status, headers: response.headers, body: parsed as T, text };
};

export const documents = DynamoDBDocumentClient.from(
  new DynamoDBClient({
    endpoint: stack.urls.dynamodb,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
  }),
);

/** The partition key of a contact guard: the blind index of the value, as the adapters key it. */
export const contactGuardPk = async (kind: 'email' | 'phone', value: string) => {
  Object.assign(process.env, localKeyFiles(stack.dataDir));
  return `${kind.toUpperCase()}#${await blindIndex(kind, value)}`;
};

/** Every item stored under a partition key, straight from DynamoDB Local. */
export const itemsUnder = async (pk: string) => {
  const { Items = [] } = await documents.send(
    new QueryCommand({
      TableName: stack.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': pk },
      ConsistentRead: true,
    }),
  );
  return Items;
};

let lastStamp = 0;
/**
 * Contact data no other test uses, so tests stay independent on one shared table. Each test file
 * loads this module afresh, so a per-module counter would repeat across files: the phone number
 * carries a millisecond stamp that never repeats within a file and has moved on by the next one
 * (28 hours before the eight digits wrap).
 */
export const uniqueContact = () => {
  lastStamp = Math.max(lastStamp + 1, Date.now());
  const n = String(lastStamp % 100_000_000).padStart(8, '0');
  return {
    email: `customer.${n}.${Math.random().toString(36).slice(2, 8)}@example.com`,
    phone: `+86139${n}`,
  };
};

export const newCustomer = (overrides: Record<string, unknown> = {}) => ({
  name: '李伟',
  ...uniqueContact(),
  preferredLanguage: 'zh-CN',
  consents: { surveys: { granted: true, source: 'web-form' } },
  tags: ['vip'],
  tier: 'gold',
  ...overrides,
});

/** Problem answers are precise and never leak internals. */
export const expectCleanProblem = (
  response: ApiResponse<unknown>,
  status: number,
  type: string,
) => {
  const problem = response.body as { type?: string; status?: number; title?: string };
  const failures: string[] = [];
  if (response.status !== status)
    failures.push(`status ${response.status} instead of ${status}: ${response.text}`);
  if (!response.headers.get('content-type')?.startsWith('application/problem+json')) {
    failures.push(`content-type ${response.headers.get('content-type')}`);
  }
  if (problem?.type !== `/problems/${type}`)
    failures.push(`type ${problem?.type} instead of /problems/${type}`);
  if (problem?.status !== status) failures.push(`body status ${problem?.status}`);
  if (/\bat .+:\d+:\d+|node_modules|Error:|\.ts\b/.test(response.text))
    failures.push(`leaks internals: ${response.text}`);
  if (failures.length > 0) throw new Error(failures.join('\n'));
};

/**
 * An answer API Gateway gives itself (infra/local/gateway-responses.ts): exactly
 * `{"message": message}` as `application/json`, not a problem, and exactly the given
 * `www-authenticate` challenge (none when not given).
 */
export const expectGatewayAnswer = (
  response: ApiResponse<unknown>,
  status: number,
  message: string,
  wwwAuthenticate?: string,
) => {
  const failures: string[] = [];
  if (response.status !== status)
    failures.push(`status ${response.status} instead of ${status}: ${response.text}`);
  if (response.headers.get('content-type') !== 'application/json')
    failures.push(`content-type ${response.headers.get('content-type')}`);
  if (response.text !== JSON.stringify({ message }))
    failures.push(`body ${response.text} instead of ${JSON.stringify({ message })}`);
  if (response.headers.get('www-authenticate') !== (wwwAuthenticate ?? null))
    failures.push(
      `www-authenticate ${response.headers.get('www-authenticate')} instead of ${wwwAuthenticate}`,
    );
  if (failures.length > 0) throw new Error(failures.join('\n'));
};

/** API Gateway's 401 for a token its JWT authorizer refuses, with the refusal's description. */
export const expectUnauthorized = (response: ApiResponse<unknown>, description: string) =>
  expectGatewayAnswer(
    response,
    401,
    'Unauthorized',
    `Bearer scope="" error="invalid_token" error_description="${description}"`,
  );

/** API Gateway's 403 for a valid token holding none of the route's scopes (named `kefu/...`). */
export const expectForbiddenByAuthorizer = (
  response: ApiResponse<unknown>,
  routeScopes: readonly Scope[],
) =>
  expectGatewayAnswer(
    response,
    403,
    'Forbidden',
    `Bearer scope="${routeScopes.map(oauthScope).join(' ')}" error="insufficient_scope" error_description="the token does not have any of the required scopes"`,
  );

export interface SentEmail {
  messageId: string;
  from: string;
  replyTo: string[];
  destination: { to: string[] };
  subject: string;
  body: { text?: string; html?: string };
  headers?: { name: string; value: string }[];
  at: number;
}

/** Every email the SES emulator has accepted, as its own store reports them. */
export const sentEmails = async (): Promise<SentEmail[]> => {
  const response = await fetch(`${stack.urls.ses}/store`);
  return ((await response.json()) as { emails: SentEmail[] }).emails;
};

export const emailsTo = async (address: string) =>
  (await sentEmails()).filter((email) => email.destination.to.includes(address));

export { eventually } from './polling';

/**
 * Signs a staff member in as the local runtime does it (infra/local/local-issuer.ts): their
 * account must exist (PUT /staff made it) and be enabled, and the pre-token trigger decides the
 * claims from their /staff record.
 */
export const signIn = (staffId: string, scopes?: string[]) =>
  api<{ access_token: string; token_type: string; expires_in: number }>('/_local/sign-in', {
    method: 'POST',
    body: { staffId, ...(scopes ? { scopes } : {}) },
  });
