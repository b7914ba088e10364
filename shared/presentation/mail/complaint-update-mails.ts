import type { Language } from '../../domain/customers/customer';
import type { Mail } from './complaint-mails';
import { escapeHtml } from '../html';

/** A paragraph of text, or a link shown as a button in HTML and as `label: url` in text. */
type Block = string | { label: string; href: string };

const render = (lang: Language, subject: string, blocks: Block[]): Mail => ({
  subject,
  text: blocks
    .map((block) => (typeof block === 'string' ? block : `${block.label}: ${block.href}`))
    .join('\n\n'),
  html: `<!doctype html><html lang="${escapeHtml(lang)}"><body style="font-family:sans-serif;line-height:1.5;color:#222">${blocks
    .map((block) =>
      typeof block === 'string'
        ? `<p>${escapeHtml(block).replaceAll('\n', '<br>')}</p>`
        : `<p><a href="${escapeHtml(block.href)}" style="display:inline-block;padding:10px 16px;border:1px solid #1a5fb4;border-radius:6px;color:#1a5fb4;text-decoration:none">${escapeHtml(block.label)}</a></p>`,
    )
    .join('')}</body></html>`,
});

export interface ResultFacts {
  customerName: string;
  number: string;
  subject: string;
  /** What was done, in the words staff chose for the customer. */
  message: string;
  links: { solved: string; notSolved: string; progress: string };
  /** Days of silence before the complaint closes by itself; absent when it will not. */
  autoCloseDays?: number | undefined;
}

const RESULT_TEXTS: Record<
  Language,
  {
    subject: (number: string) => string;
    greeting: (name: string) => string;
    intro: (subject: string, number: string) => string;
    ask: string;
    solved: string;
    notSolved: string;
    orReply: string;
    silence: (days: number) => string;
    progress: string;
  }
> = {
  'zh-CN': {
    subject: (number) => `【处理结果】您的投诉 ${number} 已处理，请确认`,
    greeting: (name) => `${name}，您好：`,
    intro: (subject, number) => `您关于“${subject}”的投诉（编号 ${number}）已处理，处理结果如下：`,
    ask: '请告诉我们问题是否已经解决：',
    solved: '已解决',
    notSolved: '未解决',
    orReply: '您也可以直接回复本邮件，写“已解决”或“未解决”，并附上您想说的话。',
    silence: (days) => `如 ${days} 天内未收到您的答复，我们将视为问题已解决并结案。`,
    progress: '查看处理进度',
  },
  'zh-TW': {
    subject: (number) => `【處理結果】您的投訴 ${number} 已處理，請確認`,
    greeting: (name) => `${name}，您好：`,
    intro: (subject, number) =>
      `您關於「${subject}」的投訴（編號 ${number}）已處理，處理結果如下：`,
    ask: '請告訴我們問題是否已經解決：',
    solved: '已解決',
    notSolved: '未解決',
    orReply: '您也可以直接回覆本郵件，寫「已解決」或「未解決」，並附上您想說的話。',
    silence: (days) => `如 ${days} 天內未收到您的答覆，我們將視為問題已解決並結案。`,
    progress: '查看處理進度',
  },
  en: {
    subject: (number) => `Your complaint ${number} has been handled: did it solve the problem?`,
    greeting: (name) => `Dear ${name},`,
    intro: (subject, number) =>
      `Your complaint "${subject}" (${number}) has been handled. This is what we did:`,
    ask: 'Please tell us whether your problem is solved:',
    solved: 'Solved',
    notSolved: 'Not solved',
    orReply:
      'You can also reply to this email with "solved" or "not solved" and anything you want to add.',
    silence: (days) =>
      `If we do not hear from you within ${days} days, we will take it as solved and close the complaint.`,
    progress: 'See the progress of your complaint',
  },
};

/**
 * The result (seed 001 三(二)5 "将处理结果回复给客户，并确认客户是否满意"): what was done and two links that
 * open a page with one button each (a mail scanner following them records nothing).
 */
