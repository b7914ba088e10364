import type { Language } from '../../domain/customers/customer';
import { SCALE_LABELS, type Score } from '../../domain/surveys/scale';
import type { SurveyAbout } from '../../domain/surveys/survey';
import type { Mail } from './complaint-mails';
import { escapeHtml } from '../html';

export interface SurveyLinks {
  /** The answer page with a score preselected. */
  rate: (score: Score) => string;
  /** The answer page without a score, for a comment. */
  comment: string;
  unsubscribe: string;
}

export interface SurveyMailInput {
  language: Language;
  customerName: string;
  /** What the survey is about: a complaint number or a revisit; absent for quarterly surveys. */
  about?: (SurveyAbout & { label?: string }) | undefined;
  links: SurveyLinks;
  reminder: boolean;
}

const SCORES: Score[] = [5, 4, 3, 2, 1];

const TEXTS: Record<
  Language,
  {
    subject: (reminder: boolean) => string;
    greeting: (name: string) => string;
    question: (about: SurveyMailInput['about']) => string;
    clickOrReply: string;
    comment: string;
    unsubscribe: string;
  }
> = {
  'zh-CN': {
    subject: (reminder) => `${reminder ? '【提醒】' : ''}【满意度调查】您对我们的服务满意吗？`,
    greeting: (name) => `${name}，您好：`,
    question: (about) =>
      about?.type === 'complaint'
        ? `您的投诉${about.label ? ` ${about.label} ` : ''}已处理完毕。您对处理结果满意吗？`
        : about?.type === 'revisit'
          ? '感谢您接受我们的回访。您对我们的服务满意吗？'
          : '感谢您一直以来的支持。过去三个月，您对我们的服务满意吗？',
    clickOrReply: '请点击下面的一项作答，或直接回复本邮件写下数字 1–5（5 = 非常满意）或您的评价：',
    comment: '想多说几句？请在这里留言',
    unsubscribe: '不再接收满意度调查',
  },
  'zh-TW': {
    subject: (reminder) => `${reminder ? '【提醒】' : ''}【滿意度調查】您對我們的服務滿意嗎？`,
    greeting: (name) => `${name}，您好：`,
    question: (about) =>
      about?.type === 'complaint'
        ? `您的投訴${about.label ? ` ${about.label} ` : ''}已處理完畢。您對處理結果滿意嗎？`
        : about?.type === 'revisit'
          ? '感謝您接受我們的回訪。您對我們的服務滿意嗎？'
          : '感謝您一直以來的支持。過去三個月，您對我們的服務滿意嗎？',
    clickOrReply: '請點擊下面的一項作答，或直接回覆本郵件寫下數字 1–5（5 = 非常滿意）或您的評價：',
    comment: '想多說幾句？請在這裡留言',
    unsubscribe: '不再接收滿意度調查',
  },
  en: {
    subject: (reminder) =>
      `${reminder ? 'Reminder: ' : ''}How satisfied were you with our service?`,
    greeting: (name) => `Dear ${name},`,
    question: (about) =>
      about?.type === 'complaint'
        ? `Your complaint${about.label ? ` ${about.label}` : ''} has been handled. How satisfied are you with the outcome?`
        : about?.type === 'revisit'
          ? 'Thank you for talking to us. How satisfied are you with our service?'
          : 'Thank you for being our customer. How satisfied were you with our service over the last three months?',
    clickOrReply:
      'Click one answer below, or simply reply to this email with a number from 1 to 5 (5 = very satisfied) or a few words:',
    comment: 'Want to tell us more? Leave a comment',
    unsubscribe: 'Stop sending me satisfaction surveys',
  },
};

/** The question the answer page asks again, in the customer's language. */
export const surveyQuestion = (language: Language, about: SurveyMailInput['about']): string =>
  TEXTS[language].question(about);

/**
 * A satisfaction survey (or its one reminder): five one-click rating links, a comment link and
 * an unsubscribe link, as plain text and as HTML, in the customer's language.
 */
export const surveyMail = (input: SurveyMailInput): Mail => {
  const texts = TEXTS[input.language];
  const labels = SCALE_LABELS[input.language];
  const question = texts.question(input.about);
  const text = [
    texts.greeting(input.customerName),
    question,
    texts.clickOrReply,
    SCORES.map((score) => `${score} ${labels[score]}: ${input.links.rate(score)}`).join('\n'),
    `${texts.comment}: ${input.links.comment}`,
    `${texts.unsubscribe}: ${input.links.unsubscribe}`,
  ].join('\n\n');
  const button = (score: Score) =>
    `<a href="${escapeHtml(input.links.rate(score))}" style="display:inline-block;margin:4px;padding:10px 14px;border:1px solid #1a5fb4;border-radius:6px;color:#1a5fb4;text-decoration:none">${score} · ${escapeHtml(labels[score])}</a>`;
  const html = `<!doctype html><html lang="${input.language}"><body style="font-family:sans-serif;line-height:1.5;color:#222"><p>${escapeHtml(
    texts.greeting(input.customerName),
  )}</p><p>${escapeHtml(question)}</p><p>${escapeHtml(texts.clickOrReply)}</p><p>${SCORES.map(
    button,
  ).join('')}</p><p><a href="${escapeHtml(input.links.comment)}">${escapeHtml(
    texts.comment,
  )}</a></p><p style="font-size:12px;color:#555"><a href="${escapeHtml(
    input.links.unsubscribe,
  )}" style="color:#555">${escapeHtml(texts.unsubscribe)}</a></p></body></html>`;
  return { subject: texts.subject(input.reminder), text, html };
};
