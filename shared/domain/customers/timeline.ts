import type { Complaint, TimelineEntry } from '../complaints/complaint';
import type { Revisit } from '../revisits/revisit';
import type { Survey } from '../surveys/survey';
import { INBOUND_MAIL_RECORDER, type Interaction } from './interaction';

/**
 * One timeline per customer (客户档案: 记录每一次重要沟通): contacts, complaints and their public
 * steps, emails received and sent, revisits and their attempts, surveys and their answers, each
 * line derived from the record that holds the fact. Lines carry ids, times and statuses in the
 * clear; what a person wrote (`summary`, `detail`) is personal and stored sealed.
 */
export const TIMELINE_KINDS = ['contact', 'complaint', 'email', 'revisit', 'survey'] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export interface CustomerTimelineEntry {
  /** Names the fact the line is derived from; the same fact always gives the same key. */
  key: string;
  customerId: string;
  kind: TimelineKind;
  /** What happened: `recorded`, `filed`, `responded`, `received`, `sent`, `attempt`, `answered`… */
  action: string;
  at: string;
  /** The id of what the line is about (a complaint, revisit, survey, contact). */
  relatedId: string;
  /** The complaint's number, on complaint lines and the contacts and emails about one. */
  number?: string;
  channel?: string;
  /** Emails: received from the customer or sent to them. */
  direction?: 'received' | 'sent';
  /** Emails sent: which mail (acknowledgement, response, survey, …). */
  mailKind?: string;
  status?: string;
  score?: number;
  /** A headline: a contact's need, a complaint's subject, an email's subject. Personal. */
  summary?: string;
  /** A contact's result. Personal. */
  detail?: string;
}

/**
 * The complaint steps a customer sees (the timeline's `action` ← the complaint timeline's).
 * Assignments, waits, SLA checkpoints and staff notes are internal and stay off.
 */
const PUBLIC_COMPLAINT_STEPS: Readonly<Record<string, string>> = {
  filed: 'filed',
  routed: 'routed',
  respond: 'responded',
  resolve: 'resolved',
  close: 'closed',
  reopen: 'reopened',
};

const line = (entry: CustomerTimelineEntry): CustomerTimelineEntry =>
  Object.fromEntries(
    Object.entries(entry).filter(([, value]) => value !== undefined),
  ) as unknown as CustomerTimelineEntry;

/**
 * A contact. Those Kefu records as part of a revisit (a call attempt) or a survey (an answer) are
 * lines of that revisit or survey; a received email (complaint mail, survey reply) is also an
 * email line.
 */
export const timelineOfInteraction = (interaction: Interaction): CustomerTimelineEntry[] => {
  const regarding = interaction.regarding;
  const kind: TimelineKind =
    regarding?.type === 'revisit' ? 'revisit' : regarding?.type === 'survey' ? 'survey' : 'contact';
  const action = kind === 'revisit' ? 'attempt' : kind === 'survey' ? 'answered' : 'recorded';
  const base = {
    customerId: interaction.customerId,
    at: interaction.occurredAt,
    channel: interaction.channel,
  };
  const lines = [
    line({
      ...base,
      key: `interaction:${interaction.id}`,
      kind,
      action,
      relatedId: kind === 'contact' ? interaction.id : (regarding?.id ?? interaction.id),
      summary: interaction.need,
      detail: interaction.result,
    }),
  ];
  if (interaction.channel === 'email' && interaction.recordedBy === INBOUND_MAIL_RECORDER) {
    lines.push(
      line({
        ...base,
        key: `email-received:${interaction.id}`,
        kind: 'email',
        action: 'received',
        direction: 'received',
        relatedId: regarding?.id ?? interaction.id,
        summary: interaction.need,
      }),
    );
  }
  return lines;
};

/** A step of a complaint, if it is one the customer sees. */
export const timelineOfComplaintStep = (
  step: TimelineEntry,
  complaint: Complaint,
): CustomerTimelineEntry | undefined => {
  const action = PUBLIC_COMPLAINT_STEPS[step.action];
  if (!action) return undefined;
  return line({
    key: `complaint-step:${step.id}`,
    customerId: complaint.customerId,
    kind: 'complaint',
    action,
    at: step.at,
    relatedId: complaint.id,
    number: complaint.number,
    channel: action === 'filed' ? complaint.channel : undefined,
    status: step.toStatus,
    summary: complaint.subject,
  });
};

/** A revisit planned, and how it ended (its attempts are contacts, `timelineOfInteraction`). */
export const timelineOfRevisit = (revisit: Revisit): CustomerTimelineEntry[] => {
  const base = {
    customerId: revisit.customerId,
    kind: 'revisit' as const,
    relatedId: revisit.id,
    channel: revisit.channel,
  };
  const lines = [
    line({
      ...base,
      key: `revisit:${revisit.id}:planned`,
      action: 'planned',
      at: revisit.createdAt,
    }),
  ];
  const endedAt =
    revisit.status === 'completed'
      ? revisit.outcome?.completedAt
      : revisit.status === 'cancelled'
        ? revisit.cancellation?.at
        : revisit.status === 'unreachable'
          ? revisit.attempts.at(-1)?.at
          : undefined;
  if (endedAt) {
    lines.push(
      line({
        ...base,
        key: `revisit:${revisit.id}:${revisit.status}`,
        action: revisit.status,
        at: endedAt,
        status: revisit.status,
        score: revisit.outcome?.score,
      }),
    );
  }
  return lines;
};

/** A survey sent (its answers are contacts, `timelineOfInteraction`). */
export const timelineOfSurvey = (survey: Survey): CustomerTimelineEntry[] =>
  survey.sentAt
    ? [
        line({
          key: `survey:${survey.id}:sent`,
          customerId: survey.customerId,
          kind: 'survey',
          action: 'sent',
          at: survey.sentAt,
          relatedId: survey.id,
          channel: 'email',
          status: survey.kind,
        }),
      ]
    : [];

/** What is kept of an email sent to a customer: never its body. */
export interface SentMail {
  customerId: string;
  /** Which mail: acknowledgement, response, revisit-reminder, survey, survey-reminder, … */
  mailKind: string;
  subject: string;
  at: string;
  /** What it was about (a complaint, revisit, survey id). */
  relatedId: string;
  /** Names this sending, so recording it twice keeps one line (the event id and the kind). */
  sendingId: string;
  number?: string | undefined;
}

export const timelineOfSentMail = (mail: SentMail): CustomerTimelineEntry =>
  line({
    key: `email-sent:${mail.sendingId}:${mail.mailKind}`,
    customerId: mail.customerId,
    kind: 'email',
    action: 'sent',
    at: mail.at,
    relatedId: mail.relatedId,
    number: mail.number,
    channel: 'email',
    direction: 'sent',
    mailKind: mail.mailKind,
    summary: mail.subject,
  });
