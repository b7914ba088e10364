import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  documents,
  eventually,
  expectCleanProblem,
  itemsUnder,
  newCustomer,
  readWrite,
  stack,
  tokenFor,
} from '../support/harness';
import { type CampaignView, surveysOf, surveysToken, type SurveyView } from '../support/surveys';

const run = Date.now().toString(36);
const noticeId = `shop-${run}`;
const tag = `notice-${run}`;

const texts = (en: string) => ({ 'zh-CN': `简体：${en}`, 'zh-TW': `繁體：${en}`, en });
const noticeBody = (change: Record<string, unknown> = {}) => ({
  title: texts('How we use your data'),
  text: texts('We keep your email to send satisfaction surveys; only service staff see it.'),
  purposes: ['surveys', 'serviceContact'],
  material: false,
  ...change,
});

interface NoticeView {
  id: string;
  currentVersion: number;
  purposes: string[];
  freshConsentSince: Record<string, number>;
  history: { version: number; material: boolean }[];
  current: { version: number; text: Record<string, string>; publishedBy: string };
}

interface CustomerView {
  id: string;
  version: number;
  consents: Record<
    string,
    {
      granted: boolean;
      source: string;
      recordedAt: string;
      noticeVersion?: { noticeId: string; version: number };
    }
  >;
}

let admin: string;
let staff: string;
let writer: string;

const publish = (id: string, body: unknown, token = admin) =>
  api<NoticeView>(`/privacy-notices/${id}`, { method: 'PUT', token, body });

const createCustomer = (overrides: Record<string, unknown>) =>
  api<CustomerView>('/customers', {
    token: writer,
    body: newCustomer({ tags: [tag], ...overrides }),
  });

const consentTo = (version: number, notice = noticeId) => ({
  granted: true,
  source: 'web-form',
  noticeVersion: { noticeId: notice, version },
});

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

const runCampaign = async (audienceTag: string) => {
  const started = await api<CampaignView>('/survey-campaigns', {
    token: await surveysToken(),
    body: { name: `notices ${run}`, audience: { tags: [audienceTag] } },
  });
  expect(started.status, started.text).toBe(202);
  return campaignWhenDone(started.body.id);
};

const campaignSurveyOf = async (customerId: string, campaignId: string) => {
  const token = await surveysToken();
  return eventually(async () => {
    const surveys: SurveyView[] = await surveysOf(customerId, token);
    const found = surveys.find((survey) => survey.campaignId === campaignId);
    return found && found.status !== 'scheduled' ? found : undefined;
  }, `the survey of ${customerId} in ${campaignId}`);
};

beforeAll(async () => {
  admin = await tokenFor(['admin']);
  staff = await tokenFor(['customers:read']);
  writer = await readWrite();
});

describe('publishing privacy notices', () => {
  it('publishes version 1 (201), readable by staff with its texts and history', async () => {
    const first = await publish(noticeId, noticeBody());
    expect(first.status, first.text).toBe(201);
    expect(first.body).toMatchObject({
      id: noticeId,
      currentVersion: 1,
      purposes: ['surveys', 'serviceContact'],
      freshConsentSince: { surveys: 1, serviceContact: 1 },
      history: [{ version: 1, material: false }],
      current: { version: 1, text: noticeBody().text },
    });
    const read = await api<NoticeView>(`/privacy-notices/${noticeId}`, { token: staff });
    expect(read.status).toBe(200);
    expect(read.body).toEqual(first.body);
    const version = await api(`/privacy-notices/${noticeId}/versions/1`, { token: staff });
    expect(version.status).toBe(200);
    expect(version.body).toEqual(first.body.current);
    const listed = await api<{ items: { id: string }[] }>('/privacy-notices?limit=100', {
      token: staff,
    });
    expect(listed.body.items.map((notice) => notice.id)).toContain(noticeId);
  });

  it('publishes nothing for a repeated PUT (200, the same version), and refuses an empty material change', async () => {
    const again = await publish(noticeId, noticeBody());
    expect(again.status).toBe(200);
    expect(again.body.currentVersion).toBe(1);
    const before = await itemsUnder(`PRIVACY_NOTICE#${noticeId}`);
    const empty = await publish(noticeId, noticeBody({ material: true }));
    expectCleanProblem(empty, 422, 'rule-violated');
    expect(await itemsUnder(`PRIVACY_NOTICE#${noticeId}`)).toEqual(before);
  });

  it('is written by admins only; staff without admin get 403', async () => {
    const refused = await publish(`other-${run}`, noticeBody(), staff);
    expect(refused.status).toBe(403);
    expect((await api(`/privacy-notices/other-${run}`, { token: staff })).status).toBe(404);
  });

  it('answers unknown notices and versions with 404', async () => {
    expectCleanProblem(
      await api(`/privacy-notices/nobody-${run}`, { token: staff }),
      404,
      'not-found',
    );
    expectCleanProblem(
      await api(`/privacy-notices/${noticeId}/versions/7`, { token: staff }),
      404,
      'not-found',
    );
  });
});

