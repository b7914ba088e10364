import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Verifies a Kefu webhook (the Standard Webhooks scheme). Self-contained on purpose: copy this
 * file into your receiver.
 *
 *   signed content = `${webhook-id}.${webhook-timestamp}.${raw body}`
 *   webhook-signature = "v1,<base64 HMAC-SHA256 of the signed content>" (space-separated list)
 *   key = base64-decode(secret without its "whsec_" prefix)
 */
export type Verification =
  | { ok: true; id: string; timestamp: number }
  | {
      ok: false;
      reason:
        'missing-headers' | 'timestamp-too-old' | 'timestamp-in-future' | 'no-matching-signature';
    };

export interface SignedRequest {
  /** Header values by lower-case name, as node:http gives them. */
  headers: Record<string, string | string[] | undefined>;
  /** The raw body bytes, before any JSON parsing: re-serialized JSON would not match. */
  body: Buffer;
}

const header = (request: SignedRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
};

const keyOf = (secret: string): Buffer =>
  Buffer.from(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret, 'base64');

export const verifyKefuWebhook = (
  request: SignedRequest,
  /** The current secret, plus the previous one while a rotation overlaps. */
  secrets: readonly string[],
  options: { now?: Date; toleranceSeconds?: number } = {},
): Verification => {
  const id = header(request, 'webhook-id');
  const timestamp = header(request, 'webhook-timestamp');
  const signatures = header(request, 'webhook-signature');
  if (!id || !timestamp || !signatures || !/^\d+$/.test(timestamp)) {
    return { ok: false, reason: 'missing-headers' };
  }

  // Replays: a captured request is worthless once its timestamp leaves the tolerance.
  const nowSeconds = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const tolerance = options.toleranceSeconds ?? 300;
  const age = nowSeconds - Number(timestamp);
  if (age > tolerance) return { ok: false, reason: 'timestamp-too-old' };
  if (age < -tolerance) return { ok: false, reason: 'timestamp-in-future' };

  const given = signatures
    .split(' ')
    .filter((entry) => entry.startsWith('v1,'))
    .map((entry) => Buffer.from(entry.slice('v1,'.length), 'base64'));
  for (const secret of secrets) {
    const expected = createHmac('sha256', keyOf(secret))
      .update(`${id}.${timestamp}.`)
      .update(request.body)
      .digest();
    // Constant-time comparison, so response timing reveals nothing about the expected value.
    if (given.some((sig) => sig.length === expected.length && timingSafeEqual(sig, expected))) {
      return { ok: true, id, timestamp: Number(timestamp) };
    }
  }
  return { ok: false, reason: 'no-matching-signature' };
};
