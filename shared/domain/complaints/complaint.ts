import type { DepartmentId } from '../organization/departments';
import type { Category, ComplaintChannel, Priority, Severity } from './classification';
import type { ClosedBy, ResolutionConfirmation } from './confirmation';
import type { ComplaintStatus } from './lifecycle';
import type { ComplaintSla } from './sla';

export {
  CATEGORIES,
  type Category,
  COMPLAINT_CHANNELS,
  type ComplaintChannel,
  PRIORITIES,
  type Priority,
  SEVERITIES,
  type Severity,
} from './classification';

export interface Attachment {
  url: string;
  name?: string | undefined;
  contentType?: string | undefined;
}

export interface Complaint {
  id: string;
  /** What the customer quotes: KF-<yyyymmdd>-<6 characters>. */
  number: string;
  customerId: string;
  channel: ComplaintChannel;
  subject: string;
  description: string;
  category?: Category;
  severity: Severity;
  orderRef?: string;
  attachments: Attachment[];
  /** Where it came from when not from the customer directly: an issue found on a revisit. */
  origin?: ComplaintOrigin;
  status: ComplaintStatus;
  department?: DepartmentId;
  priority?: Priority;
  ownerId?: string;
  /** Every move to another department, oldest first (why: on the timeline). */
  transfers?: ComplaintTransfer[];
  /** Set while no owner can be found in the department; cleared when one is given. */
  unassignable?: UnassignableWarning;
  escalationLevel: number;
  sla?: ComplaintSla;
  /** When a target was first missed; breached complaints are listed apart. */
  breachedAt?: string;
  firstRespondedAt?: string;
  /** Who gave the first response (the report credits its time to them). */
  firstResponderId?: string;
  /** Business time from receipt to the first response (waiting on the customer excluded). */
  firstResponseBusinessMs?: number;
  resolution?: {
    plan: string;
    customerAgreed: boolean;
    resolvedAt: string;
    resolvedBy: string;
    /** What the customer was told, when it differs from the plan's wording. */
    messageToCustomer?: string | undefined;
  };
  /** The customer's answer to the result (solved / not solved) and when silence closes it. */
  confirmation?: ResolutionConfirmation;
  closedAt?: string;
  closedBy?: ClosedBy;
  /**
   * Whether the customer is emailed when the complaint changes in ways that matter to them
   * (a person took it, it was reopened). The result itself is always sent.
   */
  customerUpdates?: boolean;
  receivedAt: string;
  updatedAt: string;
  version: number;
}

/** One move of a complaint to another department: from where, to where, when, by whom. */
export interface ComplaintTransfer {
  from: DepartmentId;
  to: DepartmentId;
  at: string;
  by: string;
  /** Whose complaint it was when it left (the report counts the transfer for them). */
  fromOwnerId?: string;
}

/**
 * Why auto-assignment found nobody: the department was never configured, has no staff, or none
 * of its staff is on duty. Raised once per department the complaint waits in.
 */
export const UNASSIGNABLE_REASONS = [
  'department-not-configured',
  'no-staff',
  'nobody-on-duty',
] as const;
export type UnassignableReason = (typeof UNASSIGNABLE_REASONS)[number];

export interface UnassignableWarning {
  department: DepartmentId;
  reason: UnassignableReason;
  since: string;
}

/**
 * What opened the complaint when not the customer: an issue found on a revisit, or a low survey
 * score. A department given here is the one concerned, and routing sends the complaint there.
 */
export interface ComplaintOrigin {
  type: 'revisit' | 'survey';
  id: string;
  department?: string;
}

export interface NewComplaint {
  customerId: string;
  channel: ComplaintChannel;
  subject: string;
  description: string;
  category?: Category | undefined;
  severity?: Severity | undefined;
  orderRef?: string | undefined;
  attachments?: Attachment[] | undefined;
  origin?: ComplaintOrigin | undefined;
  /** Defaults to yes for complaints that came by email, no otherwise. */
  customerUpdates?: boolean | undefined;
}

/** One line of a complaint's history: who did what, when, with an optional note. */
export interface TimelineEntry {
  id: string;
  complaintId: string;
  at: string;
  actor: string;
  action: string;
  fromStatus?: ComplaintStatus;
  toStatus?: ComplaintStatus;
  note?: string;
  details?: Record<string, unknown>;
}

/** Whether status emails go to the customer; complaints filed before the setting: email ones. */
export const wantsUpdates = (complaint: Complaint): boolean =>
  complaint.customerUpdates ?? complaint.channel === 'email';

export const complaintNumber = (id: string, receivedAt: Date): string =>
  `KF-${receivedAt.toISOString().slice(0, 10).replaceAll('-', '')}-${id.slice(-6)}`;

export const fileComplaint = (id: string, input: NewComplaint, now: Date): Complaint => {
  const at = now.toISOString();
  return {
    id,
    number: complaintNumber(id, now),
    customerId: input.customerId,
    channel: input.channel,
    subject: input.subject.trim(),
    description: input.description.trim(),
    ...(input.category ? { category: input.category } : {}),
    severity: input.severity ?? 'normal',
    ...(input.orderRef ? { orderRef: input.orderRef.trim() } : {}),
    attachments: input.attachments ?? [],
    ...(input.origin ? { origin: input.origin } : {}),
    customerUpdates: input.customerUpdates ?? input.channel === 'email',
    status: 'received',
    escalationLevel: 0,
    receivedAt: at,
    updatedAt: at,
    version: 1,
  };
};
