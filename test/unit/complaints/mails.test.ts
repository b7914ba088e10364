import { describe, expect, it } from 'vitest';
import {
  acknowledgementMail,
  responseMail,
  unassignableMail,
} from '../../../shared/domain/notifications/complaint-mails';

const facts = {
  customerName: 'Li <b>Wei</b>',
  number: 'KF-20261123-ABC123',
  subject: '快递 & 物流',
  replyBy: '2026-11-26T08:00:00.000Z',
};

describe('complaint emails', () => {
  it("acknowledge in the customer's language with the number and the deadline in China time", () => {
    const zh = acknowledgementMail('zh-CN', facts);
    expect(zh.subject).toBe('【受理回执】您的投诉已受理（编号 KF-20261123-ABC123）');
    expect(zh.text).toContain('2026年11月26日');
    expect(zh.text).toContain('16:00');
    expect(acknowledgementMail('zh-TW', facts).subject).toContain('受理回執');
    expect(acknowledgementMail('en', facts).text).toContain('You will hear from us by');
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
