import type { Language } from '../../domain/customers/customer';
import { htmlMail } from '../html';

export interface Mail {
  subject: string;
  text: string;
  html: string;
}

const mail = (lang: string, subject: string, paragraphs: string[]): Mail => ({
  subject,
  text: paragraphs.join('\n\n'),
  html: htmlMail(lang, paragraphs),
});

/** Zones whose readers name them by a city rather than by the ICU name ("中国标准时间"). */
const ZONE_NAMES: Readonly<Record<string, Record<Language, string>>> = {
  'Asia/Shanghai': { 'zh-CN': '北京时间', 'zh-TW': '北京時間', en: 'China Standard Time' },
  'Asia/Taipei': { 'zh-CN': '台北时间', 'zh-TW': '台北時間', en: 'Taipei Time' },
  'Asia/Hong_Kong': { 'zh-CN': '香港时间', 'zh-TW': '香港時間', en: 'Hong Kong Time' },
  'Asia/Macau': { 'zh-CN': '澳门时间', 'zh-TW': '澳門時間', en: 'Macau Time' },
};

const part = (parts: Intl.DateTimeFormatPart[], type: Intl.DateTimeFormatPartTypes) =>
  parts.find((candidate) => candidate.type === type)?.value ?? '';

/**
 * A deadline as its reader expects it, in the time zone of the calendar it was counted on:
 * "2026年12月8日 11:28（北京时间）", "2026年12月8日 11:28（北京時間）",
 * "8 December 2026, 11:28 (China Standard Time)". Every mail that states a deadline uses this.
 */
export const formatDeadline = (instant: string, lang: Language, timeZone: string): string => {
  const date = new Date(instant);
  const parts = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : lang, {
    timeZone,
    year: 'numeric',
    month: lang === 'en' ? 'long' : 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'long',
  }).formatToParts(date);
  const zone = ZONE_NAMES[timeZone]?.[lang] ?? part(parts, 'timeZoneName');
  const [year, month, day] = [part(parts, 'year'), part(parts, 'month'), part(parts, 'day')];
  const time = `${part(parts, 'hour')}:${part(parts, 'minute')}`;
  return lang === 'en'
    ? `${day} ${month} ${year}, ${time} (${zone})`
    : `${year}年${month}月${day}日 ${time}（${zone}）`;
};

export interface AcknowledgementFacts {
  customerName: string;
  number: string;
  subject: string;
  /** When the customer will have a reply at the latest, if known. */
  replyBy?: string | undefined;
  /** The time zone of the calendar the deadline was counted on. */
  timeZone: string;
  /** The customer's signed link to the complaint's progress page. */
  progressUrl?: string | undefined;
}

/** 受理回执: the complaint was received, its number, and when a reply is due. */
export const acknowledgementMail = (lang: Language, facts: AcknowledgementFacts): Mail => {
  const replyBy = facts.replyBy ? formatDeadline(facts.replyBy, lang, facts.timeZone) : undefined;
  switch (lang) {
    case 'zh-CN':
      return mail(lang, `【受理回执】您的投诉已受理（编号 ${facts.number}）`, [
        `${facts.customerName}，您好：`,
        `我们已收到您关于“${facts.subject}”的投诉，受理编号为 ${facts.number}。`,
        replyBy ? `我们将在 ${replyBy} 之前答复您。` : '我们将尽快答复您。',
        '如需补充信息，请直接回复本邮件并保留编号。',
        ...(facts.progressUrl ? [`查看处理进度或给我们留言：${facts.progressUrl}`] : []),
      ]);
    case 'zh-TW':
      return mail(lang, `【受理回執】您的投訴已受理（編號 ${facts.number}）`, [
        `${facts.customerName}，您好：`,
        `我們已收到您關於「${facts.subject}」的投訴，受理編號為 ${facts.number}。`,
        replyBy ? `我們將在 ${replyBy} 之前答覆您。` : '我們將盡快答覆您。',
        '如需補充資訊，請直接回覆本郵件並保留編號。',
        ...(facts.progressUrl ? [`查看處理進度或給我們留言：${facts.progressUrl}`] : []),
      ]);
    case 'en':
      return mail(lang, `We have received your complaint (${facts.number})`, [
        `Dear ${facts.customerName},`,
        `We have received your complaint "${facts.subject}". Its number is ${facts.number}.`,
        replyBy ? `You will hear from us by ${replyBy}.` : 'You will hear from us shortly.',
        'To add anything, reply to this email and keep the number in the subject.',
        ...(facts.progressUrl ? [`See its progress or write to us: ${facts.progressUrl}`] : []),
      ]);
  }
};

