import {
  type ImprovementAction,
  isOpenAction,
  nextActionCheckpoint,
} from '../../domain/improvements/action';
import { nextTrainingCheckpoint, type Training } from '../../domain/improvements/training';
import { nextCheckpointAt, type Revisit } from '../../domain/revisits/revisit';
import { TABLE_DESIGN } from './table-design';

/** Due-time index partitions (SLA checkpoints, revisits, surveys), spread by the id's last character. */
export const DUE_SHARDS = 4;
const dueShard = (id: string) => (id.charCodeAt(id.length - 1) || 0) % DUE_SHARDS;

interface AccessRecordKeyParts {
  customerId: string;
  at: string;
  requestId: string;
  action: string;
  actor: { subject: string; clientId?: string | undefined };
}
const accessTrailSortKey = (record: AccessRecordKeyParts) =>
  `${record.at}#${record.customerId}#${record.requestId}#${record.action}`;

/** Key shapes of every item type; the access-pattern table in docs/ARCHITECTURE.md mirrors this. */
export const keys = {
  customer: (id: string) => ({ pk: `CUSTOMER#${id}`, sk: 'PROFILE' }),
  /** The customer's wrapped data key; deleting it erases their personal data everywhere. */
  customerDataKey: (id: string) => ({ pk: `CUSTOMER#${id}`, sk: 'DATA_KEY' }),
  /** What is left of an erased customer: who erased them, when and why. */
  customerTombstone: (id: string) => ({ pk: `CUSTOMER#${id}`, sk: 'TOMBSTONE' }),
  /** Who read or changed a customer's personal data (kept apart: erasure leaves it). */
  accessRecord: (customerId: string, at: string, requestId: string, action: string) => ({
    pk: `ACCESS_LOG#${customerId}`,
    sk: `${at}#${requestId}#${action}`,
  }),
  /**
   * The same access record in the month of its actor (gsi4) and of its client (gsi5), so that a
   * leaked credential's reads can be listed without walking every customer's log.
   */
  accessByActor: (record: AccessRecordKeyParts) => ({
    gsi4pk: `ACCESS_BY_ACTOR#${record.actor.subject}#${record.at.slice(0, 7)}`,
    gsi4sk: accessTrailSortKey(record),
    ...(record.actor.clientId === undefined
      ? {}
      : {
          gsi5pk: `ACCESS_BY_CLIENT#${record.actor.clientId}#${record.at.slice(0, 7)}`,
          gsi5sk: accessTrailSortKey(record),
        }),
  }),
  customerList: (id: string) => ({ gsi1pk: 'CUSTOMERS', gsi1sk: id }),
  /** `blindIndex` is the keyed HMAC of the address or number, never the value itself. */
  contactGuard: (kind: 'email' | 'phone', blindIndex: string) => ({
    pk: `${kind.toUpperCase()}#${blindIndex}`,
    sk: 'GUARD',
  }),
  interaction: (customerId: string, occurredAt: string, id: string) => ({
    pk: `CUSTOMER#${customerId}`,
    sk: `INTERACTION#${occurredAt}#${id}`,
  }),
  interactionPrefix: 'INTERACTION#',
  /** A line of the customer's one timeline, in their item collection: one Query reads it all. */
  customerTimeline: (customerId: string, at: string, key: string) => ({
    pk: `CUSTOMER#${customerId}`,
    sk: `TIMELINE#${at}#${key}`,
  }),
  customerTimelinePrefix: 'TIMELINE#',
  /** The same line in its kind's list (`?kind=`), newest last like the collection. */
  customerTimelineOfKind: (customerId: string, kind: string, at: string, key: string) => ({
    gsi3pk: `CUSTOMER_TIMELINE#${customerId}#${kind}`,
    gsi3sk: `${at}#${key}`,
  }),
  outboxEvent: (eventId: string) => ({ pk: `EVENT#${eventId}`, sk: 'EVENT' }),
  department: (id: string) => ({ pk: `DEPARTMENT#${id}`, sk: 'PROFILE' }),
  departmentList: (id: string) => ({ gsi1pk: 'DEPARTMENTS', gsi1sk: id }),
  staffMember: (id: string) => ({ pk: `STAFF#${id}`, sk: 'PROFILE' }),
  staffOfDepartment: (department: string, id: string) => ({
    gsi1pk: `DEPARTMENT_STAFF#${department}`,
    gsi1sk: id,
  }),
  routingRules: () => ({ pk: 'CONFIG', sk: 'ROUTING_RULES' }),
  calendar: (id: string) => ({ pk: 'CONFIG', sk: `CALENDAR#${id}` }),
  slaPolicies: () => ({ pk: 'CONFIG', sk: 'SLA_POLICIES' }),
  revisitPolicies: () => ({ pk: 'CONFIG', sk: 'REVISIT_POLICIES' }),
  surveySettings: () => ({ pk: 'CONFIG', sk: 'SURVEY_SETTINGS' }),
  reportSettings: () => ({ pk: 'CONFIG', sk: 'REPORT_SETTINGS' }),
  /** A privacy notice's head: current version, history, the version consents must name. */
  privacyNotice: (id: string) => ({ pk: `PRIVACY_NOTICE#${id}`, sk: 'NOTICE' }),
  privacyNoticeList: (id: string) => ({ gsi1pk: 'PRIVACY_NOTICES', gsi1sk: id }),
  /** One immutable version of a notice, its number zero-padded so versions sort. */
  privacyNoticeVersion: (id: string, version: number) => ({
    pk: `PRIVACY_NOTICE#${id}`,
    sk: `VERSION#${String(version).padStart(6, '0')}`,
  }),
  complaint: (id: string) => ({ pk: `COMPLAINT#${id}`, sk: 'COMPLAINT' }),
  complaintNumber: (number: string) => ({ pk: `COMPLAINT_NUMBER#${number}`, sk: 'GUARD' }),
  timelineEntry: (complaintId: string, at: string, id: string) => ({
    pk: `COMPLAINT#${complaintId}`,
    sk: `TIMELINE#${at}#${id}`,
  }),
  timelinePrefix: 'TIMELINE#',
  /** Complaint list indexes; sort keys start with the status where a status filter is useful. */
  complaintIndexes: (complaint: {
    id: string;
    customerId: string;
    status: string;
    receivedAt: string;
    department?: string | undefined;
    ownerId?: string | undefined;
    breachedAt?: string | undefined;
    sla?: { nextCheckAt?: string | undefined } | undefined;
    confirmation?: { autoCloseAt?: string | undefined; answer?: string | undefined } | undefined;
  }) => {
    const order = `${complaint.receivedAt}#${complaint.id}`;
    const nextCheckAt = complaint.sla?.nextCheckAt;
    // Open complaints wait for SLA checkpoints, resolved ones for the customer's word: one
    // due-time entry at most, since the two never overlap.
    const autoCloseAt =
      complaint.status === 'resolved' && complaint.confirmation?.answer === undefined
        ? complaint.confirmation?.autoCloseAt
        : undefined;
    return {
      ...(nextCheckAt ? keys.slaDue(complaint.id, nextCheckAt) : {}),
      ...(!nextCheckAt && autoCloseAt ? keys.closeDue(complaint.id, autoCloseAt) : {}),
      ...(complaint.breachedAt
        ? { gsi6pk: 'COMPLAINTS_BREACHED', gsi6sk: `${complaint.department ?? '-'}#${order}` }
        : {}),
      gsi1pk: `CUSTOMER_COMPLAINTS#${complaint.customerId}`,
      gsi1sk: order,
      ...(complaint.department
        ? {
            gsi3pk: `COMPLAINTS_IN#${complaint.department}`,
            gsi3sk: `${complaint.status}#${order}`,
          }
        : {}),
      ...(complaint.ownerId
        ? { gsi4pk: `COMPLAINTS_OF#${complaint.ownerId}`, gsi4sk: `${complaint.status}#${order}` }
        : {}),
      gsi5pk: `COMPLAINTS_STATUS#${complaint.status}`,
      gsi5sk: order,
    };
  },
  /** The due-time index the SLA sweep reads, spread over a few partitions by complaint id. */
  slaDue: (complaintId: string, at: string) => ({
    gsi2pk: `SLA_DUE#${dueShard(complaintId)}`,
    gsi2sk: `${at}#${complaintId}`,
  }),
  /** The due-time index of resolved complaints that close by themselves if the customer is silent. */
  closeDue: (complaintId: string, at: string) => ({
    gsi2pk: `CLOSE_DUE#${dueShard(complaintId)}`,
    gsi2sk: `${at}#${complaintId}`,
  }),
  service: (customerId: string, completedAt: string, id: string) => ({
    pk: `CUSTOMER#${customerId}`,
    sk: `SERVICE#${completedAt}#${id}`,
  }),
  servicePrefix: 'SERVICE#',
  revisit: (id: string) => ({ pk: `REVISIT#${id}`, sk: 'REVISIT' }),
  revisitPlan: (key: string) => ({ pk: `REVISIT_PLAN#${key}`, sk: 'GUARD' }),
  /**
   * Revisit lists: the customer's, the assignee's (or, with none, the department's unassigned
   * list) and the department's worklists (by deadline), and the due-time index (by the next
   * checkpoint: the window's opening, the warning, the deadline — the sweep acts then).
   */
  revisitIndexes: (revisit: Revisit) => {
    const order = `${revisit.dueAt}#${revisit.id}`;
    const checkpoint = nextCheckpointAt(revisit);
    const worklist = revisit.assigneeId
      ? `REVISITS_OF#${revisit.assigneeId}`
      : revisit.department
        ? `REVISITS_UNASSIGNED#${revisit.department}`
        : undefined;
    return {
      gsi1pk: `CUSTOMER_REVISITS#${revisit.customerId}`,
      gsi1sk: order,
      ...(checkpoint
        ? { gsi2pk: `REVISIT_DUE#${dueShard(revisit.id)}`, gsi2sk: `${checkpoint}#${revisit.id}` }
        : {}),
      ...(revisit.department
        ? { gsi3pk: `REVISITS_IN#${revisit.department}`, gsi3sk: `${revisit.status}#${order}` }
        : {}),
      ...(worklist ? { gsi4pk: worklist, gsi4sk: `${revisit.status}#${order}` } : {}),
      gsi5pk: `REVISITS_STATUS#${revisit.status}`,
      gsi5sk: order,
    };
  },
  improvementAction: (id: string) => ({ pk: `ACTION#${id}`, sk: 'ACTION' }),
  /**
   * Improvement action lists: its department's and its owner's (by status, then due date), by
   * status across departments, the overdue ones (escalated and unfinished), and the due-time
   * index by the next checkpoint (reminder, escalation, evaluation).
   */
  improvementActionIndexes: (action: ImprovementAction) => {
    const order = `${action.dueAt}#${action.id}`;
    const checkpoint = nextActionCheckpoint(action);
    return {
      ...(isOpenAction(action) && action.escalatedAt
        ? { gsi1pk: 'ACTIONS_OVERDUE', gsi1sk: `${action.department}#${order}` }
        : {}),
      ...(checkpoint
        ? { gsi2pk: `ACTION_DUE#${dueShard(action.id)}`, gsi2sk: `${checkpoint}#${action.id}` }
        : {}),
      gsi3pk: `ACTIONS_IN#${action.department}`,
      gsi3sk: `${action.status}#${order}`,
      gsi4pk: `ACTIONS_OF#${action.ownerId}`,
      gsi4sk: `${action.status}#${order}`,
      gsi5pk: `ACTIONS_STATUS#${action.status}`,
      gsi5sk: order,
    };
  },
  training: (id: string) => ({ pk: `TRAINING#${id}`, sk: 'TRAINING' }),
  /** Trainings: their department's and their trainer's, latest first; due checkpoints. */
  trainingIndexes: (training: Training) => {
    const order = `${training.heldAt}#${training.id}`;
    const checkpoint = nextTrainingCheckpoint(training);
    return {
      ...(checkpoint
        ? {
            gsi2pk: `TRAINING_DUE#${dueShard(training.id)}`,
            gsi2sk: `${checkpoint}#${training.id}`,
          }
        : {}),
      gsi3pk: `TRAININGS_IN#${training.department}`,
      gsi3sk: order,
      gsi4pk: `TRAININGS_BY#${training.trainerId}`,
      gsi4sk: order,
    };
  },
  survey: (id: string) => ({ pk: `SURVEY#${id}`, sk: 'SURVEY' }),
  surveyPlan: (key: string) => ({ pk: `SURVEY_PLAN#${key}`, sk: 'GUARD' }),
  /** Survey lists: the customer's, by status, and the due-time index (send, then reminder). */
  surveyIndexes: (survey: {
    id: string;
    customerId: string;
    status: string;
    createdAt: string;
    nextDueAt: string | undefined;
  }) => {
    const order = `${survey.createdAt}#${survey.id}`;
    return {
      gsi1pk: `CUSTOMER_SURVEYS#${survey.customerId}`,
      gsi1sk: order,
      ...(survey.nextDueAt
        ? {
            gsi2pk: `SURVEY_DUE#${dueShard(survey.id)}`,
            gsi2sk: `${survey.nextDueAt}#${survey.id}`,
          }
        : {}),
      gsi5pk: `SURVEYS_STATUS#${survey.status}`,
      gsi5sk: order,
    };
  },
  /** The customer's last survey sent (the throttle window), beside the profile. */
  surveySlot: (customerId: string) => ({ pk: `CUSTOMER#${customerId}`, sk: 'SURVEY_SLOT' }),
  campaign: (id: string) => ({ pk: `CAMPAIGN#${id}`, sk: 'CAMPAIGN' }),
  campaignKey: (key: string) => ({ pk: `CAMPAIGN_KEY#${key}`, sk: 'GUARD' }),
  suppression: (emailBlindIndex: string) => ({
    pk: `SUPPRESSED#${emailBlindIndex}`,
    sk: 'SUPPRESSION',
  }),
  rateBucket: (name: string) => ({ pk: `RATE_LIMIT#${name}`, sk: 'BUCKET' }),
  /** Service-quality counters of a period (`2026-Q4`), total (`ALL`) or by dimension. */
  aggregate: (period: string, slice: string) => ({ pk: `AGG#${period}`, sk: slice }),
  aggregateApplied: (changeId: string) => ({ pk: `AGG_APPLIED#${changeId}`, sk: 'MARKER' }),
  webhookSubscription: (id: string) => ({ pk: `WEBHOOK#${id}`, sk: 'SUBSCRIPTION' }),
  webhookList: (id: string) => ({ gsi1pk: 'WEBHOOKS', gsi1sk: id }),
  /** One event on its way to one subscription; event ids are ULIDs, so newest sorts last. */
  webhookDelivery: (subscriptionId: string, eventId: string) => ({
    pk: `WEBHOOK#${subscriptionId}`,
    sk: `DELIVERY#${eventId}`,
  }),
  webhookDeliveryPrefix: 'DELIVERY#',
  notificationSent: (eventId: string, kind: string) => ({
    pk: `NOTIFICATION#${eventId}`,
    sk: kind,
  }),
} as const;

const STORAGE_ATTRIBUTES = new Set<string>([
  TABLE_DESIGN.partitionKey,
  TABLE_DESIGN.sortKey,
  TABLE_DESIGN.ttlAttribute,
  ...TABLE_DESIGN.indexes.flatMap((index) => [index.partitionKey, index.sortKey]),
  'entityType',
  'sealedFor',
]);

/** Removes storage-only attributes so items map back to domain objects. */
export const withoutKeys = <T>(item: Record<string, unknown>): T =>
  Object.fromEntries(Object.entries(item).filter(([name]) => !STORAGE_ATTRIBUTES.has(name))) as T;
