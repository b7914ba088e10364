import { DomainError } from '../errors';

export const COMPLAINT_STATUSES = [
  'received',
  'routed',
  'assigned',
  'in_progress',
  'waiting_on_customer',
  'resolved',
  'closed',
  'reopened',
] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

export const OPEN_STATUSES: readonly ComplaintStatus[] = COMPLAINT_STATUSES.filter(
  (status) => status !== 'resolved' && status !== 'closed',
);

export type ComplaintAction =
  'route' | 'assign' | 'respond' | 'await_customer' | 'resume' | 'resolve' | 'close' | 'reopen';

/**
 * received → routed → assigned → in_progress → resolved → closed; waiting_on_customer from and
 * back to in_progress; reopened (then in_progress) from resolved or closed. `undefined` as the
 * target keeps the status (e.g. a further reply while in progress).
 */
const TRANSITIONS: Record<ComplaintStatus, Partial<Record<ComplaintAction, ComplaintStatus>>> = {
  received: { route: 'routed' },
  routed: { assign: 'assigned' },
  assigned: { assign: 'assigned', respond: 'in_progress', resolve: 'resolved' },
  in_progress: {
    assign: 'in_progress',
    respond: 'in_progress',
    await_customer: 'waiting_on_customer',
    resolve: 'resolved',
  },
  waiting_on_customer: {
    assign: 'waiting_on_customer',
    respond: 'waiting_on_customer',
    resume: 'in_progress',
    resolve: 'resolved',
  },
  resolved: { close: 'closed', reopen: 'reopened' },
  closed: { reopen: 'reopened' },
  reopened: { assign: 'reopened', respond: 'in_progress', resolve: 'resolved' },
};

export const allowedActions = (status: ComplaintStatus): ComplaintAction[] =>
  Object.keys(TRANSITIONS[status]) as ComplaintAction[];

/** The status an action leads to, or a 422-kind error naming the actions allowed now. */
export const transition = (status: ComplaintStatus, action: ComplaintAction): ComplaintStatus => {
  const next = TRANSITIONS[status][action];
  if (!next) {
    const allowed = allowedActions(status);
    throw new DomainError(
      'rule-violated',
      `A complaint that is ${status} cannot ${action.replace('_', ' ')}; allowed now: ${allowed.join(', ') || 'nothing'}.`,
      { currentStatus: status, action, allowedActions: allowed },
    );
  }
  return next;
};

export const isOpen = (status: ComplaintStatus): boolean => OPEN_STATUSES.includes(status);