export interface ResponseFacts {
  customerName: string;
  number: string;
  message: string;
}

export const responseMail = (lang: Language, facts: ResponseFacts): Mail => {
  switch (lang) {
    case 'zh-CN':
      return mail(lang, `关于您的投诉 ${facts.number} 的答复`, [
        `${facts.customerName}，您好：`,
        facts.message,
        `投诉编号：${facts.number}。如有疑问，请直接回复本邮件。`,
      ]);
    case 'zh-TW':
      return mail(lang, `關於您的投訴 ${facts.number} 的答覆`, [
        `${facts.customerName}，您好：`,
        facts.message,
        `投訴編號：${facts.number}。如有疑問，請直接回覆本郵件。`,
      ]);
    case 'en':
      return mail(lang, `Reply to your complaint ${facts.number}`, [
        `Dear ${facts.customerName},`,
        facts.message,
        `Complaint number: ${facts.number}. Reply to this email with any questions.`,
      ]);
  }
};

export interface AssignmentFacts {
  ownerName: string;
  number: string;
  subject: string;
  priority: string;
  department: string;
  complaintId: string;
}

/** To staff: bilingual, since staff records carry no language. */
export const assignmentMail = (facts: AssignmentFacts): Mail =>
  mail('zh-CN', `[${facts.priority}] 新投诉分派给您 / New complaint for you: ${facts.number}`, [
    `${facts.ownerName}：`,
    `投诉 ${facts.number}（${facts.subject}）已分派给您，部门 ${facts.department}，优先级 ${facts.priority}。`,
    `Complaint ${facts.number} ("${facts.subject}") is now yours: department ${facts.department}, priority ${facts.priority}.`,
    `GET /complaints/${facts.complaintId}`,
  ]);

export interface EscalationFacts {
  staffName: string;
  number: string;
  subject: string;
  level: number;
  department: string;
  complaintId: string;
}

export const escalationMail = (facts: EscalationFacts): Mail =>
  mail('zh-CN', `[升级 L${facts.level}] 投诉超时未处理 / Complaint overdue: ${facts.number}`, [
    `${facts.staffName}：`,
    `投诉 ${facts.number}（${facts.subject}）已超过处理时限，现升级至第 ${facts.level} 级，部门 ${facts.department}。请尽快跟进。`,
    `Complaint ${facts.number} ("${facts.subject}") missed its deadline and is escalated to level ${facts.level} (department ${facts.department}). Please follow up.`,
    `GET /complaints/${facts.complaintId}`,
  ]);

export interface UnassignableFacts {
  staffName: string;
  number: string;
  subject: string;
  department: string;
  reason: string;
  complaintId: string;
}

const UNASSIGNABLE_REASON_TEXT: Record<string, [zh: string, en: string]> = {
  'department-not-configured': ['部门尚未配置', 'the department is not configured'],
  'no-staff': ['部门没有员工', 'the department has no staff'],
  'nobody-on-duty': ['部门无人在岗', 'nobody in the department is on duty'],
};

/** To the department's supervisor (else head): a complaint waits with nobody to take it. */
export const unassignableMail = (facts: UnassignableFacts): Mail => {
  const [zh, en] = UNASSIGNABLE_REASON_TEXT[facts.reason] ?? [facts.reason, facts.reason];
  return mail('zh-CN', `[无人处理] 投诉无法分派 / Complaint cannot be assigned: ${facts.number}`, [
    `${facts.staffName}：`,
    `投诉 ${facts.number}（${facts.subject}）在部门 ${facts.department} 无法自动分派：${zh}。请安排人员在岗、手动分派或转交其他部门。`,
    `Complaint ${facts.number} ("${facts.subject}") cannot be assigned in department ${facts.department}: ${en}. Put someone on duty, assign it by hand or transfer it.`,
    `GET /complaints/${facts.complaintId}`,
  ]);
};
