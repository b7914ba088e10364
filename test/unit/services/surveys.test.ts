import { beforeEach, describe, expect, it } from 'vitest';
import { TransactionCancelled } from '../../../shared/adapters/dynamodb/transactions';
import type { Survey } from '../../../shared/domain/surveys/survey';
import type { InboundMessage } from '../../../shared/inbound-mail/inbound-message';
import { forgetCalendars } from '../../../shared/services/complaints/calendar-source';
import {
  answerByLink,
  answerByReply,
  unsubscribeByLink,
} from '../../../shared/services/surveys/answers';
import {
  CAMPAIGN_PAGE_SIZE,
  campaignProgress,
  enumerateCampaignPage,
  startCampaignByHand,
  startQuarterlyCampaign,
} from '../../../shared/services/surveys/campaigns';
import { recordMailFeedback } from '../../../shared/services/surveys/feedback';
import { openFollowUp } from '../../../shared/services/surveys/follow-up';
import { planAfterCaseSurvey } from '../../../shared/services/surveys/planning';
import { getSurvey, listCustomerSurveys } from '../../../shared/services/surveys/queries';
import { queueDueSurveys, sendSurveyWork } from '../../../shared/services/surveys/sending';
import { SequentialIds } from '../../support/fakes/basics';
import { surveyWorld, type SurveyWorld } from '../../support/fakes/survey-world';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const K1_EMAIL = 'k1@example.test';

let world: SurveyWorld;

beforeEach(() => {
  forgetCalendars();
  world = surveyWorld();
  world.customers.seed('K1');
});

const stored = async (id: string): Promise<Survey> => (await world.surveys.get(id))!;
const surveysOf = (customerId: string) =>
  [...world.surveys.surveys.values()].filter((survey) => survey.customerId === customerId);

/** The survey about complaint C1 of `customerId`, planned as the closed complaint plans it. */
const planAfterComplaint = async (customerId = 'K1', complaintId = 'C1') => {
  const outcome = await planAfterCaseSurvey(world.deps, {
    kind: 'after-complaint',
    customerId,
    about: { type: 'complaint', id: complaintId, department: 'logistics' },
    endedAt: world.clock.now().toISOString(),
  });
  const survey = surveysOf(customerId).find((s) => s.about?.id === complaintId)!;
  return { outcome, survey };
};

/** A survey planned after a closed complaint, then sent by the sweep once due. */
const sentSurvey = async (customerId = 'K1', complaintId = 'C1'): Promise<Survey> => {
  const { survey } = await planAfterComplaint(customerId, complaintId);
  world.clock.set(survey.sendAt);
  expect(await sendSurveyWork(world.deps, { surveyId: survey.id, purpose: 'survey' })).toBe('sent');
  return stored(survey.id);
};

/** The answer token of the last survey mail sent to `address`. */
const tokenMailedTo = (address: string) => {
  const mail = world.mailer.to(address).at(-1);
  if (!mail) throw new Error(`no mail to ${address}`);
  return world.addresses.tokenOf(mail);
};

const reply = (surveyAddress: string, change: Partial<InboundMessage> = {}): InboundMessage => ({
  messageId: '<reply-1@example.test>',
  fromAddress: K1_EMAIL,
  recipients: [surveyAddress],
  subject: 'Re: 满意度调查',
  text: '2 送货太慢\n\nOn Tue, Apr 1, 2031 at 10:00 Kefu wrote:\n> 请为本次服务打分',
  receivedAt: world.clock.now().toISOString(),
  attachmentNames: [],
  headers: {},
  ...change,
});

