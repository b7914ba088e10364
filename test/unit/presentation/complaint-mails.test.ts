import { describe, expect, it } from 'vitest';
import {
  acknowledgementMail,
  formatDeadline,
  responseMail,
  unassignableMail,
} from '../../../shared/presentation/mail/complaint-mails';

const facts = {
  customerName: 'Li <b>Wei</b>',
  number: 'KF-20261123-ABC123',
  subject: '快递 & 物流',
  replyBy: '2026-11-26T08:00:00.000Z',
  timeZone: 'Asia/Shanghai',
};

describe('complaint emails', () => {
  it("acknowledge in the customer's language with the number and the deadline in the calendar's time", () => {
    const zh = acknowledgementMail('zh-CN', facts);
    expect(zh.subject).toBe('【受理回执】您的投诉已受理（编号 KF-20261123-ABC123）');
    expect(zh.text).toContain('我们将在 2026年11月26日 16:00（北京时间） 之前答复您。');
    const tw = acknowledgementMail('zh-TW', facts);
    expect(tw.subject).toContain('受理回執');
    expect(tw.text).toContain('2026年11月26日 16:00（北京時間）');
    expect(acknowledgementMail('en', facts).text).toContain(
      'You will hear from us by 26 November 2026, 16:00 (China Standard Time).',
    );
    expect(acknowledgementMail('zh-TW', { ...facts, timeZone: 'Asia/Taipei' }).text).toContain(
      '2026年11月26日 16:00（台北時間）',
    );
  });

  it('write deadlines the way each reader expects, in the given zone, without "GMT+8"', () => {
    const instant = '2026-12-08T03:28:00.000Z';
    expect(formatDeadline(instant, 'zh-CN', 'Asia/Shanghai')).toBe(
      '2026年12月8日 11:28（北京时间）',
    );
    expect(formatDeadline(instant, 'zh-TW', 'Asia/Shanghai')).toBe(
      '2026年12月8日 11:28（北京時間）',
    );
    expect(formatDeadline(instant, 'zh-TW', 'Asia/Taipei')).toBe('2026年12月8日 11:28（台北時間）');
    expect(formatDeadline(instant, 'en', 'Asia/Shanghai')).toBe(
      '8 December 2026, 11:28 (China Standard Time)',
    );
    // A zone without a customary city name: the ICU name in the reader's language, local time.
    expect(formatDeadline(instant, 'en', 'Asia/Tokyo')).toBe(
      '8 December 2026, 12:28 (Japan Standard Time)',
    );
    expect(formatDeadline(instant, 'zh-CN', 'Asia/Tokyo')).toBe(
      '2026年12月8日 12:28（日本标准时间）',
    );
    // Midnight is 00:xx, not 24:xx; the day is the local one.
    expect(formatDeadline('2026-12-07T16:05:00.000Z', 'zh-CN', 'Asia/Shanghai')).toBe(
      '2026年12月8日 00:05（北京时间）',
    );
    for (const lang of ['zh-CN', 'zh-TW', 'en'] as const) {
      expect(formatDeadline(instant, lang, 'Asia/Shanghai')).not.toMatch(/GMT|UTC/);
    }
  });

  it('escape what customers and staff typed in the HTML part', () => {
    const html = responseMail('en', { ...facts, message: '<script>alert(1)</script>' }).html;
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
    expect(acknowledgementMail('en', facts).html).toContain('Li &lt;b&gt;Wei&lt;/b&gt;');
  });

  it('tell the supervisor why nobody can take a complaint, in both languages, escaped', () => {
    const mail = unassignableMail({
      staffName: '赵磊',
      number: facts.number,
      subject: '<i>价格</i>',
      department: 'sales',
      reason: 'nobody-on-duty',
      complaintId: '01KZ0000000000000000000K01',
    });
    expect(mail.subject).toBe(
      '[无人处理] 投诉无法分派 / Complaint cannot be assigned: KF-20261123-ABC123',
    );
    expect(mail.text).toContain('部门无人在岗');
    expect(mail.text).toContain('nobody in the department is on duty');
    expect(mail.html).not.toContain('<i>');
  });
});
