/**
 * The Standard Webhooks (Svix) signature scheme, minus the cryptography (which lives in
 * shared/adapters/webhooks/signature.ts, since the domain may not import node:crypto):
 *
 *   webhook-id:        the event id, the same on every attempt (receivers deduplicate on it)
 *   webhook-timestamp: unix seconds of the attempt
 *   webhook-signature: "v1,<base64 HMAC-SHA256 of `${id}.${timestamp}.${body}`>", one per valid
 *                      secret, separated by spaces
 */
export const WEBHOOK_ID_HEADER = 'webhook-id';
export const WEBHOOK_TIMESTAMP_HEADER = 'webhook-timestamp';
export const WEBHOOK_SIGNATURE_HEADER = 'webhook-signature';

export const SECRET_PREFIX = 'whsec_';
const SIGNATURE_VERSION = 'v1';

export const DEFAULT_TOLERANCE_SECONDS = 5 * 60;

// A type alias, not an interface, so it passes where a header record is expected.
export type WebhookSignatureHeaders = {
  [WEBHOOK_ID_HEADER]: string;
  [WEBHOOK_TIMESTAMP_HEADER]: string;
  [WEBHOOK_SIGNATURE_HEADER]: string;
};

export type VerificationFailure =
  'missing-headers' | 'timestamp-too-old' | 'timestamp-in-future' | 'no-matching-signature';

export type VerificationResult = { ok: true } | { ok: false; reason: VerificationFailure };

/** The text that is signed; the body is appended as the exact bytes sent. */
export const signedPrefix = (id: string, timestamp: number | string): string =>
  `${id}.${timestamp}.`;

export const formatSignatures = (base64Signatures: readonly string[]): string =>
  base64Signatures.map((signature) => `${SIGNATURE_VERSION},${signature}`).join(' ');

/** The base64 signatures of the version Kefu uses; entries of other versions are ignored. */
export const parseSignatures = (header: string): string[] =>
  header
    .split(' ')
    .map((entry) => entry.split(','))
    .filter(
      (parts): parts is [string, string] =>
        parts.length === 2 && parts[0] === SIGNATURE_VERSION && parts[1] !== '',
    )
    .map(([, signature]) => signature);

/** Unix seconds, the unit of `webhook-timestamp`. */
export const unixSeconds = (instant: Date): number => Math.floor(instant.getTime() / 1000);

/** Whether a `webhook-timestamp` lies within the tolerance of now, either side. */
export const checkTimestamp = (
  header: string,
  now: Date,
  toleranceSeconds: number,
): VerificationResult => {
  if (!/^\d{1,15}$/.test(header)) return { ok: false, reason: 'missing-headers' };
  const age = unixSeconds(now) - Number(header);
  if (age > toleranceSeconds) return { ok: false, reason: 'timestamp-too-old' };
  if (age < -toleranceSeconds) return { ok: false, reason: 'timestamp-in-future' };
  return { ok: true };
};