describe('planning surveys', () => {
  it('schedules the survey of a closed case after the delay, once, and the sweep queues it when due', async () => {
    const { outcome, survey } = await planAfterComplaint();
    expect(outcome).toBe('scheduled');
    expect(survey).toMatchObject({
      status: 'scheduled',
      kind: 'after-complaint',
      customerId: 'K1',
    });
    expect(Date.parse(survey.sendAt) - world.clock.now().getTime()).toBe(24 * HOUR_MS);
    expect((await planAfterComplaint()).outcome).toBe('already-scheduled');
    expect(surveysOf('K1')).toHaveLength(1);

    expect(await queueDueSurveys(world.deps)).toEqual({ surveys: 0, reminders: 0 });
    world.clock.set(survey.sendAt);
    expect(await queueDueSurveys(world.deps)).toEqual({ surveys: 1, reminders: 0 });
    expect(world.queues.work).toEqual([{ surveyId: survey.id, purpose: 'survey' }]);
  });

  it('starts the quarterly campaign on the quarter’s first working day only, once', async () => {
    const first = await startQuarterlyCampaign(world.deps);
    expect(first).toMatchObject({ reason: 'quarterly-2031-Q2' });
    expect(first.started).toBeDefined();
    expect(await world.campaigns.get(first.started!)).toMatchObject({
      trigger: 'schedule',
      name: 'quarterly-2031-Q2',
      status: 'enumerating',
    });
    expect(await startQuarterlyCampaign(world.deps)).toEqual({
      reason: 'quarterly-2031-Q2 was already started',
    });
    world.clock.advance(DAY_MS);
    expect(await startQuarterlyCampaign(world.deps)).toEqual({
      reason: 'not the first working day of a quarter',
    });
    expect(world.campaigns.campaigns.size).toBe(1);
    expect(world.outbox.ofType('SurveyCampaignStarted')).toHaveLength(1);
  });
});

