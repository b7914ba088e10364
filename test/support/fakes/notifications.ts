import type {
  Mailer,
  NotificationLog,
  OutgoingMail,
} from '../../../shared/services/notifications/ports';

/** An outbox of sent mail; `failFor` makes sending to an address throw, as SES may. */
export class InMemoryMailer implements Mailer {
  readonly sent: OutgoingMail[] = [];
  readonly failFor = new Set<string>();

  async send(mail: OutgoingMail): Promise<{ messageId: string }> {
    if (this.failFor.has(mail.to)) throw new Error(`SES refused ${mail.to}`);
    this.sent.push(structuredClone(mail));
    return { messageId: `message-${this.sent.length}` };
  }

  to(address: string): OutgoingMail[] {
    return this.sent.filter((mail) => mail.to === address);
  }
}

/** Claims in memory: the first claim of a (key, kind) wins until it is released. */
export class InMemoryNotificationLog implements NotificationLog {
  readonly claims = new Set<string>();

  async claim(eventId: string, kind: string): Promise<boolean> {
    const key = `${kind}#${eventId}`;
    if (this.claims.has(key)) return false;
    this.claims.add(key);
    return true;
  }

  async release(eventId: string, kind: string): Promise<void> {
    this.claims.delete(`${kind}#${eventId}`);
  }
}
