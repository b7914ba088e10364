import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  sendWebhook,
  webhookTargetMode,
  type WebhookRequest,
} from '../../../shared/adapters/webhooks/http-sender';
import { generateWebhookSecret, signWebhook } from '../../../shared/adapters/webhooks/signature';

const received: { path: string; headers: IncomingHttpHeaders; body: string }[] = [];
let connections = 0;
let server: Server;
let base: string;

const answers: Record<string, (respond: (status: number, headers?: object) => void) => void> = {
  '/ok': (respond) => respond(204),
  '/fail': (respond) => respond(500),
  '/busy': (respond) => respond(429, { 'retry-after': '120' }),
  '/unavailable': (respond) => respond(503, { 'retry-after': 'Thu, 09 Oct 2025 08:02:00 GMT' }),
  '/gone': (respond) => respond(410),
  '/moved': (respond) => respond(302, { location: '/ok' }),
  '/slow': () => undefined,
};
/** Paths that answer with a status line and then never finish the body. */
const endless = new Set(['/trickle']);

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '';
      received.push({ path, headers: request.headers, body: Buffer.concat(chunks).toString() });
      if (endless.has(path)) {
        response.writeHead(200);
        response.write('partial');
        return;
      }
      answers[path]?.((status, headers = {}) => {
        response.writeHead(status, { ...headers });
        response.end('a body the sender does not need');
      });
    });
  });
  server.on('connection', () => connections++);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  server.close();
  await once(server, 'close');
});

beforeEach(() => {
  received.length = 0;
  connections = 0;
});

const body = '{"id":"01JB00000000000000000000EV","type":"ComplaintRouted","time":"t","data":{}}';
const delivery = (url: string): WebhookRequest => ({
  url,
  body,
  headers: signWebhook({
    id: '01JB00000000000000000000EV',
    timestamp: 1_760_000_000,
    body,
    secrets: [generateWebhookSecret()],
  }),
});

describe('the webhook sender, locally', () => {
  it('POSTs the signed body and reports a 2xx as delivered', async () => {
    const request = delivery(`${base}/ok`);
    const result = await sendWebhook(request, { mode: 'local' });
    expect(result).toMatchObject({ outcome: 'delivered', status: 204 });
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
    expect(result.error).toBeUndefined();
    const [seen] = received;
    expect(seen?.body).toBe(body);
    expect(seen?.headers).toMatchObject({
      ...request.headers,
      'content-type': 'application/json',
      'user-agent': 'Kefu-Webhooks/1',
      'content-length': String(Buffer.byteLength(body)),
    });
  });

  it('retries a 500', async () => {
    expect(await sendWebhook(delivery(`${base}/fail`), { mode: 'local' })).toMatchObject({
      outcome: 'retry',
      status: 500,
    });
  });

  it('retries a 429 after its Retry-After, in seconds or as a date', async () => {
    expect(await sendWebhook(delivery(`${base}/busy`), { mode: 'local' })).toMatchObject({
      outcome: 'retry',
      status: 429,
      retryAfterSeconds: 120,
    });
    const now = () => new Date('2025-10-09T08:00:00.000Z');
    expect(
      await sendWebhook(delivery(`${base}/unavailable`), { mode: 'local', now }),
    ).toMatchObject({ outcome: 'retry', status: 503, retryAfterSeconds: 120 });
  });

  it('gives up on a 410', async () => {
    expect(await sendWebhook(delivery(`${base}/gone`), { mode: 'local' })).toMatchObject({
      outcome: 'give-up',
      status: 410,
    });
  });

  it('does not follow a redirect', async () => {
    const result = await sendWebhook(delivery(`${base}/moved`), { mode: 'local' });
    expect(result).toMatchObject({ outcome: 'give-up', status: 302 });
    expect(result.error).toBe('redirects are not followed');
    expect(received.map((request) => request.path)).toEqual(['/moved']);
  });

  it('retries a target that does not answer in time', async () => {
    const result = await sendWebhook(delivery(`${base}/slow`), { mode: 'local', timeoutMs: 200 });
    expect(result).toMatchObject({ outcome: 'retry', error: 'timeout after 200 ms' });
    expect(result.status).toBeUndefined();
    expect(result.durationMs).toBeGreaterThanOrEqual(150);
  });

  it('decides on the status and lets a body that never ends be cut off by the timeout', async () => {
    const result = await sendWebhook(delivery(`${base}/trickle`), {
      mode: 'local',
      timeoutMs: 100,
    });
    expect(result).toMatchObject({ outcome: 'delivered', status: 200 });
    // The abort that follows must not surface as an unhandled error.
    await new Promise((resolve) => setTimeout(resolve, 300));
  });

  it('retries a target that refuses connections, with a short error', async () => {
    const closed = createServer();
    closed.listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const { port } = closed.address() as AddressInfo;
    closed.close();
    await once(closed, 'close');
    expect(await sendWebhook(delivery(`http://127.0.0.1:${port}/`), { mode: 'local' })).toEqual({
      outcome: 'retry',
      durationMs: expect.any(Number),
      error: 'ECONNREFUSED',
    });
  });

  it('connects to the address it checked, not to a second answer of the resolver', async () => {
    const port = (server.address() as AddressInfo).port;
    const resolve = vi.fn(async () => [{ address: '127.0.0.1', family: 4 }]);
    // The name exists nowhere else, so this only succeeds through the checked address.
    const result = await sendWebhook(delivery(`http://receiver.kefu.invalid:${port}/ok`), {
      mode: 'local',
      resolve,
    });
    expect(result).toMatchObject({ outcome: 'delivered', status: 204 });
    expect(resolve).toHaveBeenCalledTimes(1);
    expect(received[0]?.headers.host).toBe(`receiver.kefu.invalid:${port}`);
  });

  it('counts a resolver that does not answer in time as a timeout', async () => {
    const resolve = () => new Promise<never>(() => undefined);
    expect(
      await sendWebhook(delivery('http://slow-dns.invalid/'), {
        mode: 'local',
        resolve,
        timeoutMs: 50,
      }),
    ).toMatchObject({ outcome: 'retry', error: 'timeout after 50 ms' });
  });

  it('retries when the name does not resolve', async () => {
    const resolve = async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
    };
    expect(
      await sendWebhook(delivery('http://nowhere.invalid/'), { mode: 'local', resolve }),
    ).toMatchObject({ outcome: 'retry', error: 'dns: ENOTFOUND' });
  });
});

