import { complaintNumberInText } from '../domain/complaints/complaint-number';

/** What Kefu needs of a received email, already parsed from MIME. */
export interface InboundMessage {
  messageId: string;
  fromAddress: string;
  fromName?: string | undefined;
  /** Addresses in To and Cc, normalized (a survey reply goes to the survey's own address). */
  recipients: string[];
  subject: string;
  text: string;
  receivedAt: string;
  attachmentNames: string[];
  /**
   * The top-level header fields by lower-case name, unfolded (repeated fields joined by ", "); the
   * automatic-mail rule reads them. Encoded words are left as sent.
   */
  headers: Readonly<Record<string, string>>;
}

/**
 * The complaint number a reply keeps in its subject ("Re: 【受理回执】… KF-20261123-ABC123"),
 * however it was retyped (full-width, other dashes, spaces, lower case).
 */
export const complaintNumberIn = (subject: string): string | undefined =>
  complaintNumberInText(subject);

/** Subject prefixes mail clients add to replies and forwards, in English and Chinese. */
const REPLY_PREFIX = /^\s*((re|fw|fwd|aw|答复|回复|转发|回覆|轉寄)\s*[:：]\s*)+/i;

export const withoutReplyPrefix = (subject: string): string =>
  subject.replace(REPLY_PREFIX, '').trim();

/**
 * Lines where the quoted original begins: the attribution ("On … wrote:", "在 …，… 写道：",
 * Gmail's "… <a@b> 于2026年11月23日周一 10:00写道："), a separator ("-----Original Message-----",
 * QQ Mail and Foxmail's "------------------ 原始邮件 ------------------" or "… Original …",
 * Outlook's line of underscores) or the header block Outlook, QQ Mail and Foxmail copy
 * ("From:", "发件人:").
 */
const QUOTE_STARTS = [
  /^-{2,}\s*Original Message\s*-{2,}/i,
  /^-{2,}(?:\s|&nbsp;)*(?:原始邮件|原始郵件|Original)(?:\s|&nbsp;)*-{2,}$/i,
  /^_{20,}$/,
  /^From:\s.+$/,
  /^(?:发件人|發件人|寄件者)\s*[:：].+$/,
];

/** Attributions; mail clients wrap long ones over two lines, so they are also tried joined. */
const ATTRIBUTIONS = [
  /^On\s.+\swrote:$/,
  /^At\s.*\d.*\swrote:$/,
  /^在.+[写寫]道\s*[:：]$/,
  /^.*@.*于.*\d.*[写寫]道\s*[:：]$/,
];

/**
 * Where a signature begins: the "-- " delimiter and the lines phones add. Nothing after these is
 * the customer's answer (the quote follows them).
 */
const SIGNATURES = [
  /^--$/,
  /^Sent from my\s\S+(?:\s\S+){0,2}$/i,
  /^Sent from (?:Mail|Outlook) for\s.+$/i,
  /^Get Outlook for\s.+$/i,
  /^(?:发自|來自|来自)我的\s*(?:iPhone|iPad|Android|手机|手機|平板|华为|荣耀|小米|OPPO|vivo|三星|Galaxy)\S*$/i,
  /^发自\s*(?:网易邮箱大师|QQ邮箱|手机QQ邮箱)$/i,
];

const CUTS = [...QUOTE_STARTS, ...SIGNATURES, ...ATTRIBUTIONS];
const SEPARATOR_LINE = /^[-_=*\s]*$/;

const isQuoteStart = (line: string, next: string | undefined): boolean => {
  if (CUTS.some((start) => start.test(line))) return true;
  if (next === undefined || ATTRIBUTIONS.some((start) => start.test(next))) return false;
  const joined = `${line} ${next.trim()}`;
  return ATTRIBUTIONS.some((start) => start.test(joined));
};

/**
 * The new part of a reply: everything before the quoted message or the signature, without `>`
 * lines and without separator lines left at its end.
 */
export const newTextOfReply = (text: string): string => {
  const lines = text.split(/\r?\n/);
  const trimmed = lines.map((line) => line.trim());
  const end = trimmed.findIndex((line, index) => isQuoteStart(line, trimmed[index + 1]));
  const kept = (end === -1 ? lines : lines.slice(0, end)).filter(
    (line) => !line.trimStart().startsWith('>'),
  );
  while (kept.length > 0 && SEPARATOR_LINE.test(kept[kept.length - 1] ?? '')) kept.pop();
  return kept.join('\n').trim();
};

const CJK = /[\u3400-\u9fff]/;

/** A language guess for a customer first met by email: Chinese text → zh-CN, else English. */
export const languageOf = (text: string): 'zh-CN' | 'en' => (CJK.test(text) ? 'zh-CN' : 'en');
