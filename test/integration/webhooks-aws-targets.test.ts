import { loadStageConfig } from '../../infra/stack/stage-config';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintLocalToken } from '../../infra/local/local-auth';
import { type LocalStack, startLocalStack } from '../../infra/local/local-stack';
import { freeStackPorts } from '../../infra/local/ports';
import { customerCreatedEventId, TestReceiver } from '../support/webhook-receiver';
import { eventually } from '../support/polling';

/**
 * Server-side request forgery, refused under the AWS settings (WEBHOOK_TARGETS=aws): a stack of
 * its own, whose handlers run in this process and read the setting on every call. Targets on this
 * machine, in private ranges or at the metadata service are refused when subscribing, so nothing
 * reaches the receiver on 127.0.0.1; a subscription made under the local rules is refused again
 * at delivery.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'kefu-aws-targets-'));
const previousTargets = process.env.WEBHOOK_TARGETS;
let stack: LocalStack | undefined;
const receiver = new TestReceiver();
let integrator: string;
let admin: string;

interface Response<T> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

interface Problem {
  type?: string;
  status?: number;
  errors?: { pointer?: string; detail?: string }[];
}

interface Webhook {
  id: string;
  url: string;
}

interface Delivery {
  eventId: string;
  status: string;
  attempts: { outcome: string; status?: number; error?: string }[];
}

const call = async <T = unknown>(
  path: string,
  { token, body, method }: { token?: string; body?: unknown; method?: string } = {},
): Promise<Response<T>> => {
  const response = await fetch(`${stack?.urls.api}${path}`, {
    method: method ?? (body === undefined ? 'GET' : 'POST'),
    headers: {
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
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

const subscribe = (url: string) =>
  call<{ webhook: Webhook; secret: string } & Problem>('/webhooks', {
    token: integrator,
    body: { url, eventTypes: ['CustomerCreated'] },
  });

let contactCount = 0;
/** The shape of test/support/harness.ts's newCustomer, with contact data of this file only. */
const newCustomer = () => {
  contactCount += 1;
  const n = String((Date.now() + contactCount) % 100_000_000).padStart(8, '0');
  return {
    name: '李伟',
    email: `aws-targets.${n}.${contactCount}@example.com`,
    phone: `+86139${n}`,
    preferredLanguage: 'zh-CN',
    consents: { surveys: { granted: true, source: 'web-form' } },
    tags: ['vip'],
    tier: 'gold',
  };
};

