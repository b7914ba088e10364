import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  emailsTo,
  eventually,
  newCustomer,
  readWrite,
  stack,
  tokenFor,
} from '../support/harness';
import { surveyReplyFixture } from '../support/survey-replies';
import {
  advanceClock,
  clockNow,
  answerLinkIn,
  busMessage,
  type CampaignView,
  postForm,
  sendToQueue,
  survey,
  surveyEmailTo,
  surveysOf,
  surveyedCustomersTagged,
  surveysToken,
  tokenOf,
  withSurveySettings,
} from '../support/surveys';

const run = Date.now().toString(36);
const tag = `answers-${run}`;
const surveyedCustomers = (count: number, overrides: Record<string, unknown> = {}) =>
  surveyedCustomersTagged(tag, count, overrides);

/** Delivers a raw email as SES receiving would (bytes untouched: GBK stays GBK). */
const deliver = async (raw: Buffer) => {
  const response = await fetch(`${stack.urls.api}/_local/inbound-email`, {
    method: 'POST',
    headers: { 'content-type': 'message/rfc822' },
    body: raw,
  });
  return { status: response.status, body: (await response.json()) as unknown };
};

const baseUrl = () => stack.urls.api;

describe('survey answers', () => {
  let restoreSettings: () => Promise<void>;
  let token: string;

  beforeAll(async () => {
    restoreSettings = await withSurveySettings({
      sendRatePerSecond: 100,
      sendReminder: true,
      reminderAfterDays: 7,
    });
    token = await surveysToken();
  });

  afterAll(async () => {
    await restoreSettings();
  });

  it('answers by click: the GET page records nothing, the form post does, and appears on the timeline', async () => {
    const [customer] = await surveyedCustomers(1);
    const page = await fetch(`${baseUrl()}${customer!.link(4)}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await page.text();
    expect(html).toMatch(/value="4"[^>]*checked/);
    expect(html).not.toMatch(/value="5"[^>]*checked/);
    expect(html).not.toContain('<script');
    expect((await survey(customer!.survey.id, token)).status).toBe('sent');

    const posted = await postForm(customer!.link(), { score: '4', comment: '<b>送货很快</b>' });
    expect(posted.status).toBe(200);
    expect(await posted.text()).toContain('满意');
    const answered = await survey(customer!.survey.id, token);
    expect(answered).toMatchObject({
      status: 'answered',
      answer: { score: 4, comment: '<b>送货很快</b>', via: 'link' },
    });
    const timeline = await api<{ items: { need: string; result?: string }[] }>(
      `/customers/${customer!.customerId}/interactions`,
      { token: await readWrite() },
    );
    expect(timeline.body.items[0]).toMatchObject({
      need: expect.stringContaining('满意度调查'),
      result: expect.stringContaining('4/5'),
    });
    const campaign = await api<CampaignView>(`/survey-campaigns/${answered.campaignId}`, { token });
    expect(campaign.body.counters.answered).toBe(1);

    // Within the grace window the answer can change; the campaign still counts one answer.
    expect((await postForm(customer!.link(), { score: '5' })).status).toBe(200);
    expect((await survey(customer!.survey.id, token)).answer?.score).toBe(5);
    const again = await api<CampaignView>(`/survey-campaigns/${answered.campaignId}`, { token });
    expect(again.body.counters.answered).toBe(1);
  });

  it('refuses forged, tampered and unknown links with a friendly page, and bad forms with the form again', async () => {
    const [customer] = await surveyedCustomers(1, { preferredLanguage: 'en' });
    const link = customer!.link();
    const tokenText = tokenOf(link);
    const [payload, signature] = tokenText.split('.');
    const tampered = `${payload}.${signature!.slice(0, -2)}xx`;
    for (const path of [`/s/${tampered}`, '/s/garbage-token-value', `/s/${payload}`]) {
      const response = await fetch(`${baseUrl()}${path}`, { headers: { 'accept-language': 'en' } });
      expect(response.status).toBe(404);
      const html = await response.text();
      expect(html).toContain('This link is not valid');
      expect(html).not.toContain(tokenText);
    }
    const forgedPost = await postForm(`/s/${tampered}`, { score: '5' });
    expect(forgedPost.status).toBe(404);
    expect((await survey(customer!.survey.id, token)).status).toBe('sent');

    const noScore = await postForm(link, { comment: 'hello' });
    expect(noScore.status).toBe(422);
    expect(await noScore.text()).toContain('Please choose one answer');
    const badScore = await postForm(link, { score: '9' });
    expect(badScore.status).toBe(422);
    const asJson = await fetch(`${baseUrl()}${link}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ score: 5 }),
    });
    expect(asJson.status).toBe(415);
    expect(asJson.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const huge = await postForm(link, { score: '5', comment: 'x'.repeat(20_000) });
    expect(huge.status).toBe(413);
    const twice = await fetch(`${baseUrl()}${link}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'score=5&score=1',
    });
    expect(twice.status).toBe(400);
    expect((await survey(customer!.survey.id, token)).status).toBe('sent');
  });

  it('reads answers from replies of each mail client, keeps unreadable ones for a person, and processes a reply once', async () => {
    const cases = [
      ['gmail-utf8', 5],
      ['gmail-en-wrapped', 3],
      ['outlook-utf8', 4],
      ['outlook-en', 5],
      ['apple-mail', 1],
      ['qq-mail-gbk', 3],
      ['foxmail-gb2312', 2],
      ['html-only', 4],
      ['html-related', 5],
    ] as const;
    const customers = await surveyedCustomers(cases.length + 2);
    for (const [index, [fixture, score]] of cases.entries()) {
      const customer = customers[index]!;
      const response = await deliver(surveyReplyFixture(fixture, customer.replyTo, customer.email));
      expect(response.status, fixture).toBe(202);
      const answered = await survey(customer.survey.id, token);
      expect(answered.answer, fixture).toMatchObject({ score, via: 'reply' });
    }
    expect((await survey(customers[4]!.survey.id, token)).answer?.comment).toBe('送货太慢');
    expect((await survey(customers[6]!.survey.id, token)).answer?.comment).toBe('物流太慢了');

    const unreadable = customers[cases.length]!;
    await deliver(surveyReplyFixture('unreadable', unreadable.replyTo, unreadable.email));
    const kept = await survey(unreadable.survey.id, token);
    expect(kept.status).toBe('sent');
    expect(kept.unreadReply?.text).toContain('请问你们几点下班');

    // Same message again: nothing changes. From a stranger: kept for a person, not answered.
    const stranger = customers[cases.length + 1]!;
    const raw = Buffer.from(
      surveyReplyFixture('gmail-utf8', stranger.replyTo, 'someone.else@example.com')
        .toString('latin1')
        .replace(/^Message-ID: <[^>]+>/im, `Message-ID: <stranger-${run}@mail.example.com>`),
      'latin1',
    );
    await deliver(raw);
    const second = await deliver(raw);
    expect(JSON.stringify(second.body)).toContain('already-processed');
    const fromStranger = await survey(stranger.survey.id, token);
    expect(fromStranger.answer).toBeUndefined();
    expect(fromStranger.unreadReply).toBeDefined();

    // A reply address with a forged signature is nobody's survey: no rule takes it as an answer.
    const forged = stranger.replyTo.replace(/\.[0-9a-f]{20}@/, '.0123456789abcdef0123@');
    const refused = await deliver(surveyReplyFixture('gmail-utf8', forged, stranger.email));
    expect(JSON.stringify(refused.body)).toContain('not addressed to a survey');
    expect((await survey(stranger.survey.id, token)).answer).toBeUndefined();
  });

  it('opens a complaint follow-up for a low score, once', async () => {
    const [customer] = await surveyedCustomers(1);
    expect(
      (await postForm(customer!.link(), { score: '1', comment: '客服一直不回电话' })).status,
    ).toBe(200);
    const linked = await eventually(async () => {
      const current = await survey(customer!.survey.id, token);
      return current.followUpComplaintId ? current : undefined;
    }, 'the follow-up complaint');
    const complaints = await tokenFor(['complaints:read'], { role: 'admin' });
    const complaint = await api<{ origin?: { type: string; id: string }; description: string }>(
      `/complaints/${linked.followUpComplaintId}`,
      { token: complaints },
    );
    expect(complaint.body.origin).toMatchObject({ type: 'survey', id: customer!.survey.id });
    expect(complaint.body.description).toContain('客服一直不回电话');
    // A changed answer (still low) and a redelivered event open nothing more.
    expect((await postForm(customer!.link(), { score: '2' })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const list = await api<{ items: { id: string }[] }>(
      `/customers/${customer!.customerId}/complaints`,
      { token: complaints },
    );
    expect(list.body.items).toHaveLength(1);
  });

  it('schedules one after-case survey per closed complaint, sends it after the delay, and sends one reminder only', async () => {
    const customer = await api<{ id: string; email: string }>('/customers', {
      token: await readWrite(),
      body: newCustomer({ preferredLanguage: 'zh-TW' }),
    });
    const complaintId = ulid();
    const closed = busMessage(
      'ComplaintClosed',
      'kefu.complaints',
      { complaintId, customerId: customer.body.id, department: 'logistics' },
      ulid(),
      // Closed now on the local clock, which earlier test files moved forward.
      new Date(await clockNow()).toISOString(),
    );
    await sendToQueue('survey-planning', closed);
    await sendToQueue('survey-planning', closed);
    const [planned] = await eventually(async () => {
      const surveys = await surveysOf(customer.body.id, token);
      return surveys.length > 0 ? surveys : undefined;
    }, 'the after-case survey');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await surveysOf(customer.body.id, token)).toHaveLength(1);
    expect(planned).toMatchObject({
      kind: 'after-complaint',
      status: 'scheduled',
      about: { type: 'complaint', id: complaintId, department: 'logistics' },
    });

    await api('/_local/schedules/surveys-due/run', { method: 'POST' });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await emailsTo(customer.body.email)).toHaveLength(0);

    await advanceClock(24.1);
    await api('/_local/schedules/surveys-due/run', { method: 'POST' });
    const [email] = await surveyEmailTo(customer.body.email);
    expect(email!.subject).toContain('滿意度調查');
    expect(email!.body.text).toContain('投訴');

    await advanceClock(7 * 24 + 1);
    await api('/_local/schedules/surveys-due/run', { method: 'POST' });
    await api('/_local/schedules/surveys-due/run', { method: 'POST' });
    const reminded = await eventually(async () => {
      const emails = await emailsTo(customer.body.email);
      return emails.length >= 2 ? emails : undefined;
    }, 'the reminder');
    expect(reminded[1]!.subject).toContain('【提醒】');
    await advanceClock(8 * 24);
    await api('/_local/schedules/surveys-due/run', { method: 'POST' });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await emailsTo(customer.body.email)).toHaveLength(2);
    expect((await survey(planned!.id, token)).remindedAt).toBeDefined();

    // 不满意 about the closed complaint: the follow-up goes to the department concerned.
    await api('/departments/logistics', {
      method: 'PUT',
      token: await tokenFor(['admin']),
      body: { name: '物流部' },
    });
    expect((await postForm(answerLinkIn(email!), { score: '2' })).status).toBe(200);
    const complaints = await tokenFor(['complaints:read'], { role: 'admin' });
    const followUp = await eventually(async () => {
      const { followUpComplaintId } = await survey(planned!.id, token);
      if (!followUpComplaintId) return undefined;
      const { body } = await api<{ department?: string; origin?: { department?: string } }>(
        `/complaints/${followUpComplaintId}`,
        { token: complaints },
      );
      return body.department ? body : undefined;
    }, 'the routed follow-up');
    expect(followUp).toMatchObject({
      department: 'logistics',
      origin: { department: 'logistics' },
    });
  });

  it('leads nowhere once the customer is erased: no page, no answer, no reply kept', async () => {
    const [customer] = await surveyedCustomers(1);
    const erased = await api(`/customers/${customer!.customerId}`, {
      method: 'DELETE',
      token: await tokenFor(['customers:erase']),
    });
    expect(erased.status).toBe(200);

    expect((await fetch(`${baseUrl()}${customer!.link(5)}`)).status).toBe(404);
    expect((await postForm(customer!.link(), { score: '5' })).status).toBe(404);
    const reply = await deliver(
      Buffer.from(
        [
          `From: <${customer!.email}>`,
          `To: <${customer!.replyTo}>`,
          `Message-ID: <erased-${run}@example.com>`,
          'Subject: Re: survey',
          '',
          '5',
          '',
        ].join('\r\n'),
      ),
    );
    expect(reply.status).toBe(202);
    expect(JSON.stringify(reply.body)).toContain('the customer was erased');
    const after = await survey(customer!.survey.id, token);
    expect(after.answer).toBeUndefined();
  });

  it('closes answers after the grace window and expires unanswered links', async () => {
    const [answered, unanswered] = await surveyedCustomers(2, { preferredLanguage: 'en' });
    expect((await postForm(answered!.link(), { score: '3' })).status).toBe(200);
    await advanceClock(15 * 24);
    const late = await postForm(answered!.link(), { score: '5' });
    expect(late.status).toBe(409);
    expect((await survey(answered!.survey.id, token)).answer?.score).toBe(3);

    await advanceClock(16 * 24);
    const expired = await fetch(`${baseUrl()}${unanswered!.link(5)}`);
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain('expired');
    expect((await postForm(unanswered!.link(), { score: '5' })).status).toBe(410);
    expect((await survey(unanswered!.survey.id, token)).status).toBe('sent');
  });
});

describe('the quarterly campaign schedule', () => {
  it("starts the quarter's campaign only on its first working day, and only once", async () => {
    const restore = await withSurveySettings({ quarterlyCampaign: true });
    try {
      const { body: clock } = await api<{ now: string }>('/_local/clock');
      const today = new Date(Date.parse(clock.now) + 8 * 3600_000).toISOString().slice(0, 10);
      const runSchedule = async () =>
        (
          await api<{ result: { started?: string; reason: string } }>(
            '/_local/schedules/quarterly-survey/run',
            { method: 'POST' },
          )
        ).body.result;
      const first = { body: await runSchedule() };
      const again = { body: await runSchedule() };
      if (first.body.started) {
        expect(first.body.reason).toMatch(/^quarterly-\d{4}-Q[1-4]$/);
        expect(again.body.reason).toBe(`${first.body.reason} was already started`);
      } else {
        expect(first.body.reason, today).toBe('not the first working day of a quarter');
        expect(again.body).toEqual(first.body);
      }
    } finally {
      await restore();
    }
    const off = await api<{ result: { reason: string } }>(
      '/_local/schedules/quarterly-survey/run',
      { method: 'POST' },
    );
    expect(off.body.result.reason).toBe('quarterly campaigns are switched off');
  });
});
