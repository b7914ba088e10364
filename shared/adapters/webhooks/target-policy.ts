import { lookup } from 'node:dns/promises';
import {
  checkResolvedAddresses,
  checkTargetUrl,
  type TargetCheck,
} from '../../domain/webhooks/target-address';
import type { TargetPolicy } from '../../services/webhooks/ports';
import { webhookTargetMode } from './http-sender';

/** The API answers within its own timeout even when DNS does not. */
const LOOKUP_TIMEOUT_MS = 2_000;

/**
 * The check at subscription time, with the sender's rules (WEBHOOK_TARGETS): a target that would
 * be refused at every delivery is refused now. A name that does not resolve yet is accepted; each
 * delivery checks the addresses again before connecting.
 */
export const webhookTargetPolicy: TargetPolicy = {
  async check(url: string): Promise<TargetCheck> {
    const mode = webhookTargetMode();
    const shape = checkTargetUrl(url, mode);
    if (!shape.ok) return shape;
    if (shape.address !== undefined || mode === 'local') return { ok: true };
    let addresses: string[];
    try {
      const resolved = await Promise.race([
        lookup(shape.hostname, { all: true }),
        new Promise<never>((_, reject) =>
          setTimeout(() => reject(new Error('dns timeout')), LOOKUP_TIMEOUT_MS).unref(),
        ),
      ]);
      addresses = resolved.map((entry) => entry.address);
    } catch {
      return { ok: true };
    }
    return checkResolvedAddresses(addresses, mode);
  },
};
