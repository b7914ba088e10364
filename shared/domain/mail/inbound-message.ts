/** What Kefu needs of a received email, already parsed from MIME. */
export interface InboundMessage {
  messageId: string;
  fromAddress: string;
  fromName?: string | undefined;
  subject: string;
  text: string;
  receivedAt: string;
  attachmentNames: string[];
}

const COMPLAINT_NUMBER = /\bKF-\d{8}-[0-9A-HJKMNP-TV-Z]{6}\b/;

/** The complaint number a reply keeps in its subject ("Re: 【受理回执】… KF-20261123-ABC123"). */
export const complaintNumberIn = (subject: string): string | undefined =>
  COMPLAINT_NUMBER.exec(subject.toUpperCase())?.[0];

/** Subject prefixes mail clients add to replies and forwards, in English and Chinese. */
const REPLY_PREFIX = /^\s*((re|fw|fwd|aw|答复|回复|转发|回覆|轉寄)\s*[:：]\s*)+/i;

export const withoutReplyPrefix = (subject: string): string =>
  subject.replace(REPLY_PREFIX, '').trim();

const QUOTE_HEADERS = [
  /^On .+ wrote:\s*$/m,
  /^-{2,}\s*Original Message\s*-{2,}/im,
  /^在\s*.+写道[:：]\s*$/m,
  /^在\s*.+寫道[:：]\s*$/m,
  /^-{2,}\s*原始邮件\s*-{2,}/m,
  /^From:\s.+$/m,
  /^发件人[:：].+$/m,
];

/** The new part of a reply: everything before the quoted message, without `>` lines. */
export const newTextOfReply = (text: string): string => {
  let end = text.length;
  for (const header of QUOTE_HEADERS) {
    const match = header.exec(text);
    if (match && match.index < end) end = match.index;
  }
  return text
    .slice(0, end)
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('>'))
    .join('\n')
    .trim();
};

const CJK = /[\u3400-\u9fff]/;

/** A language guess for a customer first met by email: Chinese text → zh-CN, else English. */
export const languageOf = (text: string): 'zh-CN' | 'en' => (CJK.test(text) ? 'zh-CN' : 'en');
