import type { ComplaintLinks, ComplaintServiceDeps } from '../complaints/ports';
import type { CustomerTimeline } from '../customers/ports';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  replyTo?: string | undefined;
  /** Extra header fields, e.g. List-Unsubscribe (RFC 8058). */
  headers?: Record<string, string> | undefined;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
}

/**
 * Remembers which notifications went out, so a redelivered event sends nothing twice: `claim`
 * is true only for the first caller; `release` gives the claim back when sending failed.
 */
export interface NotificationLog {
  claim(eventId: string, kind: string): Promise<boolean>;
  release(eventId: string, kind: string): Promise<void>;
}

export interface NotificationDeps extends ComplaintServiceDeps {
  mailer: Mailer;
  sent: NotificationLog;
  /** The customer's signed links to the complaint's progress page. */
  links: ComplaintLinks;
  /** Mails to customers are kept on their timeline (subject, time, kind; never the body). */
  timeline: CustomerTimeline;
  /** Replies from customers come back here (and into the complaint's thread). */
  replyTo?: string | undefined;
}
