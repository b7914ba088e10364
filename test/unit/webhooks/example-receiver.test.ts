import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createWebhookReceiver, type KefuEvent } from '../../../examples/webhook-receiver/receiver';
import { verifyKefuWebhook } from '../../../examples/webhook-receiver/verify';
import { sendWebhook } from '../../../shared/adapters/webhooks/http-sender';
import { generateWebhookSecret, signWebhook } from '../../../shared/adapters/webhooks/signature';
import {
  buildWebhookPayload,
  serializeWebhookPayload,
} from '../../../shared/domain/webhooks/payload';

const secret = generateWebhookSecret();
const events: KefuEvent[] = [];
let receiver: Server;
let url: string;

beforeAll(async () => {
  receiver = createWebhookReceiver({
    secrets: [secret],
    onEvent: (event) => void events.push(event),
  });
  receiver.listen(0, '127.0.0.1');
  await once(receiver, 'listening');
  url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/kefu`;
});

afterAll(async () => {
  receiver.closeAllConnections();
  receiver.close();
  await once(receiver, 'close');
});

beforeEach(() => {
  events.length = 0;
});

let counter = 0;
const signedEvent = (secrets = [secret], timestamp = Math.floor(Date.now() / 1000)) => {
  counter += 1;
  const id = `01JB00000000000000000000${String(counter).padStart(2, '0')}`;
  const event = {
    eventId: id,
    type: 'ComplaintRouted',
    occurredAt: '2025-10-09T08:00:00.000Z',
    data: { complaintId: '01JB00000000000000000000C1', department: 'after-sales' },
  };
  const body = serializeWebhookPayload(buildWebhookPayload(event, { includeContactFields: false }));
  return { body, headers: signWebhook({ id, timestamp, body, secrets }) };
};

const post = (request: { body: string; headers: Record<string, string> }) =>
  fetch(url, {
    method: 'POST',
    headers: { ...request.headers, 'content-type': 'application/json' },
    body: request.body,
  });

const processed = () => new Promise((resolve) => setImmediate(resolve));

describe('the example receiver', () => {
  it('accepts a delivery from Kefu’s sender over a real connection', async () => {
    const { body, headers } = signedEvent();
    const result = await sendWebhook({ url, body, headers }, { mode: 'local' });
    expect(result).toMatchObject({ outcome: 'delivered', status: 202 });
    await processed();
    expect(events).toEqual([JSON.parse(body)]);
  });

  it('processes a replayed request once, and a retry of the same event once', async () => {
    const request = signedEvent();
    expect((await post(request)).status).toBe(202);
    const replay = await post(request);
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({ duplicate: true });
    const retry = signWebhook({
      id: request.headers['webhook-id'],
      timestamp: Number(request.headers['webhook-timestamp']) + 30,
      body: request.body,
      secrets: [secret],
    });
    expect((await post({ body: request.body, headers: retry })).status).toBe(200);
    await processed();
    expect(events).toHaveLength(1);
  });

  it('refuses a replay older than the tolerance', async () => {
    const stale = signedEvent([secret], Math.floor(Date.now() / 1000) - 301);
    const response = await post(stale);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: 'timestamp-too-old' });
  });

  it('refuses a bad signature and an altered body, and does not remember their ids', async () => {
    const forged = signedEvent([generateWebhookSecret()]);
    const response = await post(forged);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: 'no-matching-signature' });
    const genuine = signedEvent();
    const altered = { ...genuine, body: genuine.body.replace('after-sales', 'billing') };
    expect((await post(altered)).status).toBe(401);
    expect((await post(genuine)).status).toBe(202);
    await processed();
    expect(events).toHaveLength(1);
  });

  it('accepts either secret while a rotation overlaps', async () => {
    const next = generateWebhookSecret();
    expect((await post(signedEvent([next, secret]))).status).toBe(202);
    expect((await post(signedEvent([next]))).status).toBe(401);
  });

  it('refuses requests without the headers, and other methods', async () => {
    expect((await post({ body: '{}', headers: {} })).status).toBe(401);
    expect((await fetch(url)).status).toBe(405);
  });

  it('verifies the published Standard Webhooks test vector on its own', () => {
    const request = {
      headers: {
        'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek',
        'webhook-timestamp': '1614265330',
        'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
      },
      body: Buffer.from('{"test": 2432232314}'),
    };
    const secrets = ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'];
    expect(verifyKefuWebhook(request, secrets, { now: new Date(1614265330_000) })).toEqual({
      ok: true,
      id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      timestamp: 1614265330,
    });
    expect(
      verifyKefuWebhook(request, secrets, { now: new Date(1614265331_000 + 300_000) }),
    ).toEqual({ ok: false, reason: 'timestamp-too-old' });
  });
});