describe('consents that name a notice version', () => {
  it('refuses a version that does not exist, a notice that does not, a purpose it does not cover — nothing written', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ surveys: consentTo(5) }, '#/consents/surveys/noticeVersion/version'],
      [{ surveys: consentTo(1, `nobody-${run}`) }, '#/consents/surveys/noticeVersion/noticeId'],
      [{ marketing: consentTo(1) }, '#/consents/marketing/noticeVersion/version'],
      [
        { surveys: { ...consentTo(1), at: '2020-01-01T00:00:00Z' } },
        '#/consents/surveys/noticeVersion/version',
      ],
    ];
    for (const [consents, pointer] of cases) {
      const body = newCustomer({ consents });
      const response = await api('/customers', { token: writer, body });
      expectCleanProblem(response, 400, 'validation-failed');
      expect((response.body as { errors: { pointer: string }[] }).errors).toEqual([
        expect.objectContaining({ pointer }),
      ]);
      const lookup = await api<{ items: unknown[] }>(
        `/customers?email=${encodeURIComponent(body.email)}`,
        { token: writer },
      );
      expect(lookup.body.items).toEqual([]);
    }
  });

  it("refuses a bad notice version in a complaint's inline customer, pointing into it, filing nothing", async () => {
    const customer = newCustomer({ consents: { surveys: consentTo(3) } });
    const response = await api('/complaints', {
      token: await tokenFor(['complaints:write']),
      body: { channel: 'web', subject: 'x', description: 'x', customer },
    });
    expectCleanProblem(response, 400, 'validation-failed');
    expect((response.body as { errors: { pointer: string }[] }).errors).toEqual([
      expect.objectContaining({ pointer: '#/customer/consents/surveys/noticeVersion/version' }),
    ]);
    const lookup = await api<{ items: unknown[] }>(
      `/customers?email=${encodeURIComponent(customer.email)}`,
      { token: writer },
    );
    expect(lookup.body.items).toEqual([]);
  });

  it('refuses a bad notice version in a correction too, leaving the customer unchanged', async () => {
    const created = await createCustomer({ tags: [`patch-${run}`] });
    const patch = await api(`/customers/${created.body.id}`, {
      method: 'PATCH',
      token: writer,
      headers: { 'if-match': `"v${created.body.version}"` },
      body: { consents: { surveys: consentTo(9) } },
    });
    expectCleanProblem(patch, 400, 'validation-failed');
    const after = await api<CustomerView>(`/customers/${created.body.id}`, { token: writer });
    expect(after.body.version).toBe(created.body.version);
  });

  it('keeps the notice version on the consent and shows it, with the text, in the export', async () => {
    const created = await createCustomer({
      consents: { surveys: consentTo(1), serviceContact: consentTo(1) },
      tags: [`export-${run}`],
    });
    expect(created.status, created.text).toBe(201);
    expect(created.body.consents.surveys).toMatchObject({
      granted: true,
      noticeVersion: { noticeId, version: 1 },
    });
    const exported = await api<{
      customer: CustomerView;
      privacyNotices: { noticeId: string; version: number; text: Record<string, string> }[];
    }>(`/customers/${created.body.id}/export`, { token: staff });
    expect(exported.status).toBe(200);
    expect(exported.body.customer.consents.surveys?.noticeVersion).toEqual({
      noticeId,
      version: 1,
    });
    expect(exported.body.privacyNotices).toEqual([
      expect.objectContaining({ noticeId, version: 1, text: noticeBody().text }),
    ]);
  });

  it('reads a customer stored before serviceContact as it was: a surveys refusal still refuses calls', async () => {
    const refused = await createCustomer({
      consents: { surveys: { granted: false, source: 'call-centre' } },
      tags: [`legacy-${run}`],
    });
    const granted = await createCustomer({ tags: [`legacy-${run}`] });
    for (const id of [refused.body.id, granted.body.id]) {
      await documents.send(
        new UpdateCommand({
          TableName: stack.tableName,
          Key: { pk: `CUSTOMER#${id}`, sk: 'PROFILE' },
          UpdateExpression: 'REMOVE consents.serviceContact',
        }),
      );
    }
    const readRefused = await api<CustomerView>(`/customers/${refused.body.id}`, {
      token: writer,
    });
    expect(readRefused.body.consents.serviceContact).toEqual({
      granted: false,
      source: 'migrated-from-surveys',
      recordedAt: refused.body.consents.surveys!.recordedAt,
    });
    const readGranted = await api<CustomerView>(`/customers/${granted.body.id}`, {
      token: writer,
    });
    expect(readGranted.body.consents.serviceContact).toMatchObject({
      granted: false,
      source: 'not-asked',
    });
    expect(readGranted.body.consents.surveys).toEqual(granted.body.consents.surveys);
  });
});

