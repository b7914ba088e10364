import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  emailsTo,
  eventually,
  expectCleanProblem,
  newCustomer,
  readWrite,
  sentEmails,
  expectForbiddenByAuthorizer,
} from '../support/harness';
import {
  answerLinkIn,
  busMessage,
  type CampaignView,
  headerOf,
  postForm,
  sendToQueue,
  surveyEmailTo,
  surveysOf,
  surveysToken,
  tokenOf,
  withSurveySettings,
} from '../support/surveys';

const run = Date.now().toString(36);
const tag = `survey-${run}`;

interface Seeded {
  id: string;
  email?: string;
}

const seed = async (count: number, overrides: (index: number) => Record<string, unknown>) => {
  const token = await readWrite();
  const seeded: Seeded[] = [];
  for (let start = 0; start < count; start += 25) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(25, count - start) }, async (_, offset) => {
        const response = await api<Seeded>('/customers', {
          token,
          body: newCustomer({ tags: [tag], ...overrides(start + offset) }),
        });
        if (response.status !== 201) throw new Error(response.text);
        return response.body;
      }),
    );
    seeded.push(...batch);
  }
  return seeded;
};

const startCampaign = async (body: unknown) => {
  const response = await api<CampaignView>('/survey-campaigns', {
    token: await surveysToken(),
    body,
  });
  expect(response.status).toBe(202);
  return response.body;
};

const campaignWhenDone = async (id: string) => {
  const token = await surveysToken();
  return eventually(
    async () => {
      const { body } = await api<CampaignView>(`/survey-campaigns/${id}`, { token });
      return body.status === 'completed' ? body : undefined;
    },
    `campaign ${id} to complete`,
    120_000,
  );
};

