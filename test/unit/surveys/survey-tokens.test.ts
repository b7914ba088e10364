import { beforeAll, describe, expect, it } from 'vitest';
import { encodeCursor } from '../../../shared/http/cursor';
import { issueSurveyToken, readSurveyToken } from '../../../shared/adapters/survey-tokens';

beforeAll(() => {
  process.env.SIGNING_KEY = 'unit-test-key';
});

const now = new Date('2026-11-23T00:00:00Z');
const in30Days = new Date('2026-12-23T00:00:00Z');

describe('survey answer tokens', () => {
  it('name one survey until they expire', async () => {
    const token = await issueSurveyToken('SURVEY-1', in30Days);
    expect(await readSurveyToken(token, now)).toEqual({ valid: true, surveyId: 'SURVEY-1' });
    expect(await readSurveyToken(token, in30Days)).toEqual({ valid: false, reason: 'expired' });
  });

  it('cannot be forged, altered, or made from a cursor', async () => {
    const token = await issueSurveyToken('SURVEY-1', in30Days);
    const [, signature] = token.split('.');
    const otherSurvey = Buffer.from(JSON.stringify({ s: 'SURVEY-2', e: 1_900_000_000 })).toString(
      'base64url',
    );
    expect(await readSurveyToken(`${otherSurvey}.${signature}`, now)).toEqual({
      valid: false,
      reason: 'forged',
    });
    expect(await readSurveyToken('garbage', now)).toEqual({ valid: false, reason: 'forged' });
    const cursor = (await encodeCursor('customers', { s: 'SURVEY-1', e: 1_900_000_000 })) ?? '';
    expect(await readSurveyToken(cursor, now)).toEqual({ valid: false, reason: 'forged' });
  });
});