describe('a material change of the notice', () => {
  let toOld: CustomerView;
  let withoutNotice: CustomerView;
  let toNew: CustomerView;
  let material: NoticeView;

  beforeAll(async () => {
    toOld = (await createCustomer({ consents: { surveys: consentTo(1) } })).body;
    withoutNotice = (await createCustomer({})).body;
    const changed = await publish(
      noticeId,
      noticeBody({
        text: texts('We now also share your email with our survey partner.'),
        material: true,
      }),
    );
    expect(changed.status, changed.text).toBe(200);
    material = changed.body;
    toNew = (await createCustomer({ consents: { surveys: consentTo(2) } })).body;
  });

  it('marks its purposes as needing consent to the new version', () => {
    expect(material).toMatchObject({
      currentVersion: 2,
      freshConsentSince: { surveys: 2, serviceContact: 2 },
      history: [
        { version: 1, material: false },
        { version: 2, material: true },
      ],
    });
  });

  it('stops survey sends for customers who consented to the old version, and says why', async () => {
    const campaign = await runCampaign(tag);
    expect(campaign.counters.skipped['fresh-consent-required']).toBe(1);
    expect(campaign.counters.planned).toBe(3);
    const skipped = await campaignSurveyOf(toOld.id, campaign.id);
    expect(skipped).toMatchObject({ status: 'skipped', skipReason: 'fresh-consent-required' });
    expect((await campaignSurveyOf(toNew.id, campaign.id)).status).toBe('sent');
    // A consent recorded without a notice version is not one to an older version: it stands.
    expect((await campaignSurveyOf(withoutNotice.id, campaign.id)).status).toBe('sent');
  });

  it('sends again once consent is given to the new version', async () => {
    const current = await api<CustomerView>(`/customers/${toOld.id}`, { token: writer });
    const renewed = await api<CustomerView>(`/customers/${toOld.id}`, {
      method: 'PATCH',
      token: writer,
      headers: { 'if-match': `"v${current.body.version}"` },
      body: { consents: { surveys: consentTo(2) }, tags: [`renewed-${run}`] },
    });
    expect(renewed.status, renewed.text).toBe(200);
    const campaign = await runCampaign(`renewed-${run}`);
    expect(campaign.counters.skipped['fresh-consent-required']).toBe(0);
    expect((await campaignSurveyOf(toOld.id, campaign.id)).status).toBe('sent');
  });
});