describe('the webhook sender under the AWS rules', () => {
  const port = () => (server.address() as AddressInfo).port;

  it.each([
    [() => `https://127.0.0.1:${port()}/ok`, 'target refused: address-not-allowed (127.0.0.1)'],
    [
      () => 'https://169.254.169.254/latest/meta-data/',
      'target refused: address-not-allowed (169.254.169.254)',
    ],
    [() => `http://127.0.0.1:${port()}/ok`, 'target refused: scheme-not-allowed'],
    [() => `http://receiver.example.com:${port()}/ok`, 'target refused: scheme-not-allowed'],
    [() => `https://localhost:${port()}/ok`, 'target refused: host-not-allowed'],
  ])('refuses %s without connecting', async (url, error) => {
    const resolve = vi.fn(async () => [{ address: '127.0.0.1', family: 4 }]);
    const result = await sendWebhook(delivery(url()), { mode: 'aws', resolve });
    expect(result).toEqual({ outcome: 'give-up', durationMs: expect.any(Number), error });
    expect(resolve).not.toHaveBeenCalled();
    expect(connections).toBe(0);
  });

  it('refuses a name that resolves to a private address, without connecting', async () => {
    const resolve = async () => [
      { address: '93.184.215.14', family: 4 },
      { address: '127.0.0.1', family: 4 },
    ];
    expect(
      await sendWebhook(delivery(`https://receiver.example.com:${port()}/ok`), {
        mode: 'aws',
        resolve,
      }),
    ).toMatchObject({
      outcome: 'give-up',
      error: 'target refused: address-not-allowed (127.0.0.1)',
    });
    expect(connections).toBe(0);
  });

  it('reads the mode from WEBHOOK_TARGETS, aws unless it says local', () => {
    expect(webhookTargetMode({})).toBe('aws');
    expect(webhookTargetMode({ WEBHOOK_TARGETS: '' })).toBe('aws');
    expect(webhookTargetMode({ WEBHOOK_TARGETS: 'local' })).toBe('local');
    expect(webhookTargetMode({ WEBHOOK_TARGETS: 'aws' })).toBe('aws');
    expect(() => webhookTargetMode({ WEBHOOK_TARGETS: 'anything' })).toThrow(/WEBHOOK_TARGETS/);
  });
});