describe('survey campaigns', () => {
  let eligible: Seeded[];
  let withoutConsent: Seeded[];
  let withoutEmail: Seeded[];
  let suppressed: Seeded[];
  let restoreSettings: () => Promise<void>;
  let first: CampaignView;

  beforeAll(async () => {
    // No reminders for these hundreds of surveys: other files move the shared clock by weeks.
    restoreSettings = await withSurveySettings({ sendRatePerSecond: 200, sendReminder: false });
    eligible = await seed(250, (index) => ({
      preferredLanguage: (['zh-CN', 'zh-TW', 'en'] as const)[index % 3],
    }));
    withoutConsent = await seed(20, (index) => ({
      consents: index % 2 ? { surveys: { granted: false, source: 'web-form' } } : {},
    }));
    withoutEmail = await seed(20, () => ({ email: undefined }));
    suppressed = await seed(10, () => ({}));
    for (const customer of suppressed) {
      const response = await api('/_local/ses-feedback', {
        method: 'POST',
        body: { type: 'Bounce', recipients: [customer.email] },
      });
      expect(response.status).toBe(202);
    }
    // Suppression happens on the mail-feedback queue; wait until the last address is on the list.
    await eventually(async () => {
      const events = await api<{
        items: { 'detail-type': string; detail: { data: { customerId?: string } } }[];
      }>('/_local/events');
      const bounced = new Set(
        events.body.items
          .filter((event) => event['detail-type'] === 'EmailBounced')
          .map((event) => event.detail.data.customerId),
      );
      return suppressed.every((customer) => bounced.has(customer.id)) ? true : undefined;
    }, 'every bounce to be recorded');
  }, 180_000);

  afterAll(async () => {
    await restoreSettings();
  });

  it('sends exactly one email to each eligible customer of the audience and skips the rest with reasons', async () => {
    first = await startCampaign({ name: `Q4 ${run}`, audience: { tags: [tag] } });
    expect(first.status).toBe('enumerating');
    const done = await campaignWhenDone(first.id);
    expect(done.counters).toMatchObject({
      planned: 300,
      sent: 250,
      failed: 0,
      skipped: { 'no-consent': 20, 'no-email': 20, suppressed: 10, 'recently-surveyed': 0 },
    });

    const all = await sentEmails();
    for (const customer of eligible) {
      expect(all.filter((email) => email.destination.to.includes(customer.email!))).toHaveLength(1);
    }
    for (const customer of [...withoutConsent, ...suppressed]) {
      expect(all.filter((email) => email.destination.to.includes(customer.email!))).toHaveLength(0);
    }
    const token = await surveysToken();
    const [skipped] = await surveysOf(withoutEmail[0]!.id, token);
    expect(skipped).toMatchObject({
      status: 'skipped',
      skipReason: 'no-email',
      campaignId: first.id,
    });
  }, 180_000);

  it('writes each survey email in the customer language with rating links, a comment link and one-click unsubscribe', async () => {
    const [zhCN] = await surveyEmailTo(eligible[0]!.email!);
    const [zhTW] = await surveyEmailTo(eligible[1]!.email!);
    const [en] = await surveyEmailTo(eligible[2]!.email!);
    expect(zhCN!.subject).toBe('【满意度调查】您对我们的服务满意吗？');
    expect(zhTW!.subject).toBe('【滿意度調查】您對我們的服務滿意嗎？');
    expect(en!.subject).toBe('How satisfied were you with our service?');
    for (const label of ['非常满意', '满意', '一般', '不满意', '非常不满意']) {
      expect(zhCN!.body.text).toContain(label);
      expect(zhCN!.body.html).toContain(label);
    }
    for (const score of [1, 2, 3, 4, 5]) expect(answerLinkIn(zhCN!, score)).toMatch(/^\/s\//);
    expect(answerLinkIn(zhCN!)).toMatch(/^\/s\/[^?]+$/);
    const unsubscribe = headerOf(zhCN!, 'List-Unsubscribe');
    expect(unsubscribe).toMatch(/^<http:\/\/localhost:\d+\/s\/[^>]+\/unsubscribe>$/);
    expect(headerOf(zhCN!, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(zhCN!.replyTo[0]).toMatch(/^s\.[0-9a-z]{26}\.[0-9a-f]{20}@surveys\.kefu\.local$/);
    expect(zhCN!.replyTo[0]).not.toBe(zhTW!.replyTo[0]);
  });

  it('surveys nobody twice within the throttle window, even by a second campaign', async () => {
    const before = (await sentEmails()).length;
    const second = await startCampaign({ audience: { tags: [tag] } });
    const done = await campaignWhenDone(second.id);
    expect(done.counters.sent).toBe(0);
    expect(done.counters.skipped['recently-surveyed']).toBe(250);
    expect((await sentEmails()).length).toBe(before);
  }, 180_000);

  it('changes nothing when the start event or a send message is delivered again', async () => {
    const token = await surveysToken();
    const [sent] = await surveysOf(eligible[3]!.id, token);
    await sendToQueue(
      'survey-campaigns',
      busMessage(
        'SurveyCampaignStarted',
        'kefu.surveys',
        { campaignId: first.id, trigger: 'manual' },
        ulid(),
      ),
    );
    await sendToQueue('survey-sending', { surveyId: sent!.id, purpose: 'survey' });
    await sendToQueue('survey-sending', { surveyId: sent!.id, purpose: 'survey' });
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(await emailsTo(eligible[3]!.email!)).toHaveLength(1);
    const { body } = await api<CampaignView>(`/survey-campaigns/${first.id}`, { token });
    expect(body.counters).toMatchObject({ planned: 300, sent: 250 });
  });

  it('keeps an unsubscribe: consent is withdrawn with its time, a GET changes nothing, later campaigns skip', async () => {
    const customer = eligible[4]!;
    const [email] = await surveyEmailTo(customer.email!);
    const token = tokenOf(answerLinkIn(email!));
    const confirm = await fetch(`${headerOf(email!, 'List-Unsubscribe')!.slice(1, -1)}`);
    expect(confirm.status).toBe(200);
    expect(await confirm.text()).toContain('<form method="post"');
    const unchanged = await api<{ consents: { surveys: { granted: boolean } } }>(
      `/customers/${customer.id}`,
      { token: await readWrite() },
    );
    expect(unchanged.body.consents.surveys.granted).toBe(true);

    const oneClick = await postForm(`/s/${token}/unsubscribe`, { 'List-Unsubscribe': 'One-Click' });
    expect(oneClick.status).toBe(200);
    const again = await postForm(`/s/${token}/unsubscribe`, { 'List-Unsubscribe': 'One-Click' });
    expect(again.status).toBe(200);
    const after = await api<{
      consents: { surveys: { granted: boolean; source: string; recordedAt: string } };
    }>(`/customers/${customer.id}`, { token: await readWrite() });
    expect(after.body.consents.surveys).toMatchObject({
      granted: false,
      source: 'unsubscribe-link',
    });
    expect(Date.parse(after.body.consents.surveys.recordedAt)).not.toBeNaN();
  });

  it('suppresses on a complaint and on a hard bounce, once, but not on a transient bounce', async () => {
    const [complained, transient] = await seed(2, () => ({}));
    for (const body of [
      { type: 'Complaint', recipients: [complained!.email] },
      { type: 'Complaint', recipients: [complained!.email] },
      { type: 'Bounce', bounceType: 'Transient', recipients: [transient!.email] },
    ]) {
      expect((await api('/_local/ses-feedback', { method: 'POST', body })).status).toBe(202);
    }
    const campaign = await startCampaign({ audience: { tags: [tag] } });
    const done = await campaignWhenDone(campaign.id);
    expect(done.counters.skipped.suppressed).toBe(11);
    expect(done.counters.sent).toBe(1);
    expect(await emailsTo(transient!.email!)).toHaveLength(1);
    expect(await emailsTo(complained!.email!)).toHaveLength(0);
    const events = await api<{
      items: { 'detail-type': string; detail: { data: { customerId?: string } } }[];
    }>('/_local/events');
    expect(
      events.body.items.filter(
        (event) =>
          event['detail-type'] === 'EmailBounced' &&
          event.detail.data.customerId === complained!.id,
      ),
    ).toHaveLength(1);
    // The unsubscribed customer of the previous test counts as without consent now.
    expect(done.counters.skipped['no-consent']).toBe(21);
  }, 180_000);

  it('never sends faster than the configured SES rate', async () => {
    const restore = await withSurveySettings({ sendRatePerSecond: 10 });
    try {
      const paced = await seed(40, () => ({ tags: [`${tag}-paced`] }));
      const campaign = await startCampaign({ audience: { tags: [`${tag}-paced`] } });
      expect((await campaignWhenDone(campaign.id)).counters.sent).toBe(40);
      const addresses = new Set(paced.map((customer) => customer.email));
      const perSecond = new Map<number, number>();
      for (const email of await sentEmails()) {
        if (!email.destination.to.some((to) => addresses.has(to))) continue;
        perSecond.set(email.at, (perSecond.get(email.at) ?? 0) + 1);
      }
      // A full bucket (one second's worth) plus one second of refill, at most, in any second.
      expect(Math.max(...perSecond.values())).toBeLessThanOrEqual(20);
      expect(perSecond.size).toBeGreaterThanOrEqual(3);
    } finally {
      await restore();
    }
  }, 120_000);

  it('refuses bad campaign requests with precise problems', async () => {
    const token = await surveysToken();
    expectCleanProblem(
      await api('/survey-campaigns', { token, body: { audience: { tiers: ['diamond'] } } }),
      400,
      'validation-failed',
    );
    expectCleanProblem(
      await api('/survey-campaigns', { token, body: { audience: {}, extra: 1 } }),
      400,
      'validation-failed',
    );
    expectCleanProblem(
      await api('/survey-campaigns', { token, body: { audience: { lastServiceWithinDays: 0 } } }),
      400,
      'validation-failed',
    );
    expectCleanProblem(
      await api('/survey-campaigns', { token, body: 'x'.repeat(70_000) }),
      413,
      'payload-too-large',
    );
    expectCleanProblem(
      await api('/survey-campaigns/not-an-id', { token }),
      400,
      'validation-failed',
    );
    expectCleanProblem(
      await api('/survey-campaigns/01ARZ3NDEKTSV4RRFFQ69G5FAV', { token }),
      404,
      'not-found',
    );
    expectForbiddenByAuthorizer(
      await api('/survey-campaigns', { token: await readWrite(), body: { audience: {} } }),
      ['surveys:write'],
    );
  });
});
