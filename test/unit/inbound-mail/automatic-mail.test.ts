import { describe, expect, it } from 'vitest';
import { parseMail } from '../../../shared/inbound-mail/parse-mime';
import { automaticMailVerdict } from '../../../shared/inbound-mail/automatic-mail';
import { readSurveyReply } from '../../../shared/inbound-mail/survey-score';
import { surveyReplyFixture } from '../../support/survey-replies';

const REPLY_TO = 's.01JDXK4T7M2Q9V8R6N5P3W1YZA.0123456789abcdef0123@surveys.kefu.local';
const FROM = 'li.ming@example.com';
const RECEIVED = new Date('2026-11-23T03:00:00Z');

const parse = (name: string) => parseMail(surveyReplyFixture(name, REPLY_TO, FROM), RECEIVED);

describe('automatic mail as mail systems send it', () => {
  it.each([
    ['auto-outlook', /^Subject: 自动答复/],
    ['auto-gmail-vacation', /^Auto-Submitted: auto-replied$/],
    ['auto-qq-mail', /^Subject: 自动回复/],
    ['auto-163', /^Auto-Submitted: auto-replied$/],
    ['auto-exchange-oof', /^Auto-Submitted: auto-generated$/],
    ['delivery-report', /^Content-Type: multipart\/report; report-type=delivery-status$/],
  ])('%s is automatic (%s)', async (name, signal) => {
    const verdict = automaticMailVerdict(await parse(name));
    expect(verdict.automatic).toBe(true);
    if (verdict.automatic) expect(verdict.signal).toMatch(signal);
  });

  it('would otherwise be read as a score: the rule, not the reader, keeps these out', async () => {
    // 很满意您的来信 and "5 days of leave" read as 5: why automatic mail must never reach the reader.
    expect(readSurveyReply((await parse('auto-163')).text)).toMatchObject({ score: 5 });
    expect(readSurveyReply((await parse('auto-gmail-vacation')).text)).toMatchObject({ score: 5 });
    expect(readSurveyReply((await parse('auto-exchange-oof')).text)).toMatchObject({ score: 5 });
  });

  it('keeps the headers a message was sent with, unfolded, by lower-case name', async () => {
    const gmail = await parse('auto-gmail-vacation');
    expect(gmail.headers).toMatchObject({
      'auto-submitted': 'auto-replied',
      precedence: 'bulk',
    });
    const report = await parse('delivery-report');
    expect(report.headers['content-type']).toBe(
      'multipart/report; report-type=delivery-status; boundary="3F2A1C0123.1763863205/mx1.example.com"',
    );
    expect((await parse('auto-qq-mail')).subject).toBe(
      '自动回复：【满意度调查】您对我们的服务满意吗？',
    );
  });

  it('is not a person’s reply that mentions an out-of-office reply in its text or quote', async () => {
    const human = await parse('human-mentions-auto-reply');
    expect(automaticMailVerdict(human)).toEqual({ automatic: false });
    expect(readSurveyReply(human.text)).toMatchObject({ understood: true, score: 4 });
  });

  it.each(['gmail-utf8', 'outlook-utf8', 'qq-mail-gbk', 'foxmail-gb2312', 'apple-mail'])(
    'is not an ordinary reply (%s)',
    async (name) => {
      expect(automaticMailVerdict(await parse(name))).toEqual({ automatic: false });
    },
  );
});

describe('the automatic-mail rule', () => {
  const verdict = (headers: Record<string, string>, subject = 'Re: 【满意度调查】') =>
    automaticMailVerdict({ headers, subject });

  it.each([
    [{ 'auto-submitted': 'auto-replied' }, 'Auto-Submitted: auto-replied'],
    [{ 'auto-submitted': 'auto-generated' }, 'Auto-Submitted: auto-generated'],
    [{ 'auto-submitted': 'auto-notified; owner-email="a@b.c"' }, 'Auto-Submitted: auto-notified'],
    [{ 'x-autoreply': 'yes' }, 'x-autoreply: yes'],
    [{ 'x-autorespond': 'Out of office' }, 'x-autorespond: Out of office'],
    [{ precedence: 'auto_reply' }, 'Precedence: auto_reply'],
    [{ precedence: 'bulk' }, 'Precedence: bulk'],
    [{ precedence: 'Junk' }, 'Precedence: Junk'],
    [{ 'x-auto-response-suppress': 'DR, OOF, AutoReply' }, 'X-Auto-Response-Suppress: DR'],
    [
      { 'content-type': 'multipart/report; report-type=disposition-notification' },
      'multipart/report',
    ],
  ])('takes %j as automatic', (headers, signal) => {
    const read = verdict(headers);
    expect(read.automatic).toBe(true);
    if (read.automatic) expect(read.signal).toContain(signal);
  });

  it.each([
    [{ 'auto-submitted': 'no' }],
    [{ 'auto-submitted': 'No' }],
    [{ 'x-autoreply': 'no' }],
    [{ precedence: 'list' }],
    [{ precedence: 'first-class' }],
    [{ 'content-type': 'multipart/mixed; boundary="x"' }],
    [{}],
  ])('takes %j as a person’s mail', (headers) => {
    expect(verdict(headers)).toEqual({ automatic: false });
  });

  it.each([
    '自动回复: 【满意度调查】您对我们的服务满意吗？',
    '自动回复：Re: 您的投诉 KF-20261123-ABC123',
    '自動回覆：【滿意度調查】',
    '自动答复: 【处理结果】',
    'Automatic reply: How satisfied were you?',
    'Auto Reply: your message',
    'AutoReply: your message',
    'Out of Office: How satisfied were you?',
    'Out of the office until Monday',
    'Re: 自动回复: 【满意度调查】',
    'Undeliverable: 【满意度调查】',
    'Delivery Status Notification (Failure)',
    '系统退信',
  ])('takes the subject %j as automatic', (subject) => {
    expect(verdict({}, subject).automatic).toBe(true);
  });

  it.each([
    'Re: 【满意度调查】您对我们的服务满意吗？',
    'Re: my out of office reply was wrong',
    '回复：关于自动回复的问题',
    'Outlook problem',
    'Re: Automatically charged twice',
  ])('takes the subject %j as a person’s', (subject) => {
    expect(verdict({}, subject)).toEqual({ automatic: false });
  });
});
