import {
  acknowledgementMail,
  assignmentMail,
  escalationMail,
  type Mail,
  responseMail,
  unassignableMail,
} from '../../presentation/mail/complaint-mails';
import { businessCalendar } from '../complaints/calendar-source';
import { slaCalendarDepartment } from '../../domain/complaints/transfer';
import { deadlinesView, progressOf } from '../../domain/complaints/sla';
import { revisitReminderMail } from '../../presentation/mail/revisit-mails';
import { DEFAULT_REVISIT_POLICIES } from '../../domain/revisits/policy';
import {
  type CustomerUpdate,
  customerMessageMail,
  resultMail,
  updateMail,
} from '../../presentation/mail/complaint-update-mails';
import { wantsUpdates } from '../../domain/complaints/complaint';
import { mayContact } from '../../domain/customers/customer';
import { resultMessageOf } from '../../domain/complaints/progress';
import type { NotificationDeps } from './ports';
import type { RevisitRepository } from '../revisits/ports';
import { recordSentMail } from '../customers/timeline';

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
  const calendar = await businessCalendar(deps.organization, slaCalendarDepartment(complaint));
  // The deadline the sweep holds the complaint to, in the zone of the calendar it was counted on.
  const replyBy = complaint.sla
    ? deadlinesView(calendar, complaint.sla, progressOf(complaint), deps.clock.now()).firstResponse
        .due
    : undefined;
  const outcome = await sendOnce(
    deps,
    eventId,
    'acknowledgement',
    customer.email,
    acknowledgementMail(customer.preferredLanguage, {
      customerName: customer.name,
      number: complaint.number,
      subject: complaint.subject,
      replyBy,
      timeZone: calendar.timeZone,
      progressUrl: await deps.links.progressUrl(complaintId, deps.clock.now()),
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

const DAY_MS = 86_400_000;

/**
 * ComplaintResolved: the result to the customer, with a "solved" and a "not solved" link and the
 * reply address, once per resolution (seed 001 三(二)5, seed 004 三.3.2 "告知其反馈的处理进展及结果").
 */
export const sendResult = async (
  deps: NotificationDeps,
  eventId: string,
  complaintId: string,
): Promise<NotificationOutcome> => {
  const complaint = await deps.complaints.get(complaintId);
  const customer = complaint && (await deps.customers.get(complaint.customerId));
  const resolution = complaint?.resolution;
  if (!complaint || !customer || !resolution || complaint.status !== 'resolved') {
    return 'nothing-to-send';
  }
  const now = deps.clock.now();
  const round = resolution.resolvedAt;
  const autoCloseAt = complaint.confirmation?.autoCloseAt;
  return sendOnce(
    deps,
    eventId,
    'result',
    customer.email,
    resultMail(customer.preferredLanguage, {
      customerName: customer.name,
      number: complaint.number,
      subject: complaint.subject,
      message: resultMessageOf(resolution),
      links: {
        solved: await deps.links.answerUrl(complaintId, now, round, 'solved'),
        notSolved: await deps.links.answerUrl(complaintId, now, round, 'not_solved'),
        progress: await deps.links.progressUrl(complaintId, now),
      },
      autoCloseDays: autoCloseAt
        ? Math.round((Date.parse(autoCloseAt) - Date.parse(round)) / DAY_MS)
        : undefined,
    }),
    { customerId: customer.id, relatedId: complaint.id, number: complaint.number },
  );
};

/**
 * A short status email when a person takes the complaint (the first time only: a transfer or a
 * reassignment is not news to the customer) or it is reopened, if the customer wants updates.
 */
export const sendCustomerUpdate = async (
  deps: NotificationDeps,
  eventId: string,
  complaintId: string,
  update: CustomerUpdate,
): Promise<NotificationOutcome> => {
  const complaint = await deps.complaints.get(complaintId);
  if (!complaint || !wantsUpdates(complaint)) return 'nothing-to-send';
  const customer = await deps.customers.get(complaint.customerId);
  if (!customer) return 'nothing-to-send';
  return sendOnce(
    deps,
    update === 'assigned' ? `complaint-${complaintId}` : eventId,
    `customer-update-${update}`,
    customer.email,
    updateMail(customer.preferredLanguage, {
      customerName: customer.name,
      number: complaint.number,
      update,
      progressUrl: await deps.links.progressUrl(complaintId, deps.clock.now()),
    }),
    { customerId: customer.id, relatedId: complaint.id, number: complaint.number },
  );
};

/** ComplaintCustomerReplied: the owner (or, while there is none, the supervisor) is told. */
export const notifyCustomerMessage = async (
  deps: NotificationDeps,
  eventId: string,
  complaintId: string,
  timelineEntryId: string,
  via: 'page' | 'email',
): Promise<NotificationOutcome> => {
  const complaint = await deps.complaints.get(complaintId);
  if (!complaint) return 'nothing-to-send';
  const department = complaint.department
    ? await deps.organization.getDepartment(complaint.department)
    : undefined;
  const staffId = complaint.ownerId ?? department?.supervisorId;
  const staff = staffId ? await deps.organization.getStaffMember(staffId) : undefined;
  const entry = (await deps.complaints.timeline(complaintId)).find(
    (candidate) => candidate.id === timelineEntryId,
  );
  if (!staff || !entry?.note) return 'no-recipient';
  return sendOnce(
    deps,
    eventId,
    'customer-message',
    staff.email,
    customerMessageMail({
      staffName: staff.name,
      number: complaint.number,
      subject: complaint.subject,
      message: entry.note,
      via,
      complaintId,
    }),
  );
};

/**
 * ComplaintUnassignable: tells the department's supervisor, else its head — whoever of them is a
 * staff member of the department now — once per event. With neither (a department not
 * configured, or its chain not added yet) the warning stays on the complaint and its timeline.
 */
export const notifyUnassignable = async (
  deps: NotificationDeps,
  eventId: string,
  complaintId: string,
  departmentId: string,
  reason: string,
): Promise<NotificationOutcome> => {
  const [complaint, department] = await Promise.all([
    deps.complaints.get(complaintId),
    deps.organization.getDepartment(departmentId),
  ]);
  if (!complaint) return 'nothing-to-send';
  let recipient;
  for (const staffId of [department?.supervisorId, department?.headId]) {
    const member = staffId ? await deps.organization.getStaffMember(staffId) : undefined;
    if (member?.department === departmentId) {
      recipient = member;
      break;
    }
  }
  if (!recipient) return 'no-recipient';
  return sendOnce(
    deps,
    eventId,
    'unassignable',
    recipient.email,
    unassignableMail({
      staffName: recipient.name,
      number: complaint.number,
      subject: complaint.subject,
      department: departmentId,
      reason,
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
  if (!customer || !mayContact(customer, 'serviceContact')) return 'nothing-to-send';
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
