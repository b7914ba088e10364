import type { Language } from '../../domain/customers/customer';
import type { Mail } from './complaint-mails';
import { htmlMail } from '../html';

const mail = (lang: string, subject: string, paragraphs: string[]): Mail => ({
  subject,
  text: paragraphs.join('\n\n'),
  html: htmlMail(lang, paragraphs),
});

/** An email-channel revisit: a reminder (e.g. to book the next maintenance) in the customer's language. */
export const revisitReminderMail = (
  lang: Language,
  customerName: string,
  policyDescription: string,
): Mail => {
  switch (lang) {
    case 'zh-CN':
      return mail(lang, '温馨提示：您的服务回访', [
        `${customerName}，您好：`,
        `根据您的服务记录（${policyDescription}），现在是预约下一次服务的好时机。`,
        '如需预约或有任何问题，请直接回复本邮件。',
      ]);
    case 'zh-TW':
      return mail(lang, '溫馨提示：您的服務回訪', [
        `${customerName}，您好：`,
        `根據您的服務記錄（${policyDescription}），現在是預約下一次服務的好時機。`,
        '如需預約或有任何問題，請直接回覆本郵件。',
      ]);
    case 'en':
      return mail(lang, 'A reminder about your service', [
        `Dear ${customerName},`,
        `According to your service history (${policyDescription}), now is a good time to book your next service.`,
        'Reply to this email to book or to ask us anything.',
      ]);
  }
};

export interface DigestLine {
  customerId: string;
  policyId: string;
  /** The deadline. */
  dueAt: string;
  channel: string;
  revisitId: string;
}

/**
 * To an owner, once a day: their revisits past the deadline, and those whose window is open, each
 * with its deadline (bilingual, like other staff mail).
 */
export const revisitDigestMail = (
  ownerName: string,
  date: string,
  overdue: DigestLine[],
  open: DigestLine[],
): Mail => {
  const line = (item: DigestLine) =>
    `- 截止 deadline ${item.dueAt.slice(0, 16).replace('T', ' ')} UTC · ${item.policyId} · ${item.channel} · customer ${item.customerId} · /revisits/${item.revisitId}`;
  return mail(
    'zh-CN',
    `回访日报 / Revisit digest ${date}: ${overdue.length} 逾期 overdue, ${open.length} 待回访 open`,
    [
      `${ownerName}：`,
      `逾期回访 / Past the deadline (${overdue.length}):\n${overdue.map(line).join('\n') || '-'}`,
      `待回访 / Open, by deadline (${open.length}):\n${open.map(line).join('\n') || '-'}`,
      'GET /revisits?status=due',
    ],
  );
};
