import { describe, expect, it } from 'vitest';
import {
  type Consent,
  createCustomer,
  type Customer,
  mayContact,
  migrateCustomer,
} from '../../../shared/domain/customers/customer';
import {
  checkConsentNotice,
  consentStanding,
  type NoticeInput,
  type PrivacyNotice,
  publishNotice,
} from '../../../shared/domain/customers/privacy-notice';
import { DomainError } from '../../../shared/domain/errors';

const texts = (word: string) => ({ 'zh-CN': `简体${word}`, 'zh-TW': `繁體${word}`, en: word });
const input = (change: Partial<NoticeInput> = {}): NoticeInput => ({
  title: texts('Privacy'),
  text: texts('We collect your email to send surveys.'),
  purposes: ['surveys'],
  material: false,
  ...change,
});
const T0 = new Date('2031-03-01T00:00:00.000Z');
const T1 = new Date('2031-04-01T00:00:00.000Z');

const published = (...changes: Partial<NoticeInput>[]) => {
  let notice: PrivacyNotice | undefined;
  let version;
  for (const [index, change] of changes.entries()) {
    const next = publishNotice(
      'shop',
      notice,
      version,
      input(change),
      new Date(T0.getTime() + index * 86_400_000),
      'admin-1',
    );
    if (next === 'unchanged') throw new Error('unchanged');
    notice = next.notice;
    version = next.version;
  }
  return notice!;
};

const grant = (version?: number): Consent => ({
  granted: true,
  source: 'web-form',
  recordedAt: T1.toISOString(),
  ...(version ? { noticeVersion: { noticeId: 'shop', version } } : {}),
});

describe('publishing a privacy notice', () => {
  it('starts at version 1, every purpose counting from it, and keeps a history', () => {
    const first = publishNotice('shop', undefined, undefined, input(), T0, 'admin-1');
    expect(first).not.toBe('unchanged');
    if (first === 'unchanged') return;
    expect(first.notice).toMatchObject({
      id: 'shop',
      currentVersion: 1,
      version: 1,
      purposes: ['surveys'],
      freshConsentSince: { surveys: 1 },
      history: [{ version: 1, publishedAt: T0.toISOString(), material: false }],
    });
    expect(first.version).toMatchObject({ noticeId: 'shop', version: 1, publishedBy: 'admin-1' });
    expect(first.freshConsentRequired).toEqual([]);
  });

  it('publishes nothing when the body repeats the current version (a retried PUT)', () => {
    const first = publishNotice('shop', undefined, undefined, input(), T0, 'a');
    if (first === 'unchanged') throw new Error('first');
    expect(publishNotice('shop', first.notice, first.version, input(), T1, 'a')).toBe('unchanged');
  });

  it('refuses a material change that changes nothing, naming #/material', () => {
    const first = publishNotice('shop', undefined, undefined, input(), T0, 'a');
    if (first === 'unchanged') throw new Error('first');
    expect(() =>
      publishNotice('shop', first.notice, first.version, input({ material: true }), T1, 'a'),
    ).toThrow(
      expect.objectContaining({
        kind: 'rule-violated',
        details: { errors: [expect.objectContaining({ pointer: '#/material' })] },
      }),
    );
  });

  it('a material change raises the version consents must name, for each purpose it covers', () => {
    const notice = published({}, { text: texts('Now we also share it.'), material: true });
    expect(notice.freshConsentSince).toEqual({ surveys: 2 });
    expect(consentStanding('surveys', grant(1), () => notice)).toBe('fresh-consent-required');
    expect(consentStanding('surveys', grant(2), () => notice)).toBe('granted');
  });

  it('a change that is not material leaves consents to older versions counting', () => {
    const notice = published({}, { text: texts('Typo fixed.') });
    expect(notice.freshConsentSince).toEqual({ surveys: 1 });
    expect(consentStanding('surveys', grant(1), () => notice)).toBe('granted');
  });

  it('a purpose added later counts from the version that added it; a dropped one stops', () => {
    const notice = published({}, { purposes: ['surveys', 'marketing'] }, { purposes: ['surveys'] });
    expect(notice.freshConsentSince).toEqual({ surveys: 1, marketing: 2 });
    expect(consentStanding('marketing', grant(2), () => notice)).toBe('fresh-consent-required');
    expect(consentStanding('surveys', grant(1), () => notice)).toBe('granted');
  });

  it('keeps purposes in one order whatever order they came in', () => {
    const notice = published({ purposes: ['serviceContact', 'surveys'] });
    expect(notice.purposes).toEqual(['surveys', 'serviceContact']);
  });
});

