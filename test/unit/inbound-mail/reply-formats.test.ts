import { describe, expect, it } from 'vitest';
import { parseMail } from '../../../shared/inbound-mail/parse-mime';
import { newTextOfReply } from '../../../shared/inbound-mail/inbound-message';
import { readSurveyReply } from '../../../shared/inbound-mail/survey-score';
import { surveyReplyFixture } from '../../support/survey-replies';

const REPLY_TO = 'survey+01JDXK4T7M2Q9V8R6N5P3W1YZA@kefu.local';
const FROM = 'Li.Ming@Example.com';
const RECEIVED = new Date('2026-11-23T03:00:00Z');

const parse = (name: string) => parseMail(surveyReplyFixture(name, REPLY_TO, FROM), RECEIVED);

describe('reading survey answers from replies as mail clients send them', () => {
  it.each([
    ['gmail-utf8', 5, ''],
    ['gmail-en-wrapped', 3, 'The refund took two weeks.'],
    ['outlook-utf8', 4, '客服态度很好'],
    ['outlook-en', 5, 'thanks!'],
    ['apple-mail', 1, '送货太慢'],
    ['qq-mail-gbk', 3, '电话等了很久才接通'],
    ['foxmail-gb2312', 2, '物流太慢了'],
    ['html-only', 4, ''],
    ['html-related', 5, '问题当天就解决了'],
  ])('reads %s as %i', async (name, score, comment) => {
    const message = await parse(name);
    expect(message.fromAddress).toBe('li.ming@example.com');
    expect(readSurveyReply(message.text)).toEqual({ understood: true, score, comment });
  });

  it('leaves a question for a person instead of guessing a score', async () => {
    const message = await parse('unreadable');
    expect(newTextOfReply(message.text)).toBe('请问你们几点下班？');
    expect(readSurveyReply(message.text)).toMatchObject({ understood: false });
  });

  it.each([
    ['qq-mail-gbk', '回复：【满意度调查】您对我们的服务满意吗？'],
    ['foxmail-gb2312', '回复: 【满意度调查】您对我们的服务满意吗？'],
  ])('decodes the GBK family in %s: subject, body and quote', async (name, subject) => {
    const message = await parse(name);
    expect(message.subject).toBe(subject);
    expect(message.text).toContain('感谢您接受我们的回访。您对我们的服务满意吗？');
    expect(message.text).not.toContain('\ufffd');
  });

  it('keeps only what the customer wrote, without signature or quote', async () => {
    expect(newTextOfReply((await parse('gmail-utf8')).text)).toBe('5');
    expect(newTextOfReply((await parse('apple-mail')).text)).toBe('非常不满意，送货太慢');
    expect(newTextOfReply((await parse('outlook-utf8')).text)).toBe('满意，客服态度很好');
  });

  it('turns HTML-only mail into text whose quoted blockquote is marked with >', async () => {
    for (const name of ['html-only', 'html-related']) {
      const { text } = await parse(name);
      expect(text).toMatch(/^> 5 · 非常满意/m);
      expect(text).not.toContain('<div');
    }
  });
});

describe('where the quoted original begins', () => {
  it.each([
    [
      'a Gmail attribution wrapped after the address',
      'Good\n\nOn Mon, Nov 23, 2026 at 10:00 AM Kefu Customer Service <service@kefu.local>\nwrote:\n\n> 5 Very satisfied',
      'Good',
    ],
    [
      'a Gmail attribution in Chinese',
      '满意\n\nKefu 客服 <service@kefu.local> 于2026年11月23日周一 10:00写道：\n\n> 5 非常满意',
      '满意',
    ],
    [
      'an attribution wrapped inside the angle brackets',
      '4\n\n在 2026年11月23日，10:00，Kefu 客服 <service@kefu.local\n[service@kefu.local]> 写道：\n5 非常满意',
      '4',
    ],
    [
      'QQ Mail’s separator with a literal &nbsp;',
      '一般\n\n------------------&nbsp;原始邮件&nbsp;------------------\n5 非常满意',
      '一般',
    ],
    [
      'Outlook’s underscores with a zh-TW header block',
      '滿意\n\n________________________________\n寄件者: Kefu <service@kefu.local>\n5 非常满意',
      '滿意',
    ],
    [
      'a line of dashes left by a converted <hr>',
      'Satisfied\n\n' + '-'.repeat(80) + '\nFrom: Kefu <service@kefu.local>',
      'Satisfied',
    ],
    ['a phone signature', 'Very satisfied\n\nSent from my iPhone', 'Very satisfied'],
    ['the -- signature delimiter', '5分\n-- \n李明\n138 0013 8000', '5分'],
  ])('cuts %s', (_, text, expected) => {
    expect(newTextOfReply(text)).toBe(expected);
  });

  it.each([
    ['a customer line before an attribution', '谢谢\n在 2026年11月23日 写道：\n> 引用', '谢谢'],
    [
      'a sentence that only looks like the start of an attribution',
      'On Monday the courier never came.\nOn Mon, 23 Nov 2026 at 10:00, Kefu <service@kefu.local> wrote:',
      'On Monday the courier never came.',
    ],
    ['an ordinary sentence about a phone', '发自我的内心感谢你们\n5', '发自我的内心感谢你们\n5'],
  ])('keeps %s', (_, text, expected) => {
    expect(newTextOfReply(text)).toBe(expected);
  });
});
