import type { TimelineEntry } from '../../domain/complaints/complaint';
import { DomainError } from '../../domain/errors';
import {
  complaintNumberIn,
  type InboundMessage,
  languageOf,
  newTextOfReply,
  withoutReplyPrefix,
} from '../../domain/mail/inbound-message';
import type { NotificationLog } from '../ports';
import { resume } from './action-service';
import type { ComplaintServiceDeps } from './deps';
import { fileNewComplaint } from './intake-service';

export interface InboundMailDeps extends ComplaintServiceDeps {
  /** Remembers processed Message-IDs, so a redelivered email files nothing twice. */
  processed: NotificationLog;
}

export type InboundOutcome =
  | { outcome: 'filed'; complaintId: string }
  | { outcome: 'added-to-thread'; complaintId: string }
  | { outcome: 'already-processed' }
  | { outcome: 'ignored'; reason: string };

const DESCRIPTION_LIMIT = 10_000;
const SUBJECT_LIMIT = 200;

const truncate = (text: string, limit: number) =>
  text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;

/**
 * An email to the complaints address: a reply in a complaint's thread (its number in the subject,
 * from that complaint's customer) goes onto its timeline and ends a wait on the customer;
 * anything else becomes a new complaint on the email channel, from the archived customer with
 * that address or a new one.
 */
export const receiveComplaintMail = async (
  deps: InboundMailDeps,
  message: InboundMessage,
): Promise<InboundOutcome> => {
  const body = newTextOfReply(message.text);
  if (!body && !message.subject.trim()) return { outcome: 'ignored', reason: 'empty message' };
  if (!(await deps.processed.claim(message.messageId, 'inbound-mail'))) {
    return { outcome: 'already-processed' };
  }
  try {
    return await handle(deps, message, body);
  } catch (error) {
    await deps.processed.release(message.messageId, 'inbound-mail');
    throw error;
  }
};

const handle = async (
  deps: InboundMailDeps,
  message: InboundMessage,
  body: string,
): Promise<InboundOutcome> => {
  const customerId = await deps.customers.findIdByContact('email', message.fromAddress);
  const number = complaintNumberIn(message.subject);
  const thread = number && customerId ? await deps.complaints.getByNumber(number) : undefined;
  if (thread && thread.customerId === customerId) {
    const entry: TimelineEntry = {
      id: `mail-${message.messageId}`.slice(0, 200),
      complaintId: thread.id,
      at: deps.clock.now().toISOString(),
      actor: `customer:${customerId}`,
      action: 'customer_replied',
      note: truncate(body, DESCRIPTION_LIMIT),
      details: { channel: 'email', attachments: message.attachmentNames },
    };
    await deps.complaints.appendTimeline(entry, thread.customerId);
    if (thread.status === 'waiting_on_customer') {
      await resume(
        deps,
        { subject: 'inbound-mail', role: 'integrator', department: undefined },
        thread.id,
        'customer replied by email',
      );
    }
    return { outcome: 'added-to-thread', complaintId: thread.id };
  }
  const description = truncate(
    [
      body || '(no text)',
      message.attachmentNames.length ? `Attachments: ${message.attachmentNames.join(', ')}` : '',
    ]
      .filter(Boolean)
      .join('\n\n'),
    DESCRIPTION_LIMIT,
  );
  const subject = truncate(
    withoutReplyPrefix(message.subject) || description.split('\n')[0] || 'Email',
    SUBJECT_LIMIT,
  );
  try {
    const complaint = await fileNewComplaint(
      deps,
      {
        channel: 'email',
        subject,
        description,
        ...(customerId
          ? { customerId }
          : {
              customer: {
                name:
                  message.fromName?.trim() ||
                  message.fromAddress.split('@')[0] ||
                  message.fromAddress,
                email: message.fromAddress,
                preferredLanguage: languageOf(`${message.subject}\n${body}`),
                preferredChannel: 'email',
              },
            }),
      },
      'inbound-mail',
    );
    return { outcome: 'filed', complaintId: complaint.id };
  } catch (error) {
    if (error instanceof DomainError && error.kind === 'rule-violated') {
      return { outcome: 'ignored', reason: error.message };
    }
    throw error;
  }
};
