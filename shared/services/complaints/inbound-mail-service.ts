import type { Complaint } from '../../domain/complaints/complaint';
import { readConfirmationReply } from '../../inbound-mail/confirmation-reply';
import { INBOUND_MAIL_RECORDER, type Interaction } from '../../domain/customers/interaction';
import { DomainError } from '../../domain/errors';
import { automaticMailVerdict } from '../../inbound-mail/automatic-mail';
import {
  complaintNumberIn,
  type InboundMessage,
  languageOf,
  newTextOfReply,
  withoutReplyPrefix,
} from '../../inbound-mail/inbound-message';
import type { NotificationLog } from '../notifications/ports';
import { addCustomerMessage, answerResolution } from './customer-voice-service';
import { interactionRecorded } from '../customers/interaction-service';
import type { ComplaintServiceDeps } from './ports';
import { fileNewComplaint } from './intake-service';

export interface InboundMailDeps extends ComplaintServiceDeps {
  /** Remembers processed Message-IDs, so a redelivered email files nothing twice. */
  processed: NotificationLog;
}

export type InboundOutcome =
  | { outcome: 'filed'; complaintId: string }
  | { outcome: 'added-to-thread'; complaintId: string }
  | { outcome: 'automatic-reply'; complaintId: string; signal: string }
  | { outcome: 'already-processed' }
  | { outcome: 'ignored'; reason: string };

const DESCRIPTION_LIMIT = 10_000;
const SUBJECT_LIMIT = 200;

const NEED_LIMIT = 2000;

const truncate = (text: string, limit: number) =>
  text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;

/**
 * The email as a contact on the customer's communication record (沟通记录: time, channel, need,
 * result): its subject is the need, what Kefu did with it the result; the body stays on the
 * complaint.
 */
const emailContact = (
  deps: InboundMailDeps,
  message: InboundMessage,
  complaint: Complaint,
  result: string,
): Interaction => {
  const at = deps.clock.now().toISOString();
  return {
    id: deps.ids.next(),
    customerId: complaint.customerId,
    channel: 'email',
    occurredAt: at,
    need: truncate(withoutReplyPrefix(message.subject) || '(no subject)', NEED_LIMIT),
    result,
    regarding: { type: 'complaint', id: complaint.id },
    recordedAt: at,
    recordedBy: INBOUND_MAIL_RECORDER,
  };
};

/**
 * An email to the complaints address: a reply in a complaint's thread (its number in the subject,
 * however written, from that complaint's customer) goes onto its timeline and ends a wait on the
 * customer; anything else — the number of someone else's complaint included — becomes a new
 * complaint on the email channel, from the archived customer with that address or a new one.
 * Either way the email is also a contact on the customer's communication record, once per
 * Message-ID. Automatic mail (an out-of-office reply, a delivery report) files nothing: on a
 * thread it is only that contact — no owner told, no status changed, no wait ended.
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

/**
 * A reply on a complaint's thread: to the result email, "已解决" / "solved" closes it and "未解决" /
 * "not solved" reopens it with the customer's words; anything else (or an answer that no longer
 * fits) is the customer's message, left for the owner to read.
 */
const replyOnThread = async (
  deps: InboundMailDeps,
  thread: Complaint,
  message: InboundMessage,
  body: string,
): Promise<void> => {
  const text = truncate(body, DESCRIPTION_LIMIT);
  const answer =
    thread.resolution && (thread.status === 'resolved' || thread.status === 'closed')
      ? readConfirmationReply(body)
      : undefined;
  if (answer && thread.resolution) {
    const { outcome } = await answerResolution(deps, thread.id, {
      answer,
      round: thread.resolution.resolvedAt,
      words: text,
      via: 'reply',
    });
    if (outcome === 'closed' || outcome === 'reopened') return;
  }
  await addCustomerMessage(deps, thread.id, {
    messageId: message.messageId,
    text: text || '(no text)',
    via: 'email',
    attachments: message.attachmentNames,
  });
};

/**
 * An out-of-office reply or a bounce on a thread says nothing of the complaint: it is only a
 * contact on the customer's record, with no timeline entry, so no one is told and no wait ends.
 */
const noteAutomaticReply = async (
  deps: InboundMailDeps,
  message: InboundMessage,
  thread: Complaint,
  signal: string,
): Promise<InboundOutcome> => {
  const result = `automatic reply (${signal}) on complaint ${thread.number}: not read as the customer's word`;
  await recordContactOnce(
    deps,
    message,
    emailContact(deps, message, thread, truncate(result, NEED_LIMIT)),
  );
  return { outcome: 'automatic-reply', complaintId: thread.id, signal };
};

const handle = async (
  deps: InboundMailDeps,
  message: InboundMessage,
  body: string,
): Promise<InboundOutcome> => {
  const customerId = await deps.customers.findIdByContact('email', message.fromAddress);
  const number = complaintNumberIn(message.subject);
  const thread = number && customerId ? await deps.complaints.getByNumber(number) : undefined;
  const automatic = automaticMailVerdict(message);
  if (automatic.automatic) {
    return thread && thread.customerId === customerId
      ? await noteAutomaticReply(deps, message, thread, automatic.signal)
      : { outcome: 'ignored', reason: `automatic mail (${automatic.signal})` };
  }
  if (thread && thread.customerId === customerId) {
    // The contact first: it is claimed per Message-ID, so a retry after a later failure
    // records it once and still delivers the reply.
    await recordContactOnce(
      deps,
      message,
      emailContact(deps, message, thread, `added to complaint ${thread.number}`),
    );
    await replyOnThread(deps, thread, message, body);
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
      { contact: (filed) => emailContact(deps, message, filed, `complaint ${filed.number} filed`) },
    );
    return { outcome: 'filed', complaintId: complaint.id };
  } catch (error) {
    if (error instanceof DomainError && error.kind === 'rule-violated') {
      return { outcome: 'ignored', reason: error.message };
    }
    throw error;
  }
};

/**
 * A reply joins a complaint in several writes (timeline entry, contact, resumption), each safe to
 * repeat: the contact is claimed by Message-ID, so a retry after a later failure records none twice.
 */
const recordContactOnce = async (
  deps: InboundMailDeps,
  message: InboundMessage,
  contact: Interaction,
): Promise<void> => {
  if (!(await deps.processed.claim(message.messageId, 'inbound-mail-contact'))) return;
  try {
    await deps.customers.addInteraction(contact, interactionRecorded(deps.ids, contact));
  } catch (error) {
    await deps.processed.release(message.messageId, 'inbound-mail-contact');
    throw error;
  }
};
