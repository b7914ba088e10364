import { signToken, verifyToken } from './signed-tokens';

const PURPOSE = 'survey-answer';

export type SurveyTokenReading =
  { valid: true; surveyId: string } | { valid: false; reason: 'forged' | 'expired' };

/** The token in a survey's answer links: names one survey, expires, cannot be forged. */
export const issueSurveyToken = (surveyId: string, expiresAt: Date): Promise<string> =>
  signToken(PURPOSE, { s: surveyId, e: Math.floor(expiresAt.getTime() / 1000) });

export const readSurveyToken = async (token: string, now: Date): Promise<SurveyTokenReading> => {
  const content = (await verifyToken(PURPOSE, token)) as { s?: unknown; e?: unknown } | undefined;
  if (typeof content?.s !== 'string' || typeof content.e !== 'number') {
    return { valid: false, reason: 'forged' };
  }
  if (content.e * 1000 <= now.getTime()) return { valid: false, reason: 'expired' };
  return { valid: true, surveyId: content.s };
};