describe('sending a survey', () => {
  it('mails the customer with answer links and reply address, and marks the survey sent once', async () => {
    const survey = await sentSurvey();
    expect(survey).toMatchObject({ status: 'sent', sentAt: world.clock.now().toISOString() });
    expect(survey.expiresAt! > survey.sentAt!).toBe(true);
    const [mail] = world.mailer.to(K1_EMAIL);
    expect(world.mailer.sent).toHaveLength(1);
    expect(mail!.replyTo).toBe(await world.addresses.replyAddress(survey.id));
    expect(mail!.headers).toMatchObject({ 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' });
    expect(mail!.text).toContain(world.addresses.answerUrl(tokenMailedTo(K1_EMAIL), 1));
    expect(world.sendRate.acquired).toEqual([14]);
    expect(world.outbox.ofType('SurveySent')[0]?.detail).toMatchObject({
      surveyId: survey.id,
      reminder: false,
    });
    expect(world.timeline.entries).toEqual([
      expect.objectContaining({ customerId: 'K1', mailKind: 'survey', relatedId: survey.id }),
    ]);
    // A redelivered message changes nothing.
    expect(await sendSurveyWork(world.deps, { surveyId: survey.id, purpose: 'survey' })).toBe(
      'already sent',
    );
    expect(world.mailer.sent).toHaveLength(1);
  });

  it('keeps the survey scheduled when the mailer fails, and sends it once on the retry', async () => {
    const { survey } = await planAfterComplaint();
    world.clock.set(survey.sendAt);
    world.mailer.failFor.add(K1_EMAIL);
    await expect(
      sendSurveyWork(world.deps, { surveyId: survey.id, purpose: 'survey' }),
    ).rejects.toThrow(`SES refused ${K1_EMAIL}`);
    expect((await stored(survey.id)).status).toBe('scheduled');
    expect(world.outbox.ofType('SurveySent')).toHaveLength(0);

    world.mailer.failFor.clear();
    expect(await sendSurveyWork(world.deps, { surveyId: survey.id, purpose: 'survey' })).toBe(
      'sent',
    );
    expect(world.mailer.to(K1_EMAIL)).toHaveLength(1);
    expect((await stored(survey.id)).status).toBe('sent');
  });

  it('leaves a survey another sender saved meanwhile to that sender, and never mails twice', async () => {
    const { survey } = await planAfterComplaint();
    world.clock.set(survey.sendAt);
    world.surveys.beforeSave = () => {
      world.surveys.beforeSave = undefined;
      world.surveys.beat(survey.id);
    };
    expect(await sendSurveyWork(world.deps, { surveyId: survey.id, purpose: 'survey' })).toBe(
      'handled concurrently',
    );
    expect(world.surveys.staleRefusals).toBe(1);
    expect(world.outbox.ofType('SurveySent')).toHaveLength(0);
    // The redelivery finds the send claimed: it records the survey as sent, mailing nothing.
    expect(await sendSurveyWork(world.deps, { surveyId: survey.id, purpose: 'survey' })).toBe(
      'sent earlier (recorded now)',
    );
    expect(world.mailer.to(K1_EMAIL)).toHaveLength(1);
    expect(await stored(survey.id)).toMatchObject({ status: 'sent', version: 3 });
    expect(world.outbox.ofType('SurveySent')).toHaveLength(1);
  });

  it('marks the survey failed when SES refuses the address for good', async () => {
    const { survey } = await planAfterComplaint();
    world.clock.set(survey.sendAt);
    world.mailer.rejectFor.add(K1_EMAIL);
    expect(await sendSurveyWork(world.deps, { surveyId: survey.id, purpose: 'survey' })).toBe(
      'failed: MessageRejected',
    );
    expect(await stored(survey.id)).toMatchObject({ status: 'failed', version: 2 });
    expect(world.mailer.sent).toHaveLength(0);
    expect(world.outbox.ofType('SurveySent')).toHaveLength(0);
  });

  it('mails no suppressed address (after a hard bounce) and no customer without consent', async () => {
    world.customers.seed('K2', {
      consents: {
        marketing: { granted: true, source: 'web-form', recordedAt: '2031-01-01T00:00:00.000Z' },
        surveys: { granted: false, source: 'phone', recordedAt: '2031-01-01T00:00:00.000Z' },
        serviceContact: {
          granted: true,
          source: 'web-form',
          recordedAt: '2031-01-01T00:00:00.000Z',
        },
      },
    });
    const at = world.clock.now().toISOString();
    expect(
      await recordMailFeedback(world.deps, {
        feedback: 'bounce',
        permanent: true,
        recipients: [' K1@Example.test '],
        at,
      }),
    ).toEqual({ suppressed: 1, ignored: 0 });
    expect(world.outbox.ofType('EmailBounced')[0]?.detail).toEqual({
      feedback: 'bounce',
      customerId: 'K1',
    });
    // The same notification again, and a transient bounce, suppress nothing more.
    const again = { feedback: 'bounce' as const, recipients: [K1_EMAIL], at };
    expect(await recordMailFeedback(world.deps, { ...again, permanent: true })).toEqual({
      suppressed: 0,
      ignored: 1,
    });
    expect(await recordMailFeedback(world.deps, { ...again, permanent: false })).toEqual({
      suppressed: 0,
      ignored: 1,
    });
    expect(world.outbox.ofType('EmailBounced')).toHaveLength(1);

    const suppressed = (await planAfterComplaint('K1', 'C1')).survey;
    const refused = (await planAfterComplaint('K2', 'C2')).survey;
    world.clock.set(suppressed.sendAt);
    expect(await sendSurveyWork(world.deps, { surveyId: suppressed.id, purpose: 'survey' })).toBe(
      'skipped: suppressed',
    );
    expect(await sendSurveyWork(world.deps, { surveyId: refused.id, purpose: 'survey' })).toBe(
      'skipped: no-consent',
    );
    expect(world.mailer.sent).toHaveLength(0);
    expect(await stored(suppressed.id)).toMatchObject({
      status: 'skipped',
      skipReason: 'suppressed',
    });
    expect(await stored(refused.id)).toMatchObject({ status: 'skipped', skipReason: 'no-consent' });
  });

  it('skips a second survey within the throttle window, sends one after it', async () => {
    await sentSurvey('K1', 'C1');
    const { survey: second } = await planAfterComplaint('K1', 'C2');
    world.clock.set(second.sendAt);
    expect(await sendSurveyWork(world.deps, { surveyId: second.id, purpose: 'survey' })).toBe(
      'skipped: recently-surveyed',
    );
    const { survey: third } = await planAfterComplaint('K1', 'C3');
    world.clock.set(new Date(Date.parse(third.sendAt) + 31 * DAY_MS));
    expect(await sendSurveyWork(world.deps, { surveyId: third.id, purpose: 'survey' })).toBe(
      'sent',
    );
    expect(world.mailer.to(K1_EMAIL)).toHaveLength(2);
  });

  it('reminds a non-responder once when the reminder is due, and nobody who answered', async () => {
    const silent = await sentSurvey('K1', 'C1');
    world.customers.seed('K2');
    const answered = await sentSurvey('K2', 'C2');
    expect(
      await answerByLink(world.deps, tokenMailedTo('k2@example.test'), { score: 5 }),
    ).toMatchObject({ ok: true, score: 5 });

    world.clock.set(silent.reminderDueAt!);
    world.clock.advance(HOUR_MS);
    expect(await queueDueSurveys(world.deps)).toEqual({ surveys: 0, reminders: 1 });
    const [work] = world.queues.drain().filter((item) => item.purpose === 'reminder');
    expect(work).toEqual({ surveyId: silent.id, purpose: 'reminder' });
    expect(await sendSurveyWork(world.deps, work!)).toBe('reminded');
    expect(await sendSurveyWork(world.deps, work!)).toBe('no reminder owed');
    expect(await sendSurveyWork(world.deps, { surveyId: answered.id, purpose: 'reminder' })).toBe(
      'no reminder owed',
    );
    expect(world.mailer.to(K1_EMAIL)).toHaveLength(2);
    expect(world.mailer.to('k2@example.test')).toHaveLength(1);
    expect(world.outbox.ofType('SurveySent').map((event) => event.detail.reminder)).toEqual([
      false,
      false,
      true,
    ]);
    expect(await queueDueSurveys(world.deps)).toEqual({ surveys: 0, reminders: 0 });
  });
});

describe('answering a survey', () => {
  it('records the page’s score once; the same answer again keeps the first answer time', async () => {
    const survey = await sentSurvey();
    const token = tokenMailedTo(K1_EMAIL);
    expect(await answerByLink(world.deps, token, { score: 4, comment: ' 不错 ' })).toEqual({
      ok: true,
      score: 4,
      language: 'zh-CN',
    });
    const first = await stored(survey.id);
    expect(first).toMatchObject({
      status: 'answered',
      answer: { score: 4, comment: '不错', via: 'link' },
    });
    world.clock.advance(HOUR_MS);
    expect(await answerByLink(world.deps, token, { score: 4, comment: '不错' })).toMatchObject({
      ok: true,
    });
    const second = await stored(survey.id);
    expect(second.answer).toMatchObject({
      score: 4,
      firstAnsweredAt: first.answer!.firstAnsweredAt,
    });
    expect(world.outbox.ofType('SurveyAnswered').map((event) => event.detail.changed)).toEqual([
      false,
      true,
    ]);
    expect(world.surveys.interactions.map((entry) => entry.result)).toEqual([
      'answered 4/5 满意: 不错',
      'changed answer 4/5 满意: 不错',
    ]);
  });

  it('reads the survey again and retries when another answer was saved meanwhile', async () => {
    const survey = await sentSurvey();
    world.surveys.beforeSave = () => {
      world.surveys.beforeSave = undefined;
      world.surveys.beat(survey.id);
    };
    expect(await answerByLink(world.deps, tokenMailedTo(K1_EMAIL), { score: 3 })).toMatchObject({
      ok: true,
    });
    expect(world.surveys.staleRefusals).toBe(1);
    expect(await stored(survey.id)).toMatchObject({
      status: 'answered',
      answer: { score: 3 },
      version: survey.version + 2,
    });
    expect(world.outbox.ofType('SurveyAnswered')).toHaveLength(1);
    expect(world.surveys.interactions).toHaveLength(1);
  });

  it('refuses forged, unknown, expired, not yet sent and too late answers', async () => {
    expect(await answerByLink(world.deps, 'forged-token', { score: 5 })).toEqual({
      ok: false,
      problem: 'forged',
    });
    const ghost = await world.addresses.answerToken(
      'NO-SUCH-SURVEY',
      new Date(world.clock.now().getTime() + DAY_MS),
    );
    expect(await answerByLink(world.deps, ghost, { score: 5 })).toEqual({
      ok: false,
      problem: 'not-found',
    });
    const { survey: scheduled } = await planAfterComplaint('K1', 'C9');
    const early = await world.addresses.answerToken(
      scheduled.id,
      new Date(world.clock.now().getTime() + DAY_MS),
    );
    expect(await answerByLink(world.deps, early, { score: 5 })).toMatchObject({
      ok: false,
      problem: 'not-found',
    });

    world.customers.seed('K2');
    const survey = await sentSurvey('K2', 'C2');
    const token = tokenMailedTo('k2@example.test');
    world.clock.set(survey.expiresAt!);
    expect(await answerByLink(world.deps, token, { score: 5 })).toMatchObject({
      ok: false,
      problem: 'expired',
    });
    expect((await stored(survey.id)).answer).toBeUndefined();

    world.customers.seed('K3');
    const late = await sentSurvey('K3', 'C3');
    const lateToken = tokenMailedTo('k3@example.test');
    expect(await answerByLink(world.deps, lateToken, { score: 3 })).toMatchObject({ ok: true });
    world.clock.advance(15 * DAY_MS);
    expect(await answerByLink(world.deps, lateToken, { score: 1 })).toMatchObject({
      ok: false,
      problem: 'closed',
    });
    expect((await stored(late.id)).answer?.score).toBe(3);
    expect(world.outbox.ofType('SurveyAnswered')).toHaveLength(1);
  });

  it('reads the score of a mail reply once, and keeps a reply from another address for review', async () => {
    const survey = await sentSurvey();
    const address = world.mailer.to(K1_EMAIL)[0]!.replyTo!;
    expect(await answerByReply(world.deps, reply(address))).toEqual({
      outcome: 'answered',
      surveyId: survey.id,
      score: 2,
    });
    expect((await stored(survey.id)).answer).toMatchObject({
      score: 2,
      comment: '送货太慢',
      via: 'reply',
    });
    // The same message delivered again is not read twice.
    expect(await answerByReply(world.deps, reply(address))).toEqual({
      outcome: 'already-processed',
    });
    expect(world.outbox.ofType('SurveyAnswered')).toHaveLength(1);

    world.customers.seed('K2');
    const other = await sentSurvey('K2', 'C2');
    const otherAddress = world.mailer.to('k2@example.test')[0]!.replyTo!;
    expect(
      await answerByReply(world.deps, reply(otherAddress, { messageId: '<reply-2@example.test>' })),
    ).toEqual({
      outcome: 'kept-for-review',
      surveyId: other.id,
      reason: 'sent from another address',
    });
    const kept = await stored(other.id);
    expect(kept.answer).toBeUndefined();
    expect(kept.unreadReply?.text).toContain('2 送货太慢');
    expect(world.outbox.ofType('SurveyAnswered')).toHaveLength(1);
    expect(world.outbox.ofType('SurveyReplyUnread')[0]?.detail).toMatchObject({
      surveyId: other.id,
      customerId: 'K2',
    });
    expect(
      await answerByReply(
        world.deps,
        reply('s.forged@reply.kefu.test', { messageId: '<reply-3@example.test>' }),
      ),
    ).toEqual({ outcome: 'ignored', reason: 'not addressed to a survey' });
  });

  it('notes an out-of-office reply on the survey without answering it or stopping the reminder', async () => {
    const survey = await sentSurvey();
    const address = world.mailer.to(K1_EMAIL)[0]!.replyTo!;
    expect(
      await answerByReply(
        world.deps,
        reply(address, {
          subject: '自动回复: 满意度调查',
          text: '我正在休假',
          headers: { 'auto-submitted': 'auto-replied' },
        }),
      ),
    ).toMatchObject({ outcome: 'automatic-reply', surveyId: survey.id });
    const noted = await stored(survey.id);
    expect(noted.status).toBe('sent');
    expect(noted.answer).toBeUndefined();
    expect(noted.automaticReplies).toEqual([
      expect.objectContaining({ signal: 'Auto-Submitted: auto-replied' }),
    ]);
    world.clock.set(noted.reminderDueAt!);
    expect(await sendSurveyWork(world.deps, { surveyId: survey.id, purpose: 'reminder' })).toBe(
      'reminded',
    );
  });
});

describe('the follow-up of a low score', () => {
  it('opens one complaint for the department, however often the answer is delivered', async () => {
    const survey = await sentSurvey();
    const address = world.mailer.to(K1_EMAIL)[0]!.replyTo!;
    await answerByReply(world.deps, reply(address, { text: '1 非常不满意，包裹坏了' }));
    const [answered] = world.outbox.ofType('SurveyAnswered');
    const event = {
      surveyId: survey.id,
      score: answered!.detail.score as number,
      about: { type: 'complaint' as const, id: 'C1', department: 'logistics' },
    };
    // Two copies of the event at once, then a late third one.
    const outcomes = await Promise.all([
      openFollowUp(world.deps, event),
      openFollowUp(world.deps, event),
    ]);
    expect(outcomes.filter((outcome) => outcome.startsWith('opened '))).toHaveLength(1);
    expect(outcomes).toContain('follow-up already opened');
    expect(world.complaints.complaints.size).toBe(1);
    const [complaint] = [...world.complaints.complaints.values()];
    expect(complaint).toMatchObject({
      customerId: 'K1',
      channel: 'email',
      severity: 'high',
      origin: { type: 'survey', id: survey.id, department: 'logistics' },
    });
    expect(complaint!.description).toContain('Comment: 包裹坏了');
    expect((await stored(survey.id)).followUpComplaintId).toBe(complaint!.id);
    expect(await openFollowUp(world.deps, event)).toBe(`follow-up ${complaint!.id} exists`);
    expect(world.complaints.complaints.size).toBe(1);
  });

  it('opens nothing for a good score, and releases the claim when filing fails', async () => {
    const survey = await sentSurvey();
    await answerByLink(world.deps, tokenMailedTo(K1_EMAIL), { score: 4 });
    expect(await openFollowUp(world.deps, { surveyId: survey.id, score: 4 })).toBe(
      'no follow-up needed',
    );

    world.customers.seed('K2');
    const low = await sentSurvey('K2', 'C2');
    await answerByLink(world.deps, tokenMailedTo('k2@example.test'), { score: 2 });
    world.complaints.beforeSave = () => {
      throw new Error('DynamoDB unavailable');
    };
    await expect(openFollowUp(world.deps, { surveyId: low.id, score: 2 })).rejects.toThrow(
      'DynamoDB unavailable',
    );
    world.complaints.beforeSave = undefined;
    expect(await openFollowUp(world.deps, { surveyId: low.id, score: 2 })).toMatch(/^opened /);
    expect([...world.complaints.complaints.values()]).toEqual([
      expect.objectContaining({ customerId: 'K2', severity: 'normal', channel: 'web' }),
    ]);
  });

  it('opens nothing when the customer raised the low score before the event was handled', async () => {
    const survey = await sentSurvey();
    const token = tokenMailedTo(K1_EMAIL);
    await answerByLink(world.deps, token, { score: 1 });
    await answerByLink(world.deps, token, { score: 5 });
    expect((await stored(survey.id)).answer?.score).toBe(5);
    expect(await openFollowUp(world.deps, { surveyId: survey.id, score: 1 })).toBe(
      'answer since changed, no follow-up needed',
    );
    expect(world.complaints.complaints.size).toBe(0);
  });
});

describe('campaigns', () => {
  it('creates a campaign by hand and refuses a second one under the same id', async () => {
    const audience = { tiers: ['gold' as const] };
    const campaign = await startCampaignByHand(world.deps, { audience }, 'admin-1');
    expect(campaign).toMatchObject({
      trigger: 'manual',
      name: 'Survey 2031-04-01',
      status: 'enumerating',
      createdBy: 'admin-1',
      audience,
    });
    expect(await campaignProgress(world.deps, campaign.id)).toMatchObject({
      status: 'enumerating',
      counters: { planned: 0, sent: 0 },
    });
    // An id source that starts again hands out the same id: the create is refused.
    const replayed = { ...world.deps, ids: new SequentialIds() };
    const error = await startCampaignByHand(
      replayed,
      { name: 'again', audience: {} },
      'admin-2',
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TransactionCancelled);
    expect(await world.campaigns.get(campaign.id)).toMatchObject({
      name: 'Survey 2031-04-01',
      createdBy: 'admin-1',
    });
    expect(world.outbox.ofType('SurveyCampaignStarted')).toHaveLength(1);
    await expect(campaignProgress(world.deps, 'NO-SUCH')).rejects.toMatchObject({
      kind: 'not-found',
    });
  });

  it('plans the audience page by page, skips with reasons, and plans nobody twice', async () => {
    world.customers.seed('K2', { email: undefined });
    world.customers.seed('K3', { tier: 'gold' });
    world.suppressions.suppressed.set('k3@example.test', { feedback: 'complaint', at: '' });
    for (let n = 1; n <= CAMPAIGN_PAGE_SIZE; n++) world.customers.seed(`M${n}`);
    const { started } = await startQuarterlyCampaign(world.deps);

    const first = await enumerateCampaignPage(world.deps, started!, undefined);
    expect(first).toEqual({ planned: CAMPAIGN_PAGE_SIZE - 2, skipped: 2, more: true });
    expect(world.queues.pages).toHaveLength(1);
    const { cursor } = world.queues.pages[0]!;
    // A redelivered first page plans and queues nothing more.
    const queuedAfterFirst = world.queues.work.length;
    expect(await enumerateCampaignPage(world.deps, started!, undefined)).toEqual({
      planned: 0,
      skipped: 0,
      more: true,
    });
    expect(world.queues.work).toHaveLength(queuedAfterFirst);

    const last = await enumerateCampaignPage(world.deps, started!, cursor);
    expect(last).toEqual({ planned: 3, skipped: 0, more: false });
    const progress = await campaignProgress(world.deps, started!);
    expect(progress).toMatchObject({
      status: 'sending',
      counters: { planned: CAMPAIGN_PAGE_SIZE + 3, sent: 0 },
    });
    expect(progress.counters.skipped).toMatchObject({ 'no-email': 1, suppressed: 1 });
    expect(progress.enumeratedAt).toBe(world.clock.now().toISOString());
    expect(world.queues.work).toHaveLength(CAMPAIGN_PAGE_SIZE + 1);
    expect(surveysOf('K2')).toEqual([
      expect.objectContaining({ status: 'skipped', skipReason: 'no-email', campaignId: started }),
    ]);
  });

  it('counts sends and answers on the campaign, which completes once every survey is settled', async () => {
    world.customers.seed('K2');
    world.customers.seed('K3', { tier: 'gold' });
    const campaign = await startCampaignByHand(
      world.deps,
      { name: 'spring', audience: { tiers: ['standard'] } },
      'admin-1',
    );
    world.mailer.rejectFor.add('k2@example.test');
    expect(await enumerateCampaignPage(world.deps, campaign.id, undefined)).toEqual({
      planned: 2,
      skipped: 0,
      more: false,
    });
    expect(surveysOf('K3')).toHaveLength(0);
    const work = world.queues.drain();
    expect(work).toHaveLength(2);
    const outcomes = [];
    for (const item of work) outcomes.push(await sendSurveyWork(world.deps, item));
    expect(outcomes.sort()).toEqual(['failed: MessageRejected', 'sent']);
    await answerByLink(world.deps, tokenMailedTo(K1_EMAIL), { score: 5 });
    await answerByLink(world.deps, tokenMailedTo(K1_EMAIL), { score: 4 });
    expect(await campaignProgress(world.deps, campaign.id)).toMatchObject({
      status: 'completed',
      counters: { planned: 2, sent: 1, failed: 1, answered: 1 },
    });
    expect(world.outbox.ofType('SurveySent')[0]?.detail).toMatchObject({
      campaignId: campaign.id,
      kind: 'quarterly',
    });
  });
});

describe('unsubscribing', () => {
  it('withdraws consent once from the link, even expired, and no reminder goes out after it', async () => {
    const survey = await sentSurvey();
    const token = tokenMailedTo(K1_EMAIL);
    world.clock.set(survey.reminderDueAt!);
    expect(await unsubscribeByLink(world.deps, token)).toEqual({ ok: true, language: 'zh-CN' });
    expect((await world.customers.get('K1'))!.consents.surveys).toMatchObject({
      granted: false,
      source: 'unsubscribe-link',
    });
    expect(await sendSurveyWork(world.deps, { surveyId: survey.id, purpose: 'reminder' })).toBe(
      'reminder not sent: no-consent',
    );
    expect(world.mailer.to(K1_EMAIL)).toHaveLength(1);
    expect((await stored(survey.id)).remindedAt).toBeDefined();

    world.clock.set(new Date(Date.parse(survey.expiresAt!) + DAY_MS));
    const version = (await world.customers.get('K1'))!.version;
    expect(await unsubscribeByLink(world.deps, token)).toEqual({ ok: true, language: 'zh-CN' });
    expect((await world.customers.get('K1'))!.version).toBe(version);
    expect(world.outbox.ofType('CustomerUpdated')).toHaveLength(1);
    expect(await unsubscribeByLink(world.deps, 'forged')).toEqual({ ok: false, problem: 'forged' });
  });
});

describe('reading surveys', () => {
  it('gets a survey by id and lists a customer’s newest first; unknown ones are not found', async () => {
    const first = await sentSurvey('K1', 'C1');
    world.clock.advance(HOUR_MS);
    const { survey: second } = await planAfterComplaint('K1', 'C2');
    expect((await getSurvey(world.deps, first.id)).status).toBe('sent');
    const page = await listCustomerSurveys(world.deps, 'K1', { limit: 1 });
    expect(page.items.map((s) => s.id)).toEqual([second.id]);
    expect(page.next).toBeDefined();
    await expect(getSurvey(world.deps, 'NO-SUCH')).rejects.toMatchObject({ kind: 'not-found' });
    await expect(listCustomerSurveys(world.deps, 'NOBODY', { limit: 10 })).rejects.toMatchObject({
      kind: 'not-found',
    });
  });
});
