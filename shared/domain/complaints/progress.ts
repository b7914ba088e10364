import type { Complaint, TimelineEntry } from './complaint';
import type { ComplaintStatus } from './lifecycle';

/**
 * What the customer sees of their complaint (seed 004 二.2 "透明沟通，确保客户在反馈过程中能够清晰了解处理进度与结果"):
 * its status in plain words, the promised date, what was sent to them and what they wrote.
 * Never internal notes, staff names, escalations or deadlines missed.
 */
export type CustomerStatus =
  'received' | 'in_hand' | 'waiting_on_you' | 'resolved' | 'closed' | 'reopened';

export type ProgressStepKind =
  'filed' | 'assigned' | 'reply' | 'customer_message' | 'resolved' | 'closed' | 'reopened';

export interface ProgressStep {
  at: string;
  kind: ProgressStepKind;
  /** Words meant for the customer (a reply, the result) or their own; nothing internal. */
  text?: string | undefined;
}

export interface ProgressView {
  number: string;
  subject: string;
  status: CustomerStatus;
  /** The promised date still ahead of the customer: the first reply, then the resolution. */
  promisedBy?: string | undefined;
  steps: ProgressStep[];
  /** The current result awaiting the customer's word, with the round their answer names. */
  awaitingConfirmation?: { round: string; message: string } | undefined;
}

const CUSTOMER_STATUS: Record<ComplaintStatus, CustomerStatus> = {
  received: 'received',
  routed: 'received',
  assigned: 'in_hand',
  in_progress: 'in_hand',
  waiting_on_customer: 'waiting_on_you',
  resolved: 'resolved',
  closed: 'closed',
  reopened: 'reopened',
};

/** The message a resolution told the customer. */
export const resultMessageOf = (resolution: {
  plan: string;
  messageToCustomer?: string | undefined;
}): string => resolution.messageToCustomer ?? resolution.plan;

const isCustomer = (actor: string) => actor.startsWith('customer:');

const stepOf = (entry: TimelineEntry): ProgressStep | undefined => {
  const at = entry.at;
  switch (entry.action) {
    case 'filed':
      return { at, kind: 'filed' };
    case 'assigned':
    case 'assign':
      return { at, kind: 'assigned' };
    case 'respond':
      return { at, kind: 'reply', text: entry.note };
    case 'customer_replied':
      return { at, kind: 'customer_message', text: entry.note };
    case 'resolve': {
      const told = entry.details?.messageToCustomer;
      return { at, kind: 'resolved', text: typeof told === 'string' ? told : entry.note };
    }
    case 'close':
      return { at, kind: 'closed', ...(isCustomer(entry.actor) ? { text: entry.note } : {}) };
    case 'reopen':
      return { at, kind: 'reopened', ...(isCustomer(entry.actor) ? { text: entry.note } : {}) };
    default:
      return undefined;
  }
};

/** Steps oldest first; several assignments (a transfer, a reassignment) read as one. */
export const progressView = (complaint: Complaint, timeline: TimelineEntry[]): ProgressView => {
  const steps: ProgressStep[] = [];
  for (const entry of [...timeline].sort((a, b) => a.at.localeCompare(b.at))) {
    const step = stepOf(entry);
    if (!step) continue;
    if (step.kind === 'assigned' && steps.some((earlier) => earlier.kind === 'assigned')) continue;
    steps.push(step);
  }
  const open = complaint.status !== 'resolved' && complaint.status !== 'closed';
  const promisedBy = !open
    ? undefined
    : complaint.firstRespondedAt === undefined
      ? complaint.sla?.firstResponseDue
      : complaint.sla?.resolutionDue;
  const resolution = complaint.resolution;
  return {
    number: complaint.number,
    subject: complaint.subject,
    status: CUSTOMER_STATUS[complaint.status],
    ...(promisedBy ? { promisedBy } : {}),
    steps,
    ...(complaint.status === 'resolved' && resolution
      ? {
          awaitingConfirmation: {
            round: resolution.resolvedAt,
            message: resultMessageOf(resolution),
          },
        }
      : {}),
  };
};
