import { beforeAll, describe, expect, it } from 'vitest';
import { useUnitSigningKey } from '../../support/unit-signing-key';
import { encodeCursor } from '../../../shared/http/cursor';
import {
  issueSurveyToken,
  readSurveyToken,
  surveyOfReplyAddress,
  surveyReplyAddress,
} from '../../../shared/adapters/survey-tokens';
import { surveyMail } from '../../../shared/presentation/mail/survey-mails';

beforeAll(() => {
  useUnitSigningKey();
});

const now = new Date('2026-11-23T00:00:00Z');
const in30Days = new Date('2026-12-23T00:00:00Z');

describe('survey answer tokens', () => {
  it('name one survey until they expire', async () => {
    const token = await issueSurveyToken('SURVEY-1', in30Days);
    expect(await readSurveyToken(token, now)).toEqual({ valid: true, surveyId: 'SURVEY-1' });
    expect(await readSurveyToken(token, in30Days)).toEqual({
      valid: false,
      reason: 'expired',
      surveyId: 'SURVEY-1',
    });
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

describe('survey reply addresses', () => {
  const id = '01KAW8Z4X7C2F3GQJ5M6N7P8R9';
  it('name one survey, survive case folding, and cannot be forged or moved to another domain', async () => {
    const address = await surveyReplyAddress(id, 'surveys.kefu.local');
    expect(address).toMatch(/^s\.01kaw8z4x7c2f3gqj5m6n7p8r9\.[0-9a-f]{20}@surveys\.kefu\.local$/);
    expect(address.split('@')[0]!.length).toBeLessThanOrEqual(64);
    expect(await surveyOfReplyAddress(address, 'surveys.kefu.local')).toBe(id);
    expect(await surveyOfReplyAddress(address.toUpperCase(), 'surveys.kefu.local')).toBe(id);
    const otherSurvey = address.replace('r9.', 'r8.');
    expect(await surveyOfReplyAddress(otherSurvey, 'surveys.kefu.local')).toBeUndefined();
    expect(await surveyOfReplyAddress(address, 'evil.example')).toBeUndefined();
    expect(
      await surveyOfReplyAddress('complaints@kefu.local', 'surveys.kefu.local'),
    ).toBeUndefined();
  });
});

describe('survey emails', () => {
  const links = {
    rate: (score: number) => `https://kefu.example/s/T?score=${score}`,
    comment: 'https://kefu.example/s/T',
    unsubscribe: 'https://kefu.example/s/T/unsubscribe',
  };
  it('carry five rating links, a comment link and an unsubscribe link in text and HTML, escaped', () => {
    const mail = surveyMail({
      language: 'en',
      customerName: '<img src=x onerror=alert(1)>',
      about: { type: 'complaint', id: 'C', label: 'KF-20261123-ABC123' },
      links,
      reminder: false,
    });
    for (const score of [1, 2, 3, 4, 5]) {
      expect(mail.text).toContain(`score=${score}`);
      expect(mail.html).toContain(`href="https://kefu.example/s/T?score=${score}"`);
    }
    expect(mail.text).toContain('KF-20261123-ABC123');
    expect(mail.html).toContain('href="https://kefu.example/s/T/unsubscribe"');
    expect(mail.html).not.toContain('<img src=x');
    expect(mail.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('say reminder in the subject of the reminder, in the customer language', () => {
    const remind = (language: 'zh-CN' | 'zh-TW' | 'en') =>
      surveyMail({ language, customerName: 'A', links, reminder: true }).subject;
    expect(remind('zh-CN')).toBe('【提醒】【满意度调查】您对我们的服务满意吗？');
    expect(remind('zh-TW')).toBe('【提醒】【滿意度調查】您對我們的服務滿意嗎？');
    expect(remind('en')).toBe('Reminder: How satisfied were you with our service?');
  });
});
