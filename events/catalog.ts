import * as z from '../shared/zod';

const ulid = z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/));

/** What every training event names: the training, its department and trainer. */
const trainingFacts = { trainingId: ulid, department: z.string(), trainerId: z.string() };

/** What every improvement action event names: the action, its department, owner, status, due date. */
const actionFacts = {
  actionId: ulid,
  department: z.string(),
  ownerId: z.string(),
  status: z.string(),
  dueAt: z.string(),
};

/**
 * The event catalog: every domain event Kefu publishes on its bus, with the schema of its detail.
 * Details carry ids and non-personal facts only. docs/ARCHITECTURE.md lists the same catalog.
 */
export const eventCatalog = {
  CustomerCreated: {
    source: 'kefu.customers',
    description: 'A customer was added to the archive.',
    detail: z.strictObject({ customerId: ulid, version: z.int() }),
  },
  CustomerUpdated: {
    source: 'kefu.customers',
    description: 'A customer was corrected; lists the fields changed, not their values.',
    detail: z.strictObject({
      customerId: ulid,
      version: z.int(),
      changedFields: z.array(z.string()),
    }),
  },
  CustomerErased: {
    source: 'kefu.customers',
    description:
      'A customer was erased (crypto-shredded): their data key is gone, a tombstone remains; later events for the id are ignored.',
    detail: z.strictObject({ customerId: ulid, legalBasis: z.string() }),
  },
  InteractionRecorded: {
    source: 'kefu.customers',
    description: 'A contact with a customer was recorded.',
    detail: z.strictObject({ customerId: ulid, interactionId: ulid, channel: z.string() }),
  },
  PrivacyNoticePublished: {
    source: 'kefu.customers',
    description:
      'An admin published a version of a privacy notice; `freshConsentRequired` names the purposes whose consents to earlier versions stopped counting (sends for them stop until consent is given again).',
    detail: z.strictObject({
      noticeId: z.string(),
      version: z.int(),
      purposes: z.array(z.string()),
      material: z.boolean(),
      freshConsentRequired: z.array(z.string()),
      publishedBy: z.string(),
    }),
  },
  ComplaintFiled: {
    source: 'kefu.complaints',
    description: 'A complaint was received on any channel; the intake queue routes it.',
    detail: z.strictObject({ complaintId: ulid, customerId: ulid, channel: z.string() }),
  },
  ComplaintRouted: {
    source: 'kefu.complaints',
    description:
      "A complaint was classified and given a department and priority; it goes to that department's queue and the customer is sent the acknowledgement.",
    detail: z.strictObject({
      complaintId: ulid,
      customerId: ulid,
      department: z.string(),
      category: z.string(),
      priority: z.string(),
      ruleId: z.string(),
    }),
  },
  ComplaintAssigned: {
    source: 'kefu.complaints',
    description: 'A complaint was given an owner (automatically or by hand); the owner is emailed.',
    detail: z.strictObject({
      complaintId: ulid,
      department: z.string(),
      ownerId: z.string(),
      previousOwnerId: z.optional(z.string()),
    }),
  },
  ComplaintTransferred: {
    source: 'kefu.complaints',
    description:
      "A complaint was sent to another department by hand (a misrouting corrected); it goes to that department's queue to be assigned again. `transfers` counts the moves so far, so a late message of an earlier move is recognised. The customer is not told.",
    detail: z.strictObject({
      complaintId: ulid,
      fromDepartment: z.string(),
      department: z.string(),
      transfers: z.int().check(z.positive()),
      previousOwnerId: z.optional(z.string()),
    }),
  },
  ComplaintUnassignable: {
    source: 'kefu.complaints',
    description:
      'Auto-assignment found nobody to take a routed complaint (department not configured, no staff, nobody on duty); raised once per department it waits in.',
    detail: z.strictObject({
      complaintId: ulid,
      department: z.string(),
      reason: z.string(),
    }),
  },
  ComplaintResponded: {
    source: 'kefu.complaints',
    description: 'Staff replied to the customer; the reply is emailed to them.',
    detail: z.strictObject({
      complaintId: ulid,
      responseId: ulid,
      firstResponse: z.boolean(),
    }),
  },
  ComplaintStatusChanged: {
    source: 'kefu.complaints',
    description: 'Waiting on the customer began or ended.',
    detail: z.strictObject({ complaintId: ulid, from: z.string(), to: z.string() }),
  },
  ComplaintResolved: {
    source: 'kefu.complaints',
    description: 'A resolution plan was recorded.',
    detail: z.strictObject({
      complaintId: ulid,
      department: z.string(),
      customerAgreed: z.boolean(),
    }),
  },
  ComplaintClosed: {
    source: 'kefu.complaints',
    description:
      'A complaint was closed; revisit and survey planners follow up (post-complaint revisit, after-case survey).',
    detail: z.strictObject({
      complaintId: ulid,
      customerId: ulid,
      department: z.string(),
      ownerId: z.optional(z.string()),
      closedBy: z.optional(z.enum(['staff', 'customer', 'auto'])),
    }),
  },
  ComplaintReopened: {
    source: 'kefu.complaints',
    description:
      'A resolved or closed complaint was reopened, by staff or by the customer saying the result did not solve their problem.',
    detail: z.strictObject({
      complaintId: ulid,
      department: z.string(),
      reopenedBy: z.optional(z.enum(['staff', 'customer'])),
    }),
  },
  ComplaintResolutionConfirmed: {
    source: 'kefu.complaints',
    description:
      "The customer answered the result: solved (the complaint closes) or not solved (it reopens to its owner), by the email's link or by reply.",
    detail: z.strictObject({
      complaintId: ulid,
      department: z.string(),
      answer: z.enum(['solved', 'not_solved']),
      via: z.enum(['link', 'reply']),
    }),
  },
  ComplaintAutoClosed: {
    source: 'kefu.complaints',
    description:
      'A resolved complaint closed by itself: the customer did not answer the result within the policy’s days (ComplaintClosed follows in the same write).',
    detail: z.strictObject({ complaintId: ulid, department: z.string() }),
  },
  ComplaintCustomerReplied: {
    source: 'kefu.complaints',
    description:
      'The customer wrote on their complaint (its progress page or a reply email); the owner is told, and a wait on the customer ends.',
    detail: z.strictObject({
      complaintId: ulid,
      department: z.string(),
      ownerId: z.optional(z.string()),
      via: z.enum(['page', 'email']),
      timelineEntryId: z.string(),
    }),
  },
  SlaWarning: {
    source: 'kefu.complaints',
    description: '80 % of a deadline has passed and the target is still unmet.',
    detail: z.strictObject({
      complaintId: ulid,
      department: z.string(),
      target: z.enum(['firstResponse', 'resolution']),
      dueAt: z.string(),
    }),
  },
  SlaBreached: {
    source: 'kefu.complaints',
    description: 'A deadline passed with its target unmet.',
    detail: z.strictObject({
      complaintId: ulid,
      department: z.string(),
      target: z.enum(['firstResponse', 'resolution']),
      dueAt: z.string(),
    }),
  },
  ComplaintEscalated: {
    source: 'kefu.complaints',
    description:
      "A breached complaint was escalated: level 1 to the department's supervisor, level 2 to its head.",
    detail: z.strictObject({
      complaintId: ulid,
      department: z.string(),
      level: z.int(),
      notifyStaffId: z.optional(z.string()),
    }),
  },
  ServiceDelivered: {
    source: 'kefu.revisits',
    description: 'A completed service was recorded; revisit planning follows.',
    detail: z.strictObject({
      serviceId: ulid,
      customerId: ulid,
      kind: z.string(),
      completedAt: z.string(),
      errorOccurred: z.boolean(),
      firstForCustomer: z.boolean(),
      staffId: z.optional(z.string()),
      department: z.optional(z.string()),
      odometerKm: z.optional(z.number()),
    }),
  },
  RevisitPlanned: {
    source: 'kefu.revisits',
    description:
      'A revisit was planned by a policy: its window opens at opensAt, its deadline is dueAt.',
    detail: z.strictObject({
      revisitId: ulid,
      customerId: ulid,
      policyId: z.string(),
      /** Absent from events published before revisit windows (the window opened at dueAt). */
      opensAt: z.optional(z.string()),
      dueAt: z.string(),
      /** Which reminder of a recurring cycle (1 for the first); absent for revisits that do not recur. */
      occurrence: z.optional(z.int()),
    }),
  },
  RevisitDue: {
    source: 'kefu.revisits',
    description:
      "A revisit's window opened: it is due, by its deadline dueAt; an email-channel revisit reminds the customer.",
    detail: z.strictObject({
      revisitId: ulid,
      customerId: ulid,
      policyId: z.string(),
      channel: z.string(),
      assigneeId: z.optional(z.string()),
      /** The deadline; absent from events published before revisit windows. */
      dueAt: z.optional(z.string()),
    }),
  },
  RevisitDeadlineNear: {
    source: 'kefu.revisits',
    description:
      "80 % of a revisit's window has passed and it is still open: its owner (else the department's supervisor) is warned, once.",
    detail: z.strictObject({
      revisitId: ulid,
      customerId: ulid,
      policyId: z.string(),
      dueAt: z.string(),
      assigneeId: z.optional(z.string()),
      department: z.optional(z.string()),
    }),
  },
  RevisitOverdue: {
    source: 'kefu.revisits',
    description:
      "A revisit passed its deadline open: escalated, once, to the department's supervisor (else its head), named as supervisorId.",
    detail: z.strictObject({
      revisitId: ulid,
      customerId: ulid,
      policyId: z.string(),
      dueAt: z.string(),
      assigneeId: z.optional(z.string()),
      department: z.optional(z.string()),
      supervisorId: z.optional(z.string()),
    }),
  },
  RevisitAssigned: {
    source: 'kefu.revisits',
    description:
      'A revisit was given to a member of its department: claimed by them, or assigned by a supervisor.',
    detail: z.strictObject({
      revisitId: ulid,
      customerId: ulid,
      assigneeId: z.string(),
      previousAssigneeId: z.optional(z.string()),
      assignedBy: z.string(),
    }),
  },
  RevisitCompleted: {
    source: 'kefu.revisits',
    description: 'The customer was reached; the outcome and score were recorded.',
    detail: z.strictObject({
      revisitId: ulid,
      customerId: ulid,
      policyId: z.string(),
      score: z.optional(z.int()),
      department: z.optional(z.string()),
      assigneeId: z.optional(z.string()),
      surveyAfter: z.boolean(),
    }),
  },
  RevisitCancelled: {
    source: 'kefu.revisits',
    description:
      'A revisit was cancelled, e.g. because the customer withdrew consent to be contacted.',
    detail: z.strictObject({ revisitId: ulid, customerId: ulid, reason: z.string() }),
  },
  RevisitUnreachable: {
    source: 'kefu.revisits',
    description: 'Every attempt failed to reach the customer.',
    detail: z.strictObject({
      revisitId: ulid,
      customerId: ulid,
      policyId: z.string(),
      attempts: z.int(),
    }),
  },
  ImprovementActionPlanned: {
    source: 'kefu.improvements',
    description:
      'An improvement action was planned: its goal figure, the findings it answers, its owner and due date.',
    detail: z.strictObject({ ...actionFacts, figure: z.string(), findings: z.array(z.string()) }),
  },
  ImprovementActionChanged: {
    source: 'kefu.improvements',
    description: 'A person started an improvement action, marked it done or cancelled it.',
    detail: z.strictObject({ ...actionFacts, previousStatus: z.string(), changedBy: z.string() }),
  },
  ImprovementActionDeadlineNear: {
    source: 'kefu.improvements',
    description:
      "80 % of the time to an improvement action's due date passed, unfinished: its owner is reminded, once.",
    detail: z.strictObject(actionFacts),
  },
  ImprovementActionOverdue: {
    source: 'kefu.improvements',
    description:
      "An improvement action passed its due date unfinished: escalated, once, to the department's supervisor (else head).",
    detail: z.strictObject({ ...actionFacts, supervisorId: z.optional(z.string()) }),
  },
  ImprovementActionEvaluated: {
    source: 'kefu.improvements',
    description:
      'The effect of a done action was measured: the goal figure over the baseline window and the window after; not met sends it back as needs-adjustment.',
    detail: z.strictObject({
      ...actionFacts,
      figure: z.string(),
      met: z.boolean(),
      target: z.number(),
      baseline: z.nullable(z.number()),
      after: z.nullable(z.number()),
    }),
  },
  TrainingPlanned: {
    source: 'kefu.improvements',
    description:
      'A training was planned with its evaluation cycle (right after, one month, three months).',
    detail: z.strictObject({
      ...trainingFacts,
      heldAt: z.string(),
      attendees: z.int(),
      improvementActionId: z.optional(ulid),
    }),
  },
  TrainingCheckpointDue: {
    source: 'kefu.improvements',
    description:
      "A training checkpoint fell due: on its holder's list (the trainer, or the supervisor) and mailed to them, once.",
    detail: z.strictObject({
      ...trainingFacts,
      checkpoint: z.string(),
      responsibleId: z.string(),
      dueAt: z.string(),
    }),
  },
  TrainingResultRecorded: {
    source: 'kefu.improvements',
    description: "An attendee's result of a checkpoint's task was recorded.",
    detail: z.strictObject({
      ...trainingFacts,
      checkpoint: z.string(),
      task: z.string(),
      attendeeId: z.string(),
    }),
  },
  SurveyCampaignStarted: {
    source: 'kefu.surveys',
    description:
      'A survey campaign began (quarterly schedule or by hand); its audience is enumerated page by page.',
    detail: z.strictObject({ campaignId: ulid, trigger: z.enum(['schedule', 'manual']) }),
  },
  SurveySent: {
    source: 'kefu.surveys',
    description: 'A satisfaction survey (or its one reminder) was emailed to a customer.',
    detail: z.strictObject({
      surveyId: ulid,
      customerId: ulid,
      kind: z.string(),
      campaignId: z.optional(ulid),
      reminder: z.boolean(),
    }),
  },
  SurveyAnswered: {
    source: 'kefu.surveys',
    description:
      'A customer answered a survey (by link or by reply) or changed the answer; a score of 1 or 2 opens a complaint follow-up.',
    detail: z.strictObject({
      surveyId: ulid,
      customerId: ulid,
      kind: z.string(),
      campaignId: z.optional(ulid),
      about: z.optional(
        z.strictObject({
          type: z.enum(['complaint', 'revisit']),
          id: z.string(),
          department: z.optional(z.string()),
          agentId: z.optional(z.string()),
        }),
      ),
      score: z.int(),
      via: z.enum(['link', 'reply']),
      changed: z.boolean(),
    }),
  },
  SurveyReplyUnread: {
    source: 'kefu.surveys',
    description: 'A reply to a survey could not be read as a score; it is kept for a person.',
    detail: z.strictObject({ surveyId: ulid, customerId: ulid, reason: z.string() }),
  },
  EmailBounced: {
    source: 'kefu.surveys',
    description:
      'SES reported a hard bounce or a complaint; the address is suppressed (the event names the customer, not the address).',
    detail: z.strictObject({
      feedback: z.enum(['bounce', 'complaint']),
      customerId: z.optional(ulid),
    }),
  },
  StaffMemberChanged: {
    source: 'kefu.organization',
    description:
      'A staff member was added, changed or removed, and by whom: the audit trail of who may sign in and with which role (field names, not values).',
    detail: z.strictObject({
      staffId: z.string(),
      change: z.enum(['added', 'changed', 'removed']),
      changedBy: z.string(),
      changedFields: z.array(z.string()),
      version: z.int(),
    }),
  },
} as const;

export type EventType = keyof typeof eventCatalog;

/** What consumers receive as EventBridge `detail`: the event's own detail plus its identity. */
export const busDetail = <T extends z.ZodMiniType>(detail: T) =>
  z.object({ eventId: ulid, occurredAt: z.iso.datetime(), data: detail });

export const isCatalogued = (type: string): type is EventType => Object.hasOwn(eventCatalog, type);
