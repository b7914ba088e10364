import {
  acknowledgementMail,
  assignmentMail,
  escalationMail,
  type Mail,
  responseMail,
} from '../../domain/notifications/complaint-mails';
import type { ComplaintServiceDeps } from '../complaints/deps';
import { revisitReminderMail } from '../../domain/notifications/revisit-mails';
import { DEFAULT_REVISIT_POLICIES } from '../../domain/revisits/policy';
import { consentWithdrawn } from '../../domain/revisits/revisit';
import type { CustomerTimeline, Mailer, NotificationLog, RevisitRepository } from '../ports';
import { recordSentMail } from '../customers/timeline';

export interface NotificationDeps extends ComplaintServiceDeps {
  mailer: Mailer;
  sent: NotificationLog;
  /** Mails to customers are kept on their timeline (subject, time, kind; never the body). */
  timeline: CustomerTimeline;
  /** Replies from customers come back here (and into the complaint's thread). */
  replyTo?: string | undefined;
}

export type NotificationOutcome = 'sent' | 'already-sent' | 'no-recipient' | 'nothing-to-send';

/** A mail to a customer (rather than to staff): whose, and what it is about. */
interface ToCustomer {
  customerId: string;
  relatedId: string;
  number?: string | undefined;
}

/**
 * Sends one mail at most once per event and kind; a failed send is released for the retry. A
 * mail to a customer is then written on their timeline (at most once: a retry after a failed
 * write finds the mail sent and writes nothing).
 */
export const sendOnce = async (
  deps: NotificationDeps,
  eventId: string,
  kind: string,
  to: string | undefined,
  mail: Mail,
  customer?: ToCustomer,
): Promise<NotificationOutcome> => {
  if (!to) return 'no-recipient';
  if (!(await deps.sent.claim(eventId, kind))) return 'already-sent';
  try {
    await deps.mailer.send({ to, ...mail, replyTo: deps.replyTo });
  } catch (error) {
    await deps.sent.release(eventId, kind);
    throw error;
  }
  if (customer) {
    await recordSentMail(deps, {
      ...customer,
      mailKind: kind,
      subject: mail.subject,
      at: deps.clock.now().toISOString(),
      sendingId: eventId,
    });
  }
  return 'sent';
};

/** 受理回执 once the complaint is routed (its number and reply deadline are known then). */
export const acknowledgeComplaint = async (
  deps: NotificationDeps,
  eventId: string,
  complaintId: string,
): Promise<NotificationOutcome> => {
  const complaint = await deps.complaints.get(complaintId);
  const customer = complaint && (await deps.customers.get(complaint.customerId));
  if (!complaint || !customer) return 'nothing-to-send';
  const outcome = await sendOnce(
    deps,
    eventId,
    'acknowledgement',
    customer.email,
    acknowledgementMail(customer.preferredLanguage, {
      customerName: customer.name,
      number: complaint.number,
      subject: complaint.subject,
      replyBy: complaint.sla?.firstResponseDue,
    }),
    { customerId: customer.id, relatedId: complaint.id, number: complaint.number },
  );
  if (outcome === 'sent') {
    await deps.complaints.appendTimeline(
      {
        id: `${eventId}-ack`,
        complaintId,
        at: deps.clock.now().toISOString(),
        actor: 'notifications',
        action: 'acknowledged',
        details: { channel: 'email' },
      },
      complaint.customerId,
    );
  }
  return outcome;
};

export const notifyOwner = async (
  deps: NotificationDeps,
  eventId: string,
  complaintId: string,
  ownerId: string,
): Promise<NotificationOutcome> => {
  const [complaint, owner] = await Promise.all([
    deps.complaints.get(complaintId),
    deps.organization.getStaffMember(ownerId),
  ]);
  if (!complaint || !owner) return 'nothing-to-send';
  return sendOnce(
    deps,
    eventId,
    'assignment',
    owner.email,
    assignmentMail({
      ownerName: owner.name,
      number: complaint.number,
      subject: complaint.subject,
      priority: complaint.priority ?? 'P3',
      department: complaint.department ?? '',
      complaintId,
    }),
  );
};

export const deliverResponse = async (
  deps: NotificationDeps,
  eventId: string,
  complaintId: string,
  responseId: string,
): Promise<NotificationOutcome> => {
  const complaint = await deps.complaints.get(complaintId);
  const customer = complaint && (await deps.customers.get(complaint.customerId));
  const response =
    complaint && (await deps.complaints.timeline(complaintId)).find((e) => e.id === responseId);
  if (!complaint || !customer || !response?.note) return 'nothing-to-send';
  return sendOnce(
    deps,
    eventId,
    'response',
    customer.email,
    responseMail(customer.preferredLanguage, {
      customerName: customer.name,
      number: complaint.number,
      message: response.note,
    }),
    { customerId: customer.id, relatedId: complaint.id, number: complaint.number },
  );
};

export const notifyEscalation = async (
  deps: NotificationDeps,
  eventId: string,
  complaintId: string,
  staffId: string | undefined,
  level: number,
): Promise<NotificationOutcome> => {
  if (!staffId) return 'no-recipient';
  const [complaint, staff] = await Promise.all([
    deps.complaints.get(complaintId),
    deps.organization.getStaffMember(staffId),
  ]);
  if (!complaint || !staff) return 'nothing-to-send';
  return sendOnce(
    deps,
    eventId,
    'escalation',
    staff.email,
    escalationMail({
      staffName: staff.name,
      number: complaint.number,
      subject: complaint.subject,
      level,
      department: complaint.department ?? '',
      complaintId,
    }),
  );
};

/** RevisitDue on the email channel: remind the customer, once, if the revisit is still due. */
export const remindRevisitCustomer = async (
  deps: NotificationDeps & { revisits: RevisitRepository },
  eventId: string,
  revisitId: string,
): Promise<NotificationOutcome> => {
  const revisit = await deps.revisits.get(revisitId);
  if (!revisit || revisit.status !== 'due' || revisit.channel !== 'email') return 'nothing-to-send';
  const customer = await deps.customers.get(revisit.customerId);
  if (!customer || consentWithdrawn(customer.consents.surveys)) return 'nothing-to-send';
  const policies =
    (await deps.organization.getRevisitPolicies())?.value ?? DEFAULT_REVISIT_POLICIES;
  const policy = policies.find((candidate) => candidate.id === revisit.policyId);
  return sendOnce(
    deps,
    eventId,
    'revisit-reminder',
    customer.email,
    revisitReminderMail(
      customer.preferredLanguage,
      customer.name,
      policy?.description ?? revisit.policyId,
    ),
    { customerId: customer.id, relatedId: revisit.id },
  );
};