describe('what a consent says about its notice', () => {
  const notice = published({}, { purposes: ['surveys', 'marketing'] });
  const check = (purpose: 'surveys' | 'marketing', version: number, at?: string) => () =>
    checkConsentNotice(
      purpose,
      {
        granted: true,
        source: 'web-form',
        noticeVersion: { noticeId: 'shop', version },
        ...(at ? { at } : {}),
      },
      notice,
      T1,
    );
  const pointerOf = (work: () => void) => {
    try {
      work();
    } catch (error) {
      if (error instanceof DomainError) {
        return [error.kind, (error.details.errors as { pointer: string }[])[0]!.pointer];
      }
    }
    return undefined;
  };

  it('accepts a version that exists, covers the purpose and was published before the consent', () => {
    expect(check('surveys', 1)).not.toThrow();
    expect(check('marketing', 2)).not.toThrow();
  });

  it('refuses an unknown notice, an unknown version, a purpose the version does not cover, a consent older than its version', () => {
    expect(
      pointerOf(() =>
        checkConsentNotice(
          'surveys',
          { granted: true, source: 'x', noticeVersion: { noticeId: 'other', version: 1 } },
          undefined,
          T1,
        ),
      ),
    ).toEqual(['invalid-reference', '#/consents/surveys/noticeVersion/noticeId']);
    expect(pointerOf(check('surveys', 3))).toEqual([
      'invalid-reference',
      '#/consents/surveys/noticeVersion/version',
    ]);
    expect(pointerOf(check('marketing', 1))).toEqual([
      'invalid-reference',
      '#/consents/marketing/noticeVersion/version',
    ]);
    expect(pointerOf(check('surveys', 2, '2031-03-01T12:00:00.000Z'))).toEqual([
      'invalid-reference',
      '#/consents/surveys/noticeVersion/version',
    ]);
  });

  it('reads a grant that names no notice as it was given, and fails closed on an unreadable notice', () => {
    expect(consentStanding('surveys', grant(), () => undefined)).toBe('granted');
    expect(consentStanding('surveys', grant(1), () => undefined)).toBe('fresh-consent-required');
    expect(consentStanding('surveys', { ...grant(1), granted: false }, () => notice)).toBe(
      'not-granted',
    );
  });
});

describe('serviceContact, the purpose of revisit calls', () => {
  const stored = (surveys: Consent): Customer => {
    const customer = createCustomer('K1', { name: 'Li', email: 'li@example.com' }, T0);
    const { serviceContact: _, ...older } = customer.consents;
    return { ...customer, consents: { ...older, surveys } as Customer['consents'] };
  };

  it('is read from a customer stored before it: a surveys refusal stays a refusal of calls', () => {
    const refused = { granted: false, source: 'unsubscribe-link', recordedAt: T1.toISOString() };
    expect(migrateCustomer(stored(refused)).consents.serviceContact).toEqual({
      granted: false,
      source: 'migrated-from-surveys',
      recordedAt: T1.toISOString(),
    });
  });

  it('is not asked for a customer who granted surveys or was never asked: no consent is invented', () => {
    for (const surveys of [
      grant(),
      { granted: false, source: 'not-asked', recordedAt: T0.toISOString() },
    ]) {
      const read = migrateCustomer(stored(surveys));
      expect(read.consents.serviceContact).toEqual({
        granted: false,
        source: 'not-asked',
        recordedAt: T0.toISOString(),
      });
      expect(read.consents.surveys).toEqual(surveys);
      expect(mayContact(read, 'serviceContact')).toBe(true);
    }
  });

  it('leaves a customer that has it as it is', () => {
    const customer = createCustomer('K1', { name: 'Li', email: 'li@example.com' }, T0);
    expect(migrateCustomer(customer)).toBe(customer);
  });

  it('allows calls unless refused, while surveys and marketing need a grant', () => {
    const customer = createCustomer('K1', { name: 'Li', email: 'li@example.com' }, T0);
    expect(mayContact(customer, 'serviceContact')).toBe(true);
    expect(mayContact(customer, 'surveys')).toBe(false);
    expect(mayContact(customer, 'marketing')).toBe(false);
    const refused = createCustomer(
      'K2',
      {
        name: 'Li',
        email: 'li2@example.com',
        consents: { serviceContact: { granted: false, source: 'call-centre' } },
      },
      T0,
    );
    expect(mayContact(refused, 'serviceContact')).toBe(false);
  });
});
