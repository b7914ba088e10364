import { beforeEach, describe, expect, it } from 'vitest';
import type { NoticeInput } from '../../../shared/domain/customers/privacy-notice';
import { forgetCalendars } from '../../../shared/services/complaints/calendar-source';
import {
  correctCustomer,
  registerCustomer,
} from '../../../shared/services/customers/customer-service';
import {
  getPrivacyNotice,
  getPrivacyNoticeVersion,
  publishPrivacyNotice,
} from '../../../shared/services/customers/privacy-notices';
import { planAfterCaseSurvey } from '../../../shared/services/surveys/planning';
import { sendSurveyWork } from '../../../shared/services/surveys/sending';
import { InMemoryPrivacyNotices } from '../../support/fakes/customers';
import { surveyWorld, type SurveyWorld } from '../../support/fakes/survey-world';

const texts = (en: string) => ({ 'zh-CN': `简${en}`, 'zh-TW': `繁${en}`, en });
const notice = (change: Partial<NoticeInput> = {}): NoticeInput => ({
  title: texts('Privacy'),
  text: texts('We send surveys.'),
  purposes: ['surveys'],
  material: false,
  ...change,
});

let world: SurveyWorld;
let notices: InMemoryPrivacyNotices;
const noticeDeps = () => ({ notices, clock: world.clock, ids: world.deps.ids });

beforeEach(() => {
  forgetCalendars();
  world = surveyWorld();
  // One store of heads: what the notice service writes is what consents are read against.
  notices = new InMemoryPrivacyNotices(world.customers.notices, world.outbox);
});

describe('publishing notices', () => {
  it('writes each version with its event, and nothing for a repeat', async () => {
    const first = await publishPrivacyNotice(noticeDeps(), 'shop', notice(), 'admin-1');
    expect(first).toMatchObject({ created: true, published: true });
    const repeat = await publishPrivacyNotice(noticeDeps(), 'shop', notice(), 'admin-1');
    expect(repeat).toMatchObject({ created: false, published: false });
    const second = await publishPrivacyNotice(
      noticeDeps(),
      'shop',
      notice({ text: texts('We share surveys.'), material: true }),
      'admin-2',
    );
    expect(second.notice.currentVersion).toBe(2);
    expect(world.outbox.ofType('PrivacyNoticePublished').map((event) => event.detail)).toEqual([
      {
        noticeId: 'shop',
        version: 1,
        purposes: ['surveys'],
        material: false,
        freshConsentRequired: [],
        publishedBy: 'admin-1',
      },
      {
        noticeId: 'shop',
        version: 2,
        purposes: ['surveys'],
        material: true,
        freshConsentRequired: ['surveys'],
        publishedBy: 'admin-2',
      },
    ]);
    expect((await getPrivacyNoticeVersion(noticeDeps(), 'shop', 1)).text.en).toBe(
      'We send surveys.',
    );
    expect((await getPrivacyNotice(noticeDeps(), 'shop')).current.version).toBe(2);
  });

  it('answers unknown notices and versions as not found', async () => {
    await expect(getPrivacyNotice(noticeDeps(), 'none')).rejects.toMatchObject({
      kind: 'not-found',
    });
    await publishPrivacyNotice(noticeDeps(), 'shop', notice(), 'a');
    await expect(getPrivacyNoticeVersion(noticeDeps(), 'shop', 2)).rejects.toMatchObject({
      kind: 'not-found',
      details: { version: 2 },
    });
  });
});

describe('consents to a notice version', () => {
  beforeEach(async () => {
    await publishPrivacyNotice(noticeDeps(), 'shop', notice(), 'a');
  });

  it('registers a customer with the version, and refuses one the notice does not have', async () => {
    const customer = await registerCustomer(world.deps, {
      name: 'Li',
      email: 'li@example.test',
      consents: {
        surveys: {
          granted: true,
          source: 'web-form',
          noticeVersion: { noticeId: 'shop', version: 1 },
        },
      },
    });
    expect(customer.consents.surveys.noticeVersion).toEqual({ noticeId: 'shop', version: 1 });
    await expect(
      correctCustomer(world.deps, customer.id, customer.version, {
        consents: {
          surveys: {
            granted: true,
            source: 'web-form',
            noticeVersion: { noticeId: 'shop', version: 2 },
          },
        },
      }),
    ).rejects.toMatchObject({
      kind: 'invalid-reference',
      details: { errors: [{ pointer: '#/consents/surveys/noticeVersion/version' }] },
    });
    expect((await world.customers.get(customer.id))?.version).toBe(customer.version);
  });

  it('skips a due survey whose consent names a version changed materially since, and says why', async () => {
    world.customers.seed('K1', {
      consents: {
        surveys: {
          granted: true,
          source: 'web-form',
          recordedAt: '2031-01-01T00:00:00.000Z',
          noticeVersion: { noticeId: 'shop', version: 1 },
        },
        marketing: { granted: false, source: 'not-asked', recordedAt: '2031-01-01T00:00:00.000Z' },
        serviceContact: {
          granted: false,
          source: 'not-asked',
          recordedAt: '2031-01-01T00:00:00.000Z',
        },
      },
    });
    await planAfterCaseSurvey(world.deps, {
      kind: 'after-complaint',
      customerId: 'K1',
      about: { type: 'complaint', id: 'C1', department: 'logistics' },
      endedAt: world.clock.now().toISOString(),
    });
    const survey = [...world.surveys.surveys.values()].find((s) => s.customerId === 'K1')!;
    await publishPrivacyNotice(
      noticeDeps(),
      'shop',
      notice({ text: texts('We now share it.'), material: true }),
      'a',
    );
    world.clock.set(survey.sendAt);
    expect(await sendSurveyWork(world.deps, { surveyId: survey.id, purpose: 'survey' })).toBe(
      'skipped: fresh-consent-required',
    );
    expect((await world.surveys.get(survey.id))?.skipReason).toBe('fresh-consent-required');
    expect(world.mailer.sent).toHaveLength(0);
  });
});
