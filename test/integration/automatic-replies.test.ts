import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, emailsTo, eventually, stack, uniqueContact } from '../support/harness';
import {
  fileAssigned,
  getComplaint,
  loopAdmin,
  resolveComplaint,
  waitForStatus,
} from '../support/complaint-loop';
import { surveyReplyFixture } from '../support/survey-replies';
import {
  advanceClock,
  type CampaignView,
  survey,
  surveyedCustomersTagged,
  surveysToken,
  withSurveySettings,
} from '../support/surveys';

/**
 * Out-of-office replies, vacation responders and delivery reports (issue 22): never a survey
 * answer, never a complaint, never the customer's word on one — only recorded for a person.
 */
const run = Date.now().toString(36);

/** Delivers a raw email as SES receiving would; the outcome of its one recipient. */
const deliver = async (raw: Buffer | string) => {
  const response = await fetch(`${stack.urls.api}/_local/inbound-email`, {
    method: 'POST',
    headers: { 'content-type': 'message/rfc822' },
    body: raw,
  });
  expect(response.status).toBe(202);
  const [delivery] = (await response.json()) as { result: Record<string, unknown>[] }[];
  return delivery?.result[0] ?? {};
};

/** A fixture with a Message-ID of its own, so that a rerun on the same stack is not a repeat. */
const fixtureMail = (name: string, to: string, from: string) =>
  Buffer.from(
    surveyReplyFixture(name, to, from)
      .toString('latin1')
      .replace(
        /^Message-ID: <[^>]+>/im,
        `Message-ID: <${name}-${run}-${Math.random()}@example.com>`,
      ),
    'latin1',
  );

const plainMail = (
  from: string,
  to: string,
  subject: string,
  text: string,
  headers: string[] = [],
) =>
  [
    `From: <${from}>`,
    `To: <${to}>`,
    `Subject: =?UTF-8?B?${Buffer.from(subject).toString('base64')}?=`,
    `Message-ID: <${run}.${Math.random().toString(36).slice(2)}@mail.example.com>`,
    ...headers,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from(text).toString('base64'),
    '',
  ].join('\r\n');

const reminderTo = async (address: string) =>
  (await emailsTo(address)).filter((email) => email.subject.includes('【提醒】'));

describe('replies to a survey', () => {
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

  it('takes automatic mail as no answer, shows it on the survey, and still reminds; a person’s unreadable reply is kept and stops the reminder', async () => {
    const [vacation, bounced, unreadable, answered] = await surveyedCustomersTagged(
      `auto-${run}`,
      4,
    );
    // The 163 auto-reply says 很满意您的来信: read as a reply it would be a 5.
    const auto = await deliver(fixtureMail('auto-163', vacation!.replyTo, vacation!.email));
    expect(auto).toMatchObject({
      outcome: 'automatic-reply',
      signal: 'Auto-Submitted: auto-replied',
    });
    const report = await deliver(
      fixtureMail('delivery-report', bounced!.replyTo, 'MAILER-DAEMON@mx1.example.com'),
    );
    expect(report.outcome).toBe('automatic-reply');
    const kept = await deliver(fixtureMail('unreadable', unreadable!.replyTo, unreadable!.email));
    expect(kept.outcome).toBe('kept-for-review');
    const human = await deliver(
      fixtureMail('human-mentions-auto-reply', answered!.replyTo, answered!.email),
    );
    expect(human).toMatchObject({ outcome: 'answered', score: 4 });

    const onVacation = await survey(vacation!.survey.id, token);
    expect(onVacation.status).toBe('sent');
    expect(onVacation.answer).toBeUndefined();
    expect(onVacation.unreadReply).toBeUndefined();
    expect(onVacation).toMatchObject({
      automaticReplies: [
        {
          subject: '自动回复: 【满意度调查】您对我们的服务满意吗？',
          signal: 'Auto-Submitted: auto-replied',
          receivedAt: expect.any(String),
        },
      ],
    });
    expect((await survey(bounced!.survey.id, token)).automaticReplies?.[0]?.signal).toMatch(
      /^Content-Type: multipart\/report/,
    );
    expect((await survey(unreadable!.survey.id, token)).unreadReply?.text).toContain(
      '请问你们几点下班',
    );
    const campaign = await api<CampaignView>(`/survey-campaigns/${onVacation.campaignId}`, {
      token,
    });
    expect(campaign.body.counters.answered).toBe(1);

    await advanceClock(7 * 24 + 1);
    await api('/_local/schedules/surveys-due/run', { method: 'POST' });
    await eventually(async () => {
      const reminded = await Promise.all([vacation!, bounced!].map((c) => reminderTo(c.email)));
      return reminded.every((mails) => mails.length === 1) ? reminded : undefined;
    }, 'the reminders after automatic replies');
    await api('/_local/schedules/surveys-due/run', { method: 'POST' });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await reminderTo(unreadable!.email)).toHaveLength(0);
    expect(await reminderTo(answered!.email)).toHaveLength(0);
    expect(await reminderTo(vacation!.email)).toHaveLength(1);
    expect((await survey(unreadable!.survey.id, token)).remindedAt).toBeUndefined();
  });

  it('stores the customer’s comment without the scale words read as the score', async () => {
    const [plain, withComment] = await surveyedCustomersTagged(`scale-words-${run}`, 2);
    await deliver(plainMail(plain!.email, plain!.replyTo, 'Re: 【满意度调查】', '5 非常满意'));
    await deliver(
      plainMail(
        withComment!.email,
        withComment!.replyTo,
        'Re: 【满意度调查】',
        '4分 满意，客服态度很好',
      ),
    );
    const five = await survey(plain!.survey.id, token);
    expect(five.answer).toMatchObject({ score: 5, via: 'reply' });
    expect(five.answer?.comment).toBeUndefined();
    expect((await survey(withComment!.survey.id, token)).answer).toMatchObject({
      score: 4,
      comment: '客服态度很好',
    });
  });
});

