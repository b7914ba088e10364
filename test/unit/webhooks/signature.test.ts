import { describe, expect, it } from 'vitest';
import {
  generateWebhookSecret,
  secretKey,
  signWebhook,
  verifyWebhook,
} from '../../../shared/adapters/webhooks/signature';
import { parseSignatures } from '../../../shared/domain/webhooks/signature';

const secret = generateWebhookSecret();
const otherSecret = generateWebhookSecret();
const id = '01JAZ3M7V8Q9R0S1T2U3V4W5X6';
const timestamp = 1_760_000_000;
const at = (seconds: number) => new Date(seconds * 1000);
const body = JSON.stringify({ id, type: 'ComplaintRouted', time: '2025-10-09T08:53:20.000Z' });

describe('webhook signatures (Standard Webhooks)', () => {
  it('reproduces the published Standard Webhooks test vector', () => {
    const headers = signWebhook({
      id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      timestamp: 1614265330,
      body: '{"test": 2432232314}',
      secrets: ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'],
    });
    expect(headers).toEqual({
      'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      'webhook-timestamp': '1614265330',
      'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    });
  });

  it('makes secrets of 32 random bytes behind whsec_', () => {
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(secretKey(secret)).toHaveLength(32);
    expect(secret).not.toBe(otherSecret);
    expect(() => secretKey('whsec_')).toThrow();
  });

  it('round-trips, with node:http header records and with fetch Headers', () => {
    const headers = signWebhook({ id, timestamp, body, secrets: [secret] });
    const now = at(timestamp + 1);
    expect(verifyWebhook({ headers, body, secrets: [secret], now })).toEqual({ ok: true });
    expect(
      verifyWebhook({ headers: new Headers({ ...headers }), body, secrets: [secret], now }),
    ).toEqual({ ok: true });
    expect(verifyWebhook({ headers, body: Buffer.from(body), secrets: [secret], now })).toEqual({
      ok: true,
    });
  });

  it('signs once per secret, and either secret verifies alone', () => {
    const headers = signWebhook({ id, timestamp, body, secrets: [secret, otherSecret] });
    expect(parseSignatures(headers['webhook-signature'])).toHaveLength(2);
    const now = at(timestamp);
    expect(verifyWebhook({ headers, body, secrets: [secret], now }).ok).toBe(true);
    expect(verifyWebhook({ headers, body, secrets: [otherSecret], now }).ok).toBe(true);
    expect(verifyWebhook({ headers, body, secrets: [generateWebhookSecret()], now })).toEqual({
      ok: false,
      reason: 'no-matching-signature',
    });
    expect(() => signWebhook({ id, timestamp, body, secrets: [] })).toThrow();
  });

  it('refuses any tampering with the body, id, timestamp or signature', () => {
    const headers = signWebhook({ id, timestamp, body, secrets: [secret] });
    const now = at(timestamp);
    const refused = { ok: false, reason: 'no-matching-signature' };
    const verify = (changed: Partial<typeof headers>, changedBody = body) =>
      verifyWebhook({
        headers: { ...headers, ...changed },
        body: changedBody,
        secrets: [secret],
        now,
      });
    expect(verify({}, body.replace('ComplaintRouted', 'ComplaintClosed'))).toEqual(refused);
    expect(verify({}, `${body} `)).toEqual(refused);
    expect(verify({ 'webhook-id': `${id}X` })).toEqual(refused);
    expect(verify({ 'webhook-timestamp': String(timestamp + 1) })).toEqual(refused);
    const [signature = ''] = parseSignatures(headers['webhook-signature']);
    const flipped = Buffer.from(signature, 'base64');
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    expect(verify({ 'webhook-signature': `v1,${flipped.toString('base64')}` })).toEqual(refused);
    expect(verify({ 'webhook-signature': `v2,${signature}` })).toEqual(refused);
    expect(verify({ 'webhook-signature': 'v1,' })).toEqual(refused);
    expect(verify({ 'webhook-signature': `v1a,x v2,y v1,${signature}` })).toEqual({ ok: true });
  });

  it('accepts timestamps within the tolerance either side and no further', () => {
    const headers = signWebhook({ id, timestamp, body, secrets: [secret] });
    const verifyAt = (seconds: number, toleranceSeconds?: number) =>
      verifyWebhook({ headers, body, secrets: [secret], now: at(seconds), toleranceSeconds });
    expect(verifyAt(timestamp + 300)).toEqual({ ok: true });
    expect(verifyAt(timestamp + 301)).toEqual({ ok: false, reason: 'timestamp-too-old' });
    expect(verifyAt(timestamp - 300)).toEqual({ ok: true });
    expect(verifyAt(timestamp - 301)).toEqual({ ok: false, reason: 'timestamp-in-future' });
    expect(verifyAt(timestamp + 60, 30)).toEqual({ ok: false, reason: 'timestamp-too-old' });
  });

  it('refuses missing or malformed headers before checking anything else', () => {
    const headers = signWebhook({ id, timestamp, body, secrets: [secret] });
    const now = at(timestamp);
    for (const name of ['webhook-id', 'webhook-timestamp', 'webhook-signature'] as const) {
      const { [name]: _dropped, ...rest } = headers;
      expect(verifyWebhook({ headers: rest, body, secrets: [secret], now })).toEqual({
        ok: false,
        reason: 'missing-headers',
      });
    }
    expect(
      verifyWebhook({
        headers: { ...headers, 'webhook-timestamp': '2025-10-09T08:53:20Z' },
        body,
        secrets: [secret],
        now,
      }),
    ).toEqual({ ok: false, reason: 'missing-headers' });
  });
});
