import type { ComplaintLinks } from '../services/complaints/ports';
import { signToken, verifyToken } from './signed-tokens';
import { ENVIRONMENT, requiredVariable } from './environment';

const PURPOSE = 'complaint-progress';

/**
 * How long a progress link works: long enough for the case, the 30-day reopen window and a
 * slow reader; the result email issues fresh links.
 */
export const COMPLAINT_LINK_VALID_DAYS = 90;
const DAY_MS = 86_400_000;

const baseUrl = (): string => requiredVariable(ENVIRONMENT.publicBaseUrl);

const issue = (complaintId: string, now: Date) =>
  signToken(PURPOSE, {
    c: complaintId,
    e: Math.floor((now.getTime() + COMPLAINT_LINK_VALID_DAYS * DAY_MS) / 1000),
  });

/** `/c/<token>`: the token names one complaint, expires, and cannot be forged or reused elsewhere. */
export const complaintLinks: ComplaintLinks = {
  progressUrl: async (complaintId, now) =>
    `${baseUrl()}/c/${encodeURIComponent(await issue(complaintId, now))}`,
  answerUrl: async (complaintId, now, round, answer) =>
    `${baseUrl()}/c/${encodeURIComponent(await issue(complaintId, now))}?${new URLSearchParams({
      answer,
      round,
    })}`,
  complaintOfToken: async (token, now) => {
    const content = (await verifyToken(PURPOSE, token)) as { c?: unknown; e?: unknown } | undefined;
    if (typeof content?.c !== 'string' || typeof content.e !== 'number') return undefined;
    return content.e * 1000 > now.getTime() ? content.c : undefined;
  },
};
