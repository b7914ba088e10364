import type { Language } from '../../domain/customers/customer';
import type { Mail } from './complaint-mails';
import { htmlMail } from '../html';
import {
  DIGEST_SECTIONS,
  type Digest,
  type DigestLine,
  type DigestSection,
} from '../../domain/revisits/digest';

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

const DIGEST_HEADINGS: Record<DigestSection, string> = {
  overdue: '逾期回访 / Past the deadline',
  dueToday: '今日到期 / Due today',
  new: '新增回访 / New since yesterday',
  open: '其他待回访 / Other open, by deadline',
};

/**
 * To an owner (and a supervisor, for the unassigned and escalated ones), once a day: their due
 * revisits in sections, each with its deadline (bilingual, like other staff mail).
 */
export const revisitDigestMail = (recipientName: string, date: string, digest: Digest): Mail => {
  const line = (item: DigestLine) =>
    `- 截止 deadline ${item.dueAt.slice(0, 16).replace('T', ' ')} UTC · ${item.policyId} · ${item.channel} · customer ${item.customerId} · ${item.assigneeId ?? '未分配 unassigned'} · /revisits/${item.revisitId}`;
  return mail(
    'zh-CN',
    `回访日报 / Revisit digest ${date}: ${digest.overdue.length} 逾期 overdue, ${digest.dueToday.length} 今日到期 due today, ${digest.new.length} 新增 new`,
    [
      `${recipientName}：`,
      ...DIGEST_SECTIONS.map(
        (section) =>
          `${DIGEST_HEADINGS[section]} (${digest[section].length}):\n${digest[section].map(line).join('\n') || '-'}`,
      ),
      'GET /revisits?status=due · GET /revisits?department=…&unassigned=true · POST /revisits/{id}/assign',
    ],
  );
};

export interface RevisitAlert {
  revisitId: string;
  customerId: string;
  policyId: string;
  dueAt: string;
  /** Whose it is: the assignee's name, or none yet. */
  assigneeName?: string | undefined;
}

const deadlineOf = (dueAt: string) => `${dueAt.slice(0, 16).replace('T', ' ')} UTC`;

/** To a revisit's owner, once, 80 % into its window: the deadline nears. */
export const revisitDeadlineNearMail = (recipientName: string, alert: RevisitAlert): Mail =>
  mail('zh-CN', `回访即将到期 / Revisit deadline near: ${deadlineOf(alert.dueAt)}`, [
    `${recipientName}：`,
    `回访 ${alert.policyId}（客户 customer ${alert.customerId}）将于 ${deadlineOf(alert.dueAt)} 到期，请及时完成。`,
    `The revisit ${alert.policyId} for customer ${alert.customerId} is due by ${deadlineOf(alert.dueAt)}; please complete it before then.`,
    `/revisits/${alert.revisitId}`,
  ]);

/** To the department's supervisor, once: a revisit passed its deadline open. */
export const revisitOverdueMail = (supervisorName: string, alert: RevisitAlert): Mail =>
  mail('zh-CN', `回访逾期 / Revisit overdue since ${deadlineOf(alert.dueAt)}`, [
    `${supervisorName}：`,
    `回访 ${alert.policyId}（客户 customer ${alert.customerId}，负责人 owner ${alert.assigneeName ?? '未分配 unassigned'}）已于 ${deadlineOf(alert.dueAt)} 逾期，请跟进或改派。`,
    `The revisit ${alert.policyId} for customer ${alert.customerId} (owner: ${alert.assigneeName ?? 'unassigned'}) passed its deadline at ${deadlineOf(alert.dueAt)}; follow it up or reassign it (POST /revisits/${alert.revisitId}/assign).`,
    `/revisits/${alert.revisitId}`,
  ]);