export const resultMail = (lang: Language, facts: ResultFacts): Mail => {
  const t = RESULT_TEXTS[lang];
  return render(lang, t.subject(facts.number), [
    t.greeting(facts.customerName),
    t.intro(facts.subject, facts.number),
    facts.message,
    t.ask,
    { label: t.solved, href: facts.links.solved },
    { label: t.notSolved, href: facts.links.notSolved },
    t.orReply,
    ...(facts.autoCloseDays ? [t.silence(facts.autoCloseDays)] : []),
    { label: t.progress, href: facts.links.progress },
  ]);
};

export type CustomerUpdate = 'assigned' | 'reopened';

export interface UpdateFacts {
  customerName: string;
  number: string;
  update: CustomerUpdate;
  progressUrl: string;
}

const UPDATE_TEXTS: Record<
  Language,
  {
    subject: Record<CustomerUpdate, (number: string) => string>;
    body: Record<CustomerUpdate, (number: string) => string>;
    greeting: (name: string) => string;
    progress: string;
  }
> = {
  'zh-CN': {
    subject: {
      assigned: (n) => `您的投诉 ${n} 已有专人负责`,
      reopened: (n) => `您的投诉 ${n} 已重新处理`,
    },
    body: {
      assigned: (n) => `您的投诉（编号 ${n}）已交由专人负责处理，我们会尽快给您答复。`,
      reopened: (n) => `您的投诉（编号 ${n}）已重新打开，负责人会继续跟进，直至问题解决。`,
    },
    greeting: (name) => `${name}，您好：`,
    progress: '查看处理进度',
  },
  'zh-TW': {
    subject: {
      assigned: (n) => `您的投訴 ${n} 已有專人負責`,
      reopened: (n) => `您的投訴 ${n} 已重新處理`,
    },
    body: {
      assigned: (n) => `您的投訴（編號 ${n}）已交由專人負責處理，我們會盡快給您答覆。`,
      reopened: (n) => `您的投訴（編號 ${n}）已重新開啟，負責人會繼續跟進，直至問題解決。`,
    },
    greeting: (name) => `${name}，您好：`,
    progress: '查看處理進度',
  },
  en: {
    subject: {
      assigned: (n) => `A person is now handling your complaint ${n}`,
      reopened: (n) => `Your complaint ${n} has been reopened`,
    },
    body: {
      assigned: (n) =>
        `Your complaint (${n}) is now in the hands of a member of our team. You will hear from us soon.`,
      reopened: (n) =>
        `Your complaint (${n}) has been reopened; we will keep working on it until it is solved.`,
    },
    greeting: (name) => `Dear ${name},`,
    progress: 'See the progress of your complaint',
  },
};

/** A short status email, sent only when the customer wants updates. */
export const updateMail = (lang: Language, facts: UpdateFacts): Mail => {
  const t = UPDATE_TEXTS[lang];
  return render(lang, t.subject[facts.update](facts.number), [
    t.greeting(facts.customerName),
    t.body[facts.update](facts.number),
    { label: t.progress, href: facts.progressUrl },
  ]);
};

export interface CustomerMessageFacts {
  staffName: string;
  number: string;
  subject: string;
  message: string;
  via: 'page' | 'email';
  complaintId: string;
}

/** To the owner (bilingual, as every staff mail): the customer wrote on their complaint. */
export const customerMessageMail = (facts: CustomerMessageFacts): Mail =>
  render('zh-CN', `客户留言 / The customer wrote: ${facts.number}`, [
    `${facts.staffName}：`,
    `客户在投诉 ${facts.number}（${facts.subject}）上${facts.via === 'page' ? '通过进度页面' : '通过邮件'}留言：`,
    `The customer wrote on complaint ${facts.number} ("${facts.subject}") ${facts.via === 'page' ? 'on its progress page' : 'by email'}:`,
    facts.message,
    `GET /complaints/${facts.complaintId}`,
  ]);
