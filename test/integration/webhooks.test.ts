import { ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../infra/local/local-env';
import { redrive } from '../../infra/local/redrive';
import { dlqName, WEBHOOK_DELIVERIES_QUEUE } from '../../wiring/manifest';
import { verifyWebhook } from '../../shared/adapters/webhooks/signature';
import {
  api,
  eventually,
  expectCleanProblem,
  newCustomer,
  stack,
  tokenFor,
} from '../support/harness';
import { customerCreatedEventId, TestReceiver } from '../support/webhook-receiver';

interface Webhook {
  id: string;
  status: string;
  version: number;
  secrets: { id: string; createdAt: string; expiresAt?: string }[];
  includeContactFields: boolean;
}
interface Delivery {
  eventId: string;
  type: string;
  status: string;
  series: number;
  attempts: {
    series: number;
    number: number;
    status?: number;
    outcome: string;
    durationMs: number;
  }[];
}

const run = Date.now().toString(36);
const subject = `integrator-${run}`;
let token: string;
const receivers: TestReceiver[] = [];
const created: string[] = [];
const sqs = new SQSClient({
  endpoint: stack.urls.sqs,
  region: LOCAL_REGION,
  credentials: LOCAL_CREDENTIALS,
});

const receiver = async (answer?: ConstructorParameters<typeof TestReceiver>[0]) => {
  const started = await new TestReceiver(answer).start();
  receivers.push(started);
  return started;
};

const subscribe = async (body: Record<string, unknown>, as = token) => {
  const response = await api<{ webhook: Webhook; secret: string }>('/webhooks', {
    token: as,
    body: { eventTypes: ['CustomerCreated'], ...body },
  });
  expect(response.status, response.text).toBe(201);
  created.push(response.body.webhook.id);
  return response.body;
};

const createCustomer = async () => {
  const response = await api<{ id: string; email: string }>('/customers', {
    token,
    body: newCustomer(),
  });
  expect(response.status, response.text).toBe(201);
  return response.body;
};

/** The id of the customer's CustomerCreated event, as published on the bus. */
const createdEventOf = (customerId: string) =>
  eventually(
    async () =>
      customerCreatedEventId(
        (await api<Parameters<typeof customerCreatedEventId>[0]>('/_local/events')).body,
        customerId,
      ),
    'the CustomerCreated event',
  );

const delivery = async (webhookId: string, eventId: string) => {
  const page = await api<{ items: Delivery[] }>(`/webhooks/${webhookId}/deliveries?limit=100`, {
    token,
  });
  return page.body.items.find((item) => item.eventId === eventId);
};

const advanceClock = async (hours: number) => {
  const response = await api('/_local/clock/advance', { body: { hours } });
  expect(response.status, response.text).toBe(200);
};

/**
 * Moves the clock `stepHours` at a time (which brings postponed retries forward) until `check`
 * holds: a retry that is still being recorded when the clock moves is caught on the next step.
 */
const advanceUntil = async <T>(
  check: () => Promise<T | undefined>,
  what: string,
  stepHours: number,
  maxSteps = 12,
): Promise<T> => {
  for (let step = 0; step < maxSteps; step++) {
    await advanceClock(stepHours);
    const found = await eventually(check, what, 2_500).catch(() => undefined);
    if (found !== undefined) return found;
  }
  throw new Error(`${what}: not after ${maxSteps} steps of ${stepHours} h`);
};

const verifies = (request: { headers: Record<string, unknown>; body: string }, secret: string) =>
  verifyWebhook({
    headers: request.headers as Record<string, string>,
    body: request.body,
    secrets: [secret],
    now: new Date(),
  });

beforeAll(async () => {
  token = await tokenFor(['webhooks:manage', 'customers:write', 'customers:read'], { subject });
});

afterAll(async () => {
  // Later test files create customers too; nothing of this file should keep receiving.
  for (const id of created) await api(`/webhooks/${id}`, { method: 'DELETE', token });
  for (const started of receivers) await started.stop();
  sqs.destroy();
});

// Retries are brought forward by moving the clock step by step: several seconds each.
describe('webhook delivery against the local stack', { timeout: 90_000 }, () => {
  it('POSTs the event signed with the secret, with a stable id, and records the attempt', async () => {
    const target = await receiver();
    const { webhook, secret } = await subscribe({ url: target.url, description: 'CRM sync' });
    expect(secret).toMatch(/^whsec_/);
    expect(webhook).toMatchObject({ status: 'active', includeContactFields: false, version: 1 });
    expect(JSON.stringify(await api(`/webhooks/${webhook.id}`, { token }))).not.toContain(secret);

    const customer = await createCustomer();
    const eventId = await createdEventOf(customer.id);
    const [request] = await eventually(
      async () => (target.of(eventId).length > 0 ? target.of(eventId) : undefined),
      'the webhook',
    );
    expect(verifies(request!, secret)).toEqual({ ok: true });
    expect(request!.headers['content-type']).toBe('application/json');
    const body = JSON.parse(request!.body) as { id: string; type: string; data: object };
    expect(body).toMatchObject({
      id: eventId,
      type: 'CustomerCreated',
      data: { customerId: customer.id },
    });
    // Ids only, unless contact fields were asked for.
    expect(request!.body).not.toContain(customer.email);
    expect(
      verifies({ ...request!, body: request!.body.replace('Customer', 'Kustomer') }, secret),
    ).toEqual({ ok: false, reason: 'no-matching-signature' });

    const recorded = await eventually(async () => {
      const found = await delivery(webhook.id, eventId);
      return found?.status === 'delivered' ? found : undefined;
    }, 'the delivery record');
    expect(recorded.attempts).toEqual([
      expect.objectContaining({ series: 1, number: 1, status: 200, outcome: 'delivered' }),
    ]);
    expect(recorded.attempts[0]!.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('retries a receiver that fails twice, which then gets the event once, with the same id each time', async () => {
    const target = await receiver((_, index) => (index < 2 ? 503 : 204));
    const { webhook, secret } = await subscribe({ url: target.url });
    const customer = await createCustomer();
    const eventId = await createdEventOf(customer.id);
    await eventually(
      async () => (target.of(eventId).length === 1 ? true : undefined),
      'the first attempt',
    );
    await advanceUntil(
      async () => (target.of(eventId).length === 2 ? true : undefined),
      'the second attempt',
      1,
    );
    await advanceUntil(
      async () => (target.of(eventId).length === 3 ? true : undefined),
      'the third attempt',
      1,
    );
    const recorded = await eventually(async () => {
      const found = await delivery(webhook.id, eventId);
      return found?.status === 'delivered' ? found : undefined;
    }, 'the delivery to be recorded as delivered');
    expect(
      recorded.attempts.map((attempt) => [attempt.number, attempt.status, attempt.outcome]),
    ).toEqual([
      [1, 503, 'retry'],
      [2, 503, 'retry'],
      [3, 204, 'delivered'],
    ]);
    // One event id on every attempt (receivers deduplicate on it), each attempt signed afresh.
    const attempts = target.of(eventId);
    expect(new Set(attempts.map((request) => request.body)).size).toBe(1);
    for (const request of attempts) expect(verifies(request, secret)).toEqual({ ok: true });
    // Accepted once: nothing follows a success, however far the clock moves.
    await advanceClock(9);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(target.of(eventId)).toHaveLength(3);
    expect(
      target.received.filter((request) => request.headers['webhook-id'] === eventId),
    ).toHaveLength(3);
  });

  it("keeps a subject's events in order while the first one is retried", async () => {
    const target = await receiver((request, index) => (index === 0 ? 500 : 200));
    const { webhook } = await subscribe({
      url: target.url,
      eventTypes: ['CustomerCreated', 'CustomerUpdated'],
    });
    const customer = await createCustomer();
    const eventId = await createdEventOf(customer.id);
    await eventually(async () => (target.received.length > 0 ? true : undefined), 'a first try');
    const read = await api(`/customers/${customer.id}`, { token });
    const patched = await api(`/customers/${customer.id}`, {
      method: 'PATCH',
      token,
      headers: { 'if-match': read.headers.get('etag') ?? '' },
      body: { tier: 'silver' },
    });
    expect(patched.status, patched.text).toBe(200);
    // The update waits behind the created event's retry, however long that takes.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(target.received.map((request) => JSON.parse(request.body).type)).toEqual([
      'CustomerCreated',
    ]);
    await advanceUntil(
      async () => (target.received.length >= 3 ? true : undefined),
      'the retry and the update',
      1,
    );
    const types = target.received.map((request) => [
      JSON.parse(request.body).type as string,
      request.headers['webhook-id'],
    ]);
    expect(types[0]).toEqual(['CustomerCreated', eventId]);
    expect(types[1]).toEqual(['CustomerCreated', eventId]);
    expect(types[2]?.[0]).toBe('CustomerUpdated');
    expect((await delivery(webhook.id, eventId))?.status).toBe('delivered');
  });

  it('gives up after 24 hours of a receiver that is down: DLQ, failing flag, and both ways back', async () => {
    const target = await receiver();
    const { webhook, secret } = await subscribe({ url: target.url });
    await target.stop();
    const customer = await createCustomer();
    const eventId = await createdEventOf(customer.id);
    await eventually(
      async () => ((await delivery(webhook.id, eventId))?.attempts.length ? true : undefined),
      'the first attempt',
    );
    const failed = await advanceUntil(
      async () => {
        const found = await delivery(webhook.id, eventId);
        return found?.status === 'failed' ? found : undefined;
      },
      'the delivery to be given up',
      8,
    );
    expect(failed.attempts.length).toBeGreaterThanOrEqual(3);
    expect(failed.attempts.at(-1)).toMatchObject({ outcome: 'give-up' });
    expect(failed.attempts.every((attempt) => attempt.status === undefined)).toBe(true);
    expect((await api<Webhook>(`/webhooks/${webhook.id}`, { token })).body.status).toBe('failing');

    // The dead-lettered delivery waits in the DLQ…
    const deadLetters = stack.queueUrls[dlqName(WEBHOOK_DELIVERIES_QUEUE, true)]!;
    const parked = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: deadLetters,
        MaxNumberOfMessages: 10,
        VisibilityTimeout: 0,
        WaitTimeSeconds: 1,
      }),
    );
    expect(
      (parked.Messages ?? []).map((message) => JSON.parse(message.Body ?? '{}')),
    ).toContainEqual({ subscriptionId: webhook.id, eventId, series: 1, deadLettered: true });

    // …and redriving it, once the receiver is back, delivers it (a new series of attempts).
    await target.start();
    const moved = await redrive(sqs, {
      queueUrl: stack.queueUrls[WEBHOOK_DELIVERIES_QUEUE]!,
      deadLetterQueueUrl: deadLetters,
    });
    expect(moved.failed).toEqual([]);
    expect(moved.moved).toBeGreaterThanOrEqual(1);
    const redriven = await eventually(async () => {
      const found = await delivery(webhook.id, eventId);
      return found?.status === 'delivered' ? found : undefined;
    }, 'the redriven delivery');
    expect(redriven.series).toBe(2);
    expect(target.of(eventId)).toHaveLength(1);
    expect(verifies(target.of(eventId)[0]!, secret)).toEqual({ ok: true });
    expect((await api<Webhook>(`/webhooks/${webhook.id}`, { token })).body.status).toBe('active');

    // Redelivery by event id replays it once more, as the same event.
    const again = await api<Delivery>(`/webhooks/${webhook.id}/redeliver`, {
      token,
      body: { eventId },
    });
    expect(again.status, again.text).toBe(202);
    expect(again.body).toMatchObject({ eventId, series: 3, status: 'pending' });
    await eventually(
      async () => (target.of(eventId).length === 2 ? true : undefined),
      'the redelivery',
    );
    expect(target.of(eventId)[1]!.body).toBe(target.of(eventId)[0]!.body);
  });

  it('signs with both secrets for 24 hours after a rotation, then with the new one only', async () => {
    const target = await receiver();
    const { webhook, secret: first } = await subscribe({ url: target.url });
    const rotated = await api<{ webhook: Webhook; secret: string }>(
      `/webhooks/${webhook.id}/rotate-secret`,
      { token, method: 'POST' },
    );
    expect(rotated.status, rotated.text).toBe(200);
    expect(rotated.headers.get('cache-control')).toBe('no-store');
    const second = rotated.body.secret;
    expect(second).not.toBe(first);
    expect(rotated.body.webhook.secrets).toHaveLength(2);
    expect(rotated.body.webhook.secrets[1]?.expiresAt).toBeDefined();

    const during = await createdEventOf((await createCustomer()).id);
    const [overlap] = await eventually(
      async () => (target.of(during).length > 0 ? target.of(during) : undefined),
      'a delivery during the overlap',
    );
    expect(String(overlap!.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(verifies(overlap!, first)).toEqual({ ok: true });
    expect(verifies(overlap!, second)).toEqual({ ok: true });

    await advanceClock(24.1);
    const after = await createdEventOf((await createCustomer()).id);
    const [late] = await eventually(
      async () => (target.of(after).length > 0 ? target.of(after) : undefined),
      'a delivery after the overlap',
    );
    expect(verifies(late!, second)).toEqual({ ok: true });
    expect(verifies(late!, first)).toEqual({ ok: false, reason: 'no-matching-signature' });
  });

  it('adds contact fields only for a subscription that asked, and logs each disclosure', async () => {
    const withContacts = await receiver();
    const idsOnly = await receiver();
    const asked = await subscribe({ url: withContacts.url, includeContactFields: true });
    expect(asked.webhook).toMatchObject({
      includeContactFields: true,
      owner: 'client:kefu-local-integrators',
      contactFieldsGrantedBy: subject,
    });
    await subscribe({ url: idsOnly.url });
    const customer = await createCustomer();
    const eventId = await createdEventOf(customer.id);
    const [full] = await eventually(
      async () => (withContacts.of(eventId).length > 0 ? withContacts.of(eventId) : undefined),
      'the delivery with contact fields',
    );
    const [bare] = await eventually(
      async () => (idsOnly.of(eventId).length > 0 ? idsOnly.of(eventId) : undefined),
      'the delivery without',
    );
    expect(JSON.parse(full!.body).data.customer).toMatchObject({
      id: customer.id,
      email: customer.email,
      name: '李伟',
    });
    expect(JSON.parse(bare!.body).data).not.toHaveProperty('customer');

    const auditor = await tokenFor(['audit:read']);
    const log = await api<{ items: { operationId: string; actor: { subject: string } }[] }>(
      `/customers/${customer.id}/access-log`,
      { token: auditor },
    );
    const disclosures = log.body.items.filter((item) => item.operationId === 'deliverWebhook');
    expect(disclosures.map((item) => item.actor.subject)).toEqual([`webhook:${asked.webhook.id}`]);
  });
});

describe('at-least-once delivery to the webhook consumers', () => {
  it('delivers once however often the fan-out and delivery messages repeat, in any order', async () => {
    const target = await receiver();
    const { webhook } = await subscribe({ url: target.url });
    const customer = await createCustomer();
    const eventId = await createdEventOf(customer.id);
    await eventually(
      async () =>
        (await delivery(webhook.id, eventId))?.status === 'delivered' ? true : undefined,
      'the first delivery',
    );
    const busEvent = (
      await api<{ items: { detail: { eventId: string } }[] }>('/_local/events')
    ).body.items.find((event) => event.detail.eventId === eventId);
    const work = (series: number) =>
      JSON.stringify({ subscriptionId: webhook.id, eventId, series });
    const send = (queue: string, body: string, dedup?: string) =>
      sqs.send(
        new SendMessageCommand({
          QueueUrl: stack.queueUrls[queue],
          MessageBody: body,
          ...(dedup ? { MessageGroupId: `test-${run}`, MessageDeduplicationId: dedup } : {}),
        }),
      );
    // The bus event again (EventBridge delivers at least once), a repeated delivery message past
    // SQS's deduplication, and messages of a series that never was or was long superseded.
    await send('webhook-fanout', JSON.stringify(busEvent));
    await send('webhook-fanout', JSON.stringify(busEvent));
    await send(WEBHOOK_DELIVERIES_QUEUE, work(1), `${run}-again`);
    await send(WEBHOOK_DELIVERIES_QUEUE, work(7), `${run}-future`);
    await send(WEBHOOK_DELIVERIES_QUEUE, work(1), `${run}-old`);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(target.of(eventId)).toHaveLength(1);
    const recorded = await delivery(webhook.id, eventId);
    expect(recorded).toMatchObject({ status: 'delivered', series: 1 });
    expect(recorded?.attempts).toHaveLength(1);
  });

  it('sends a malformed delivery message to the DLQ at once, keeping its group moving', async () => {
    const target = await receiver();
    const { webhook } = await subscribe({ url: target.url });
    const poison = JSON.stringify({ subscriptionId: webhook.id, eventId: 'not-an-id', series: 1 });
    const parkedAs = (body: string | undefined) =>
      Buffer.from(
        (JSON.parse(body ?? '{}') as { malformedBase64?: string }).malformedBase64 ?? '',
        'base64',
      ).toString('utf8');
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: stack.queueUrls[WEBHOOK_DELIVERIES_QUEUE],
        MessageBody: poison,
        MessageGroupId: `poison-${run}`,
        MessageDeduplicationId: `poison-${run}`,
      }),
    );
    const deadLetters = stack.queueUrls[dlqName(WEBHOOK_DELIVERIES_QUEUE, true)]!;
    await eventually(async () => {
      const parked = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: deadLetters,
          MaxNumberOfMessages: 10,
          VisibilityTimeout: 0,
          WaitTimeSeconds: 1,
        }),
      );
      return (parked.Messages ?? []).some((message) => parkedAs(message.Body) === poison)
        ? true
        : undefined;
    }, 'the malformed message in the DLQ');
    expect(target.received).toHaveLength(0);
  });
});

