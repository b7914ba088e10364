import { unwrapSecret, wrapSecret } from '../privacy/master-keyring';
import type { SecretVault } from '../../services/webhooks/ports';
import { generateWebhookSecret } from './signature';

const PURPOSE = 'kefu-webhook-secret';
/** Opened secrets are kept this long, so a burst of deliveries makes one KMS call per secret. */
const CACHE_MS = 5 * 60 * 1000;

const opened = new Map<string, { secret: Promise<string>; until: number }>();

/**
 * Webhook signing secrets must be usable again (to sign), so they are encrypted rather than
 * hashed: envelope-encrypted by the master key (KMS in AWS), bound to the subscription and the
 * secret's id, so a sealed secret copied to another subscription does not open.
 */
export const masterKeySecretVault: SecretVault = {
  generate: generateWebhookSecret,
  seal: (subscriptionId, secretId, secret) =>
    wrapSecret({ purpose: PURPOSE, subscriptionId, secretId }, Buffer.from(secret, 'utf8')),
  open: (subscriptionId, secretId, sealed) => {
    const key = `${subscriptionId}/${secretId}/${sealed}`;
    const now = Date.now();
    const cached = opened.get(key);
    if (cached && cached.until > now) return cached.secret;
    const secret = unwrapSecret({ purpose: PURPOSE, subscriptionId, secretId }, sealed).then(
      (plaintext) => plaintext.toString('utf8'),
    );
    opened.set(key, { secret, until: now + CACHE_MS });
    secret.catch(() => opened.delete(key));
    return secret;
  },
};