describe('automatic mail to the complaints address', () => {
  interface BusEvent {
    'detail-type': string;
    detail: { data: Record<string, unknown> };
  }
  const eventsOf = async (type: string, complaintId: string) =>
    (await api<{ items: BusEvent[] }>('/_local/events')).body.items.filter(
      (event) => event['detail-type'] === type && event.detail.data.complaintId === complaintId,
    );
  const autoReply = (from: string, number: string, text: string) =>
    plainMail(from, 'complaints@kefu.local', `自动回复: Re: 【受理回执】您的投诉 ${number}`, text, [
      'Auto-Submitted: auto-replied',
      'X-Autoreply: yes',
      'Precedence: auto_reply',
    ]);

  it('does not end a wait on the customer, tells no one, and is only a contact on the record', async () => {
    const { complaint, email } = await fileAssigned();
    const admin = await loopAdmin();
    await api(`/complaints/${complaint.id}/responses`, {
      token: admin,
      body: { message: '请提供维修单号。' },
    });
    await api(`/complaints/${complaint.id}/await-customer`, { token: admin, body: {} });
    await waitForStatus(complaint.id, 'waiting_on_customer');

    const outcome = await deliver(
      autoReply(email, complaint.number, '您好，我正在休假，很满意您的来信，回来后尽快回复。'),
    );
    expect(outcome).toMatchObject({ outcome: 'automatic-reply', complaintId: complaint.id });
    const after = await getComplaint(complaint.id);
    expect(after.status).toBe('waiting_on_customer');
    expect(after.timeline.some((entry) => entry.action === 'customer_replied')).toBe(false);
    expect(await eventsOf('ComplaintCustomerReplied', complaint.id)).toHaveLength(0);
    const contacts = await api<{ items: { channel: string; result?: string }[] }>(
      `/customers/${complaint.customerId}/interactions`,
      { token: admin },
    );
    expect(
      contacts.body.items.some((contact) => /automatic reply/.test(contact.result ?? '')),
    ).toBe(true);
  });

  it('neither closes nor reopens a resolved complaint, whatever the auto-reply says', async () => {
    const { complaint, email } = await fileAssigned();
    await resolveComplaint(complaint.id, { plan: '已更换配件', customerAgreed: true });
    for (const words of ['已解决', '未解决']) {
      const outcome = await deliver(autoReply(email, complaint.number, words));
      expect(outcome.outcome).toBe('automatic-reply');
    }
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const current = await getComplaint(complaint.id);
    expect(current.status).toBe('resolved');
    expect(current.confirmation?.answer).toBeUndefined();
    expect(current.timeline.some((entry) => entry.action === 'customer_replied')).toBe(false);
    expect(await eventsOf('ComplaintResolutionConfirmed', complaint.id)).toHaveLength(0);
  });

  it('files no complaint from automatic mail outside a thread', async () => {
    const sender = uniqueContact().email;
    for (const fixture of ['auto-exchange-oof', 'auto-qq-mail', 'delivery-report']) {
      const outcome = await deliver(fixtureMail(fixture, 'complaints@kefu.local', sender));
      expect(outcome.outcome, fixture).toBe('ignored');
      expect(String(outcome.reason), fixture).toMatch(/^automatic mail/);
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await emailsTo(sender)).toHaveLength(0);
  });
});
