import { createHmac, timingSafeEqual } from 'node:crypto';
import type { SurveyTokenReading } from '../services/surveys/ports';
import { signingKey } from './signing-key';
import { signToken, verifyToken } from './signed-tokens';

const PURPOSE = 'survey-answer';

export type { SurveyTokenReading };

/** The token in a survey's answer links: names one survey, expires, cannot be forged. */
export const issueSurveyToken = (surveyId: string, expiresAt: Date): Promise<string> =>
  signToken(PURPOSE, { s: surveyId, e: Math.floor(expiresAt.getTime() / 1000) });

/** An expired token still names its survey (an unsubscribe link keeps working). */
export const readSurveyToken = async (token: string, now: Date): Promise<SurveyTokenReading> => {
  const content = (await verifyToken(PURPOSE, token)) as { s?: unknown; e?: unknown } | undefined;
  if (typeof content?.s !== 'string' || typeof content.e !== 'number') {
    return { valid: false, reason: 'forged' };
  }
  if (content.e * 1000 <= now.getTime()) {
    return { valid: false, reason: 'expired', surveyId: content.s };
  }
  return { valid: true, surveyId: content.s };
};

const REPLY_PURPOSE = 'survey-reply';
/** 80 bits of MAC: the local part stays under 64 characters and cannot be guessed. */
const REPLY_MAC_LENGTH = 20;

const replyMac = async (surveyId: string) =>
  createHmac('sha256', await signingKey())
    .update(`${REPLY_PURPOSE}\n${surveyId}`)
    .digest('hex')
    .slice(0, REPLY_MAC_LENGTH);

/**
 * The Reply-To of a survey email: `s.<survey id>.<mac>@<domain>`, lower case because mail
 * systems may fold the local part's case. A reply is matched to its survey by this address.
 */
export const surveyReplyAddress = async (surveyId: string, domain: string): Promise<string> =>
  `s.${surveyId.toLowerCase()}.${await replyMac(surveyId.toUpperCase())}@${domain}`;

const REPLY_LOCAL_PART = /^s\.([0-9a-hjkmnp-tv-z]{26})\.([0-9a-f]{20})$/;

/** The survey a reply address names, if the address is genuine. */
export const surveyOfReplyAddress = async (
  address: string,
  domain: string,
): Promise<string | undefined> => {
  const [local, host] = address.toLowerCase().split('@');
  if (!local || host !== domain.toLowerCase()) return undefined;
  const match = REPLY_LOCAL_PART.exec(local);
  if (!match?.[1] || !match[2]) return undefined;
  const surveyId = match[1].toUpperCase();
  const expected = Buffer.from(await replyMac(surveyId));
  const given = Buffer.from(match[2]);
  return expected.length === given.length && timingSafeEqual(expected, given)
    ? surveyId
    : undefined;
};
