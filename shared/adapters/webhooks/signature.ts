import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import {
  checkTimestamp,
  DEFAULT_TOLERANCE_SECONDS,
  formatSignatures,
  parseSignatures,
  SECRET_PREFIX,
  signedPrefix,
  type VerificationResult,
  WEBHOOK_ID_HEADER,
  WEBHOOK_SIGNATURE_HEADER,
  WEBHOOK_TIMESTAMP_HEADER,
  type WebhookSignatureHeaders,
} from '../../domain/webhooks/signature';

export type WebhookBody = string | Uint8Array;

/** Request headers as node:http gives them (lower-case names) or as a fetch Headers. */
export type ReceivedHeaders =
  Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

/** A new signing secret in the Standard Webhooks format: `whsec_` + base64 of 32 random bytes. */
export const generateWebhookSecret = (): string =>
  `${SECRET_PREFIX}${randomBytes(32).toString('base64')}`;

/** The HMAC key of a secret: the base64 after the prefix (accepted without it, as Svix does). */
export const secretKey = (secret: string): Buffer => {
  const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  const key = Buffer.from(encoded, 'base64');
  if (key.length === 0) throw new Error('a webhook secret needs a base64 key after whsec_');
  return key;
};

const hmac = (secret: string, id: string, timestamp: number | string, body: WebhookBody) =>
  createHmac('sha256', secretKey(secret)).update(signedPrefix(id, timestamp)).update(body).digest();

/** The three headers of a delivery attempt, signed with every given secret (newest first). */
export const signWebhook = (input: {
  id: string;
  timestamp: number;
  body: WebhookBody;
  secrets: readonly string[];
}): WebhookSignatureHeaders => {
  if (input.secrets.length === 0) throw new Error('a webhook is signed with at least one secret');
  return {
    [WEBHOOK_ID_HEADER]: input.id,
    [WEBHOOK_TIMESTAMP_HEADER]: String(input.timestamp),
    [WEBHOOK_SIGNATURE_HEADER]: formatSignatures(
      input.secrets.map((secret) =>
        hmac(secret, input.id, input.timestamp, input.body).toString('base64'),
      ),
    ),
  };
};

const headerValue = (headers: ReceivedHeaders, name: string): string | undefined => {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = headers[name];
  return typeof value === 'string' ? value : undefined;
};

/**
 * Checks a received webhook: headers present, timestamp within the tolerance (replays of old
 * requests fail), and one of its signatures made by one of the secrets, compared in constant time.
 */
export const verifyWebhook = (input: {
  headers: ReceivedHeaders;
  body: WebhookBody;
  secrets: readonly string[];
  now: Date;
  toleranceSeconds?: number;
}): VerificationResult => {
  const id = headerValue(input.headers, WEBHOOK_ID_HEADER);
  const timestamp = headerValue(input.headers, WEBHOOK_TIMESTAMP_HEADER);
  const signatureHeader = headerValue(input.headers, WEBHOOK_SIGNATURE_HEADER);
  if (!id || !timestamp || !signatureHeader) return { ok: false, reason: 'missing-headers' };
  const timely = checkTimestamp(
    timestamp,
    input.now,
    input.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS,
  );
  if (!timely.ok) return timely;
  const given = parseSignatures(signatureHeader).map((signature) =>
    Buffer.from(signature, 'base64'),
  );
  const matched = input.secrets.some((secret) => {
    const expected = hmac(secret, id, timestamp, input.body);
    return given.some(
      (signature) => signature.length === expected.length && timingSafeEqual(signature, expected),
    );
  });
  return matched ? { ok: true } : { ok: false, reason: 'no-matching-signature' };
};
