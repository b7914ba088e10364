import type { ComplaintActor } from '../../domain/complaints/access';
import type { Complaint, TimelineEntry } from '../../domain/complaints/complaint';
import {
  type ConfirmationAnswer,
  type ConfirmationChannel,
  dueForAutoClose,
  fitOfAnswer,
} from '../../domain/complaints/confirmation';
import { DomainError, notFound } from '../../domain/errors';
import { act, closedEvent, reopening, reopenWindowPassed } from './action-service';
import { drainDue } from '../due-work';
import { complaintEvent } from './complaint-events';
import { recordCustomerMessage } from '../../domain/complaints/transitions';
import type { ComplaintServiceDeps } from './ports';

/** The customer acting on their own complaint (from its signed link or their own mailbox). */
const customerActor = (complaint: Complaint): ComplaintActor => ({
  subject: `customer:${complaint.customerId}`,
  role: 'integrator',
  department: undefined,
});

const MAX_ATTEMPTS = 3;

/** Retries a decision on a fresh read when a concurrent change (a double click) got there first. */
const onFreshRead = async <T>(
  deps: ComplaintServiceDeps,
  complaintId: string,
  decide: (complaint: Complaint) => Promise<T>,
): Promise<T> => {
  for (let attempt = 1; ; attempt++) {
    const complaint = await deps.complaints.get(complaintId);
    if (!complaint) throw notFound('Complaint', complaintId);
    try {
      return await decide(complaint);
    } catch (error) {
      const raced =
        error instanceof DomainError &&
        (error.kind === 'stale-version' ||
          (error.kind === 'rule-violated' && 'currentStatus' in error.details));
      if (!raced || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
};

export type ConfirmationOutcome =
  'closed' | 'reopened' | 'already-closed' | 'stale' | 'not-resolved' | 'reopen-window-passed';

export interface CustomerAnswer {
  answer: ConfirmationAnswer;
  /** The resolution the answer is about (`resolvedAt` of the result email). */
  round: string;
  /** What the customer wrote with it, if anything. */
  words?: string | undefined;
  via: ConfirmationChannel;
}

const DEFAULT_WORDS: Record<ConfirmationAnswer, string> = {
  solved: 'The customer confirmed the problem is solved.',
  not_solved: 'The customer says the problem is not solved.',
};

/**
 * The customer's word on the result: "solved" closes the complaint at once (the survey and the
 * revisit follow ComplaintClosed), "not solved" reopens it to its owner with their words.
 * Repeats change nothing; an answer to an earlier result is stale.
 */
export const answerResolution = (
  deps: ComplaintServiceDeps,
  complaintId: string,
  given: CustomerAnswer,
): Promise<{ outcome: ConfirmationOutcome; complaint: Complaint }> =>
  onFreshRead(deps, complaintId, async (complaint) => {
    const fit = fitOfAnswer(complaint, given.answer, given.round);
    if (!fit.fits) return { outcome: fit.reason, complaint };
    if (fit.effect === 'none') return { outcome: 'already-closed', complaint };
    const now = deps.clock.now();
    if (fit.effect === 'reopen' && reopenWindowPassed(deps, complaint, now)) {
      return { outcome: 'reopen-window-passed', complaint };
    }
    const at = now.toISOString();
    const confirmation = {
      ...(complaint.confirmation ?? { round: given.round }),
      answer: given.answer,
      answeredAt: at,
      via: given.via,
    };
    const details = { answer: given.answer, via: given.via };
    const note = given.words?.trim() || DEFAULT_WORDS[given.answer];
    const confirmed = (current: Complaint, eventAt: string) =>
      complaintEvent(deps.ids, 'ComplaintResolutionConfirmed', eventAt, {
        complaintId: current.id,
        department: current.department,
        answer: given.answer,
        via: given.via,
      });
    if (fit.effect === 'close') {
      const closed = await act(deps, customerActor(complaint), complaintId, 'close', (current) => ({
        changes: { closedAt: at, closedBy: 'customer', confirmation },
        note,
        details,
        events: (eventAt) => [
          confirmed(current, eventAt),
          closedEvent(deps, current, eventAt, 'customer'),
        ],
      }));
      return { outcome: 'closed', complaint: closed };
    }
    const reopened = await act(deps, customerActor(complaint), complaintId, 'reopen', (current) =>
      reopening(deps, current, now, note, 'customer', {
        changes: { confirmation },
        details,
        events: [confirmed(current, at)],
      }),
    );
    return { outcome: 'reopened', complaint: reopened };
  });

export interface CustomerMessage {
  /** Stable per message (the page's form id, the email's Message-ID): a repeat adds nothing. */
  messageId: string;
  text: string;
  via: 'page' | 'email';
  attachments?: string[] | undefined;
}

/**
 * A message from the customer: on the timeline, the owner told (ComplaintCustomerReplied), and a
 * wait on the customer ended, all in one write under the complaint's version.
 */
export const addCustomerMessage = (
  deps: ComplaintServiceDeps,
  complaintId: string,
  message: CustomerMessage,
): Promise<{ outcome: 'added' | 'already-added'; complaint: Complaint }> =>
  onFreshRead(deps, complaintId, async (complaint) => {
    const entryId = `${message.via === 'email' ? 'mail' : 'msg'}-${message.messageId}`.slice(
      0,
      200,
    );
    if ((await deps.complaints.timeline(complaintId)).some((entry) => entry.id === entryId)) {
      return { outcome: 'already-added', complaint };
    }
    const now = deps.clock.now();
    const at = now.toISOString();
    const replied = complaintEvent(deps.ids, 'ComplaintCustomerReplied', at, {
      complaintId,
      department: complaint.department ?? 'unrouted',
      ...(complaint.ownerId ? { ownerId: complaint.ownerId } : {}),
      via: message.via,
      timelineEntryId: entryId,
    });
    const entry: TimelineEntry = {
      id: entryId,
      complaintId,
      at,
      actor: `customer:${complaint.customerId}`,
      action: 'customer_replied',
      note: message.text,
      details: {
        channel: message.via,
        ...(message.attachments?.length ? { attachments: message.attachments } : {}),
      },
    };
    if (complaint.status === 'waiting_on_customer') {
      const resumed = await act(deps, customerActor(complaint), complaintId, 'resume', () => ({
        note: 'the customer replied',
        events: (eventAt, next) => [
          complaintEvent(deps.ids, 'ComplaintStatusChanged', eventAt, {
            complaintId,
            from: complaint.status,
            to: next.status,
          }),
          replied,
        ],
        extraTimeline: [entry],
      }));
      return { outcome: 'added', complaint: resumed };
    }
    const next = recordCustomerMessage(complaint, now);
    await deps.complaints.save({ previous: complaint, next, timeline: [entry], events: [replied] });
    return { outcome: 'added', complaint: next };
  });

const AUTO_CLOSE_LIMITS = { batch: 200, maxRounds: 20, concurrency: 8 };
const AUTO_CLOSE_ACTOR: ComplaintActor = {
  subject: 'auto-close',
  role: 'integrator',
  department: undefined,
};

/**
 * Closes one complaint whose customer was silent past the window, once: under its version, and
 * only while it is still resolved and unanswered (a late sweep or a second one finds nothing).
 */
export const autoCloseIfDue = (deps: ComplaintServiceDeps, complaintId: string): Promise<boolean> =>
  onFreshRead(deps, complaintId, async (complaint) => {
    const now = deps.clock.now();
    if (!dueForAutoClose(complaint, now)) return false;
    await act(deps, AUTO_CLOSE_ACTOR, complaintId, 'close', (current) => {
      if (!dueForAutoClose(current, now)) {
        throw new DomainError('stale-version', 'The complaint changed meanwhile.');
      }
      const days = current.confirmation?.autoCloseAt
        ? Math.round(
            (Date.parse(current.confirmation.autoCloseAt) -
              Date.parse(current.resolution?.resolvedAt ?? current.confirmation.autoCloseAt)) /
              86_400_000,
          )
        : undefined;
      return {
        changes: { closedAt: now.toISOString(), closedBy: 'auto' },
        note: `No answer from the customer within ${days ?? '?'} days of the result.`,
        details: { closedBy: 'auto' },
        events: (at) => [
          complaintEvent(deps.ids, 'ComplaintAutoClosed', at, {
            complaintId,
            department: current.department,
          }),
          closedEvent(deps, current, at, 'auto'),
        ],
      };
    });
    return true;
  });

/** The auto-close sweep: reads the due-time index (never the table) and closes what is due. */
export const sweepAutoClose = async (
  deps: ComplaintServiceDeps,
): Promise<{ checked: number; closed: number }> => {
  const now = deps.clock.now().toISOString();
  let closed = 0;
  const checked = await drainDue(
    (limit) => deps.complaints.dueForAutoClose(now, limit),
    async (id) => {
      if (await autoCloseIfDue(deps, id)) closed += 1;
    },
    AUTO_CLOSE_LIMITS,
  );
  return { checked, closed };
};