const createCustomer = async () => {
  const response = await call<{ id: string }>('/customers', {
    token: integrator,
    body: newCustomer(),
  });
  expect(response.status, response.text).toBe(201);
  return response.body.id;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The id of the customer's CustomerCreated event, once the stack's bus has published it. */
const createdEventOf = (customerId: string) =>
  eventually(
    async () =>
      customerCreatedEventId(
        (await call<Parameters<typeof customerCreatedEventId>[0]>('/_local/events')).body,
        customerId,
      ),
    'the CustomerCreated event',
  );

/** A clean RFC 9457 answer: the status and type asked for, and no internals. */
const expectCleanProblem = (response: Response<unknown>, status: number, type: string) => {
  expect(response.status, response.text).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(response.body).toMatchObject({ type: `/problems/${type}`, status });
  expect(response.text).not.toMatch(/\bat .+:\d+:\d+|node_modules|Error:|\.ts\b/);
};

beforeAll(async () => {
  process.env.WEBHOOK_TARGETS = 'aws';
  stack = await startLocalStack({
    callers: loadStageConfig('local-tests'),
    dataDir,
    ports: await freeStackPorts(),
    log: { error: () => undefined },
  });
  await receiver.start();
  integrator = await mintLocalToken(dataDir, {
    scopes: ['webhooks:manage', 'customers:write'],
    subject: 'aws-targets-integrator',
  });
  admin = await mintLocalToken(dataDir, {
    scopes: ['webhooks:manage'],
    subject: 'aws-targets-admin',
    role: 'admin',
  });
});

afterAll(async () => {
  await receiver.stop();
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
  if (previousTargets === undefined) delete process.env.WEBHOOK_TARGETS;
  else process.env.WEBHOOK_TARGETS = previousTargets;
});

describe('webhook targets under the AWS settings', () => {
  it('runs the stack under the AWS rules', () => {
    expect(process.env.WEBHOOK_TARGETS).toBe('aws');
    expect(receiver.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/hooks\/kefu$/);
  });

  const HTTPS_ONLY = /must use https/;
  const LOCAL_NAME = /Local host names are not allowed/;
  const NON_PUBLIC = /non-public address/;
  const CREDENTIALS = /no user name or password/;
  it.each([
    ['the receiver on this machine, over http', () => receiver.url, HTTPS_ONLY],
    ['loopback', () => 'https://127.0.0.1/', NON_PUBLIC],
    ['localhost', () => 'https://localhost/', LOCAL_NAME],
    ['IPv6 loopback', () => 'https://[::1]/', NON_PUBLIC],
    ['a private address (10/8)', () => 'https://10.0.0.1/', NON_PUBLIC],
    ['a private address (192.168/16)', () => 'https://192.168.1.1/', NON_PUBLIC],
    [
      'the instance metadata service',
      () => 'https://169.254.169.254/latest/meta-data/',
      NON_PUBLIC,
    ],
    ['loopback as an IPv4-mapped IPv6 address', () => 'https://[::ffff:127.0.0.1]/', NON_PUBLIC],
    ['carrier-grade NAT', () => 'https://100.64.0.1/', NON_PUBLIC],
    ['the unspecified address', () => 'https://0.0.0.0/', NON_PUBLIC],
    ['a URL with credentials', () => 'https://user:pw@hooks.example.com/', CREDENTIALS],
  ])('refuses %s', async (_, target, reason) => {
    const response = await subscribe(target());
    expectCleanProblem(response, 400, 'validation-failed');
    expect(response.body.errors).toEqual([
      expect.objectContaining({ pointer: '/url', detail: expect.stringMatching(reason) }),
    ]);
    expect(response.headers.get('location')).toBeNull();
    expect(response.text).not.toContain('whsec_');
  });

  it('keeps no subscription of the refused ones', async () => {
    const mine = await call<{ items: Webhook[] }>('/webhooks', { token: integrator });
    expect(mine.status, mine.text).toBe(200);
    expect(mine.body.items).toEqual([]);
    // An admin sees every owner's subscriptions: there are none at all.
    const everyone = await call<{ items: Webhook[] }>('/webhooks', { token: admin });
    expect(everyone.status, everyone.text).toBe(200);
    expect(everyone.body.items).toEqual([]);
  });

  it('sends nothing to the receiver when a customer is created', async () => {
    const customerId = await createCustomer();
    // The event was published, so a subscription, had one been made, would have been served.
    expect(await createdEventOf(customerId)).toMatch(/\S/);
    await sleep(3_000);
    expect(receiver.received).toEqual([]);
  });

  it('accepts a public https URL whose name does not resolve here (deliveries check again)', async () => {
    const response = await subscribe('https://hooks.example.com/kefu');
    expect(response.status, response.text).toBe(201);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.body.secret).toMatch(/^whsec_/);
    expect(response.body.webhook.url).toBe('https://hooks.example.com/kefu');
    expect(response.headers.get('location')).toBe(`/webhooks/${response.body.webhook.id}`);
    const listed = await call<{ items: Webhook[] }>('/webhooks', { token: integrator });
    expect(listed.body.items.map((webhook) => webhook.url)).toEqual([
      'https://hooks.example.com/kefu',
    ]);
  });

  it('refuses at delivery a receiver subscribed under the local rules', async () => {
    // Control: under the local rules the receiver is subscribed, and the stack reaches it.
    process.env.WEBHOOK_TARGETS = 'local';
    let subscribed: Response<{ webhook: Webhook; secret: string } & Problem>;
    let reachedId: string;
    try {
      subscribed = await subscribe(receiver.url);
      expect(subscribed.status, subscribed.text).toBe(201);
      reachedId = await createdEventOf(await createCustomer());
      await eventually(
        async () => (receiver.of(reachedId).length > 0 ? receiver.of(reachedId).length : undefined),
        'the delivery under the local rules',
      );
    } finally {
      process.env.WEBHOOK_TARGETS = 'aws';
    }
    expect(receiver.received).toHaveLength(1);

    // Back under the AWS rules, the next event is refused before any connection is made.
    const refusedId = await createdEventOf(await createCustomer());
    const webhookId = subscribed.body.webhook.id;
    const recorded = await eventually(async () => {
      const page = await call<{ items: Delivery[] }>(`/webhooks/${webhookId}/deliveries`, {
        token: integrator,
      });
      const found = page.body.items.find((item) => item.eventId === refusedId);
      return found?.status === 'failed' ? found : undefined;
    }, 'the refused delivery');
    expect(recorded.attempts).toEqual([
      expect.objectContaining({
        outcome: 'give-up',
        error: expect.stringMatching(/^target refused: scheme-not-allowed/),
      }),
    ]);
    expect(recorded.attempts[0]?.status).toBeUndefined();
    await sleep(1_000);
    expect(receiver.of(refusedId)).toEqual([]);
    expect(receiver.received).toHaveLength(1);
  });
});
