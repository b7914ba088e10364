/**
 * Whether a received email was written by a machine rather than a person: out-of-office and
 * vacation replies, auto-responders, bulk mail and delivery reports. Such mail is never a survey
 * answer, never a complaint and never the customer's word on one; it is only recorded.
 */

/** The parts of a message the rule reads. Header names are lower case. */
export interface MailSignals {
  headers: Readonly<Record<string, string>>;
  subject: string;
}

export type AutomaticMailVerdict = { automatic: true; signal: string } | { automatic: false };

const valueOf = (headers: MailSignals['headers'], name: string) => headers[name]?.trim();

/** Header rules, most telling first; each gives the signal it saw, or nothing. */
const HEADER_RULES: ((headers: MailSignals['headers']) => string | undefined)[] = [
  // RFC 3834: anything but "no" (auto-replied, auto-generated, auto-notified) is automatic.
  (headers) => {
    const value = valueOf(headers, 'auto-submitted');
    const keyword = value?.split(';')[0]?.trim().toLowerCase();
    return keyword && keyword !== 'no' ? `Auto-Submitted: ${value}` : undefined;
  },
  // RFC 6522: a delivery status (bounce) or other report is addressed to no person.
  (headers) => {
    const value = valueOf(headers, 'content-type');
    if (!value || !/^multipart\/report\b/i.test(value)) return undefined;
    const withoutBoundary = value
      .split(';')
      .map((part) => part.trim())
      .filter((part) => !/^boundary\s*=/i.test(part));
    return `Content-Type: ${withoutBoundary.join('; ')}`;
  },
  // Microsoft's own marker: Exchange and Outlook set it on out-of-office and other auto mail.
  (headers) => {
    const value = valueOf(headers, 'x-auto-response-suppress');
    return value ? `X-Auto-Response-Suppress: ${value}` : undefined;
  },
  (headers) => {
    const value = valueOf(headers, 'precedence');
    return value && /^(auto_reply|bulk|junk)$/i.test(value) ? `Precedence: ${value}` : undefined;
  },
  // X-Autoreply, X-Autorespond and X-Autoreply-From (QQ Mail, 163, older auto-responders).
  (headers) => {
    const name = ['x-autoreply', 'x-autorespond', 'x-autoreply-from'].find((header) => {
      const value = valueOf(headers, header);
      return value !== undefined && !/^(no|false|0)$/i.test(value);
    });
    return name ? `${name}: ${valueOf(headers, name)}` : undefined;
  },
];

/**
 * Subjects auto-responders write, at the start (after any "Re:" the responder copied from the
 * original): 自动回复 / 自動回覆 (QQ Mail, 163, Foxmail, Outlook in Chinese), "Automatic reply",
 * "Auto reply", "Autoreply", "Out of Office", "Undeliverable", "Delivery Status Notification",
 * "Mail delivery failed", 退信 / 系统退信 (163, QQ Mail).
 */
const AUTOMATIC_SUBJECT =
  /^\s*(?:(?:re|aw|答复|回复)\s*[:：]\s*)*(?:自动回复|自動回覆|自动答复|自動答覆|自动应答|系统退信|退信|automatic\s+reply|auto[-\s]?reply|auto[-\s]?response|autoresponse|out\s+of\s+(?:the\s+)?office|undeliverable|undelivered\s+mail|delivery\s+status\s+notification|mail\s+delivery\s+(?:failed|failure|subsystem)|returned\s+mail)(?![a-z])/i;

/** Tells automatic mail from a person's by its headers, then by its subject; never by its body. */
export const automaticMailVerdict = (message: MailSignals): AutomaticMailVerdict => {
  for (const rule of HEADER_RULES) {
    const signal = rule(message.headers);
    if (signal) return { automatic: true, signal };
  }
  const subject = AUTOMATIC_SUBJECT.exec(message.subject);
  return subject
    ? { automatic: true, signal: `Subject: ${subject[0].trim()}` }
    : { automatic: false };
};