describe('webhook subscriptions', () => {
  it("shows a client only its own subscriptions; another's reads as not found", async () => {
    const target = await receiver();
    const { webhook } = await subscribe({ url: target.url });
    // A staff member's subscriptions are their own, apart from the integrator client's.
    const stranger = await tokenFor(['webhooks:manage'], {
      subject: `agent-${run}`,
      role: 'staff',
      department: 'sales',
    });
    expectCleanProblem(await api(`/webhooks/${webhook.id}`, { token: stranger }), 404, 'not-found');
    expectCleanProblem(
      await api(`/webhooks/${webhook.id}`, { token: stranger, method: 'DELETE' }),
      404,
      'not-found',
    );
    const theirs = await api<{ items: Webhook[] }>('/webhooks', { token: stranger });
    expect(theirs.body.items.map((item) => item.id)).not.toContain(webhook.id);
    const admin = await tokenFor(['webhooks:manage'], { role: 'admin' });
    const all = await api<{ items: Webhook[] }>('/webhooks', { token: admin });
    expect(all.body.items.map((item) => item.id)).toContain(webhook.id);
  });

  it('changes a subscription by merge patch with If-Match, and deletes it', async () => {
    const target = await receiver();
    const { webhook } = await subscribe({ url: target.url, description: 'first' });
    expectCleanProblem(
      await api(`/webhooks/${webhook.id}`, {
        token,
        method: 'PATCH',
        body: { status: 'disabled' },
      }),
      428,
      'if-match-required',
    );
    const patched = await api<Webhook & { description?: string }>(`/webhooks/${webhook.id}`, {
      token,
      method: 'PATCH',
      headers: { 'if-match': '"v1"', 'content-type': 'application/merge-patch+json' },
      body: { status: 'disabled', description: null, eventTypes: ['CustomerUpdated'] },
    });
    expect(patched.status, patched.text).toBe(200);
    expect(patched.headers.get('etag')).toBe('"v2"');
    expect(patched.body).toMatchObject({ status: 'disabled', version: 2 });
    expect(patched.body).not.toHaveProperty('description');
    expectCleanProblem(
      await api(`/webhooks/${webhook.id}`, {
        token,
        method: 'PATCH',
        headers: { 'if-match': '"v1"' },
        body: { status: 'active' },
      }),
      412,
      'stale-version',
    );
    expect((await api(`/webhooks/${webhook.id}`, { token, method: 'DELETE' })).status).toBe(204);
    expectCleanProblem(await api(`/webhooks/${webhook.id}`, { token }), 404, 'not-found');
  });

  it.each([
    ['a relative URL', { url: '/hooks' }],
    ['an ftp URL', { url: 'ftp://127.0.0.1/hooks' }],
    ['credentials in the URL', { url: 'http://user:pass@127.0.0.1/hooks' }],
    ['an unknown event type', { eventTypes: ['CustomerDeleted'] }],
    ['no event types', { eventTypes: [] }],
    ['a repeated event type', { eventTypes: ['CustomerCreated', 'CustomerCreated'] }],
    ['an empty filter list', { filter: { departments: [] } }],
    ['an empty filter', { filter: {} }],
    ['an unknown department', { filter: { departments: ['nowhere'] } }],
    ['a description of 501 characters', { description: 'x'.repeat(501) }],
    ['a field of its own', { status: 'failing' }],
    ['a secret of its own', { secret: 'whsec_AAAA' }],
  ])('refuses %s, storing nothing', async (_, change) => {
    const before = await api<{ items: Webhook[] }>('/webhooks', { token });
    const response = await api('/webhooks', {
      token,
      body: { url: 'http://127.0.0.1:9/hooks', eventTypes: ['CustomerCreated'], ...change },
    });
    expect([400, 422]).toContain(response.status);
    expectCleanProblem(response, response.status, 'validation-failed');
    const after = await api<{ items: Webhook[] }>('/webhooks', { token });
    expect(after.body.items).toHaveLength(before.body.items.length);
  });

  it('refuses to redeliver an unknown event, or one still being delivered', async () => {
    const target = await receiver(() => 500);
    const { webhook } = await subscribe({ url: target.url });
    expectCleanProblem(
      await api(`/webhooks/${webhook.id}/redeliver`, {
        token,
        body: { eventId: '01KZ0000000000000000000E01' },
      }),
      404,
      'not-found',
    );
    const eventId = await createdEventOf((await createCustomer()).id);
    await eventually(
      async () => ((await delivery(webhook.id, eventId))?.status === 'retrying' ? true : undefined),
      'a retried delivery',
    );
    expectCleanProblem(
      await api(`/webhooks/${webhook.id}/redeliver`, { token, body: { eventId } }),
      422,
      'rule-violated',
    );
    expect(target.of(eventId)).toHaveLength(1);
  });
});
