/**
 * The wiring manifest: every route, queue, schedule, event rule and stream consumer of Kefu.
 * The CDK stack builds the cloud from it and the local runtime mounts, polls, fires and delivers
 * the same things, so nothing is wired in only one of the two. Plain data: Lambda bundles may
 * import it.
 */
import { eventCatalog, type EventType } from '../events/catalog';
import { DEPARTMENT_IDS } from '../shared/domain/organization/departments';
import { departmentQueue, WEBHOOK_DELIVERIES_QUEUE } from './names';
import { operationList } from './operations';
import type { Operation } from './operations/operation';

export * from './names';
export type { Operation } from './operations/operation';

export interface QueueDefinition {
  name: string;
  fifo: boolean;
  visibilityTimeoutSeconds: number;
  /** After this many receives a message moves to the queue's DLQ (`<name>-dlq`). */
  maxReceiveCount: number;
  consumer: {
    handler: string;
    batchSize: number;
    maxBatchingWindowSeconds: number;
    /** The consumer sends email through SES (and is granted exactly that). */
    sendsEmail?: boolean;
    /** Manifest queues the consumer sends messages to (URLs in `QUEUE_URL_<NAME>`). */
    sendsTo?: string[];
    /**
     * The consumer moves messages it gives up on to the queue's own DLQ itself (URL in
     * `QUEUE_URL_<NAME>_DLQ`), rather than waiting for maxReceiveCount.
     */
    deadLettersItself?: boolean;
  };
}

export interface ScheduleDefinition {
  name: string;
  /** The handler sends email through SES (and is granted exactly that). */
  sendsEmail?: boolean;
  /** Manifest queues the handler sends messages to (URLs in `QUEUE_URL_<NAME>`). */
  sendsTo?: string[];
  /** EventBridge Scheduler expression: `rate(15 minutes)` or `cron(0 10 ? * MON-FRI *)`. */
  expression: string;
  timezone: string;
  handler: string;
  payload: Record<string, unknown>;
}

export interface EventRuleDefinition {
  name: string;
  sources: string[];
  detailTypes: string[];
  /** Optional: only events whose `detail.data.<field>` is one of the values. */
  dataMatch?: Record<string, string[]>;
  target: { queue: string };
}

export interface StreamConsumerDefinition {
  name: string;
  handler: string;
  batchSize: number;
  /** Only stream records of items with one of these `entityType`s reach the handler… */
  entityTypes: string[];
  /** …and only of these kinds of change (new items; changed items too). */
  changes: ('INSERT' | 'MODIFY')[];
  /** The handler publishes to the event bus, or writes to the table (and is granted just that). */
  publishesEvents?: boolean;
  writesTable?: boolean;
}

/**
 * Email received by SES for Kefu's addresses: stored in the inbound-mail bucket under
 * `objectPrefix` (a receipt rule's S3 action), whose object-created event invokes the handler.
 */
export interface InboundMailDefinition {
  name: string;
  /**
   * Which mail the rule takes: the complaints address, or any address at the survey-reply
   * domain (each survey's Reply-To is its own address there).
   */
  recipient: 'complaints' | 'survey-replies';
  objectPrefix: string;
  handler: string;
}

/**
 * SES feedback: the configuration set every email is sent with publishes bounces and complaints
 * to an SNS topic, which delivers them to this manifest queue.
 */
export interface MailFeedbackDefinition {
  queue: string;
}

/**
 * A Lambda the Cognito user pool invokes itself. `preTokenGeneration`: the V2 pre-token-generation
 * trigger, which shapes every staff member's access token from their /staff record (and shapes
 * the local runtime's staff tokens too, through the same handler).
 */
export interface CognitoTriggerDefinition {
  name: string;
  trigger: 'preTokenGeneration';
  handler: string;
}

export interface WiringManifest {
  routes: readonly Operation[];
  mailFeedback: MailFeedbackDefinition;
  queues: QueueDefinition[];
  schedules: ScheduleDefinition[];
  eventRules: EventRuleDefinition[];
  streamConsumers: StreamConsumerDefinition[];
  inboundMail: InboundMailDefinition[];
  cognitoTriggers: CognitoTriggerDefinition[];
}

const worker = (
  name: string,
  handler: string,
  options: {
    batchSize?: number;
    sendsEmail?: boolean;
    sendsTo?: string[];
    visibilityTimeoutSeconds?: number;
  } = {},
): QueueDefinition => ({
  name,
  fifo: false,
  visibilityTimeoutSeconds: options.visibilityTimeoutSeconds ?? 60,
  maxReceiveCount: 5,
  consumer: {
    handler,
    batchSize: options.batchSize ?? 10,
    maxBatchingWindowSeconds: 0,
    ...(options.sendsEmail ? { sendsEmail: true } : {}),
    ...(options.sendsTo ? { sendsTo: options.sendsTo } : {}),
  },
});

export const wiring: WiringManifest = {
  routes: [...operationList],
  queues: [
    worker('complaint-intake', 'functions/complaints/route-complaint.ts'),
    ...DEPARTMENT_IDS.map((department) =>
      worker(departmentQueue(department), 'functions/complaints/auto-assign-complaint.ts', {
        batchSize: 5,
      }),
    ),
    worker('notifications', 'functions/notifications/send-notification.ts', { sendsEmail: true }),
    worker('revisit-planning', 'functions/revisits/plan-revisits.ts'),
    worker('survey-planning', 'functions/surveys/plan-surveys.ts'),
    worker('survey-campaigns', 'functions/surveys/enumerate-campaign.ts', {
      batchSize: 1,
      sendsTo: ['survey-sending', 'survey-campaigns'],
      visibilityTimeoutSeconds: 300,
    }),
    worker('survey-sending', 'functions/surveys/send-surveys.ts', {
      sendsEmail: true,
      visibilityTimeoutSeconds: 120,
    }),
    worker('survey-follow-up', 'functions/surveys/open-survey-follow-ups.ts'),
    worker('mail-feedback', 'functions/surveys/record-mail-feedback.ts'),
    worker('webhook-fanout', 'functions/webhooks/fan-out-webhooks.ts', {
      sendsTo: [WEBHOOK_DELIVERIES_QUEUE],
    }),
    {
      // FIFO, grouped by subscription and subject: a delivery being retried holds back the later
      // events of its subject. Retries wait in the queue (the consumer sets the visibility
      // timeout), so more receives than attempts in 24 hours are allowed; the consumer moves a
      // delivery it gives up on to the DLQ itself.
      name: WEBHOOK_DELIVERIES_QUEUE,
      fifo: true,
      visibilityTimeoutSeconds: 120,
      maxReceiveCount: 30,
      consumer: {
        handler: 'functions/webhooks/deliver-webhooks.ts',
        batchSize: 1,
        maxBatchingWindowSeconds: 0,
        deadLettersItself: true,
      },
    },
  ],
  schedules: [
    {
      name: 'sla-sweep',
      expression: 'rate(5 minutes)',
      timezone: 'Asia/Shanghai',
      handler: 'functions/complaints/sla-sweep.ts',
      payload: { scheduledTime: '<aws.scheduler.scheduled-time>' },
    },
    {
      name: 'revisits-due',
      expression: 'rate(15 minutes)',
      timezone: 'Asia/Shanghai',
      handler: 'functions/revisits/mark-due-revisits.ts',
      payload: { scheduledTime: '<aws.scheduler.scheduled-time>' },
    },
    {
      name: 'improvement-actions-due',
      expression: 'rate(15 minutes)',
      timezone: 'Asia/Shanghai',
      handler: 'functions/improvements/sweep-improvement-actions.ts',
      payload: { scheduledTime: '<aws.scheduler.scheduled-time>' },
    },
    {
      name: 'revisit-digest',
      expression: 'cron(30 8 * * ? *)',
      timezone: 'Asia/Shanghai',
      handler: 'functions/revisits/send-revisit-digests.ts',
      sendsEmail: true,
      payload: { scheduledTime: '<aws.scheduler.scheduled-time>' },
    },
    {
      name: 'surveys-due',
      expression: 'rate(15 minutes)',
      timezone: 'Asia/Shanghai',
      handler: 'functions/surveys/queue-due-surveys.ts',
      sendsTo: ['survey-sending'],
      payload: { scheduledTime: '<aws.scheduler.scheduled-time>' },
    },
    {
      // Daily in the first ten days of each quarter; the handler starts the campaign on the
      // first working day only (a cron expression cannot know holidays).
      name: 'quarterly-survey',
      expression: 'cron(0 10 1-10 1,4,7,10 ? *)',
      timezone: 'Asia/Shanghai',
      handler: 'functions/surveys/start-quarterly-campaign.ts',
      payload: { scheduledTime: '<aws.scheduler.scheduled-time>' },
    },
    {
      // Daily on each month's first ten days; the handler sends on the first working day only.
      name: 'management-report',
      expression: 'cron(0 9 1-10 * ? *)',
      timezone: 'Asia/Shanghai',
      handler: 'functions/reports/send-management-reports.ts',
      sendsEmail: true,
      payload: { scheduledTime: '<aws.scheduler.scheduled-time>' },
    },
    {
      // Resolved complaints whose customer stayed silent past the policy's days.
      name: 'complaint-auto-close',
      expression: 'rate(15 minutes)',
      timezone: 'Asia/Shanghai',
      handler: 'functions/complaints/auto-close-complaints.ts',
      payload: { scheduledTime: '<aws.scheduler.scheduled-time>' },
    },
    {
      name: 'complaint-reconciliation',
      expression: 'rate(5 minutes)',
      timezone: 'Asia/Shanghai',
      handler: 'functions/complaints/reconcile-complaints.ts',
      payload: { scheduledTime: '<aws.scheduler.scheduled-time>' },
    },
  ],
  eventRules: [
    {
      name: 'complaint-filed',
      sources: ['kefu.complaints'],
      detailTypes: ['ComplaintFiled'],
      target: { queue: 'complaint-intake' },
    },
    ...DEPARTMENT_IDS.map((department) => ({
      name: `complaint-routed-${department}`,
      sources: ['kefu.complaints'],
      // Routed there by the rules, or transferred there by hand: either way, assign it.
      detailTypes: ['ComplaintRouted', 'ComplaintTransferred'],
      dataMatch: { department: [department] },
      target: { queue: departmentQueue(department) },
    })),
    {
      name: 'revisit-planning',
      sources: ['kefu.revisits', 'kefu.complaints'],
      detailTypes: ['ServiceDelivered', 'ComplaintClosed'],
      target: { queue: 'revisit-planning' },
    },
    {
      name: 'notifications',
      sources: ['kefu.complaints', 'kefu.revisits', 'kefu.improvements'],
      detailTypes: [
        'ComplaintRouted',
        'ComplaintAssigned',
        'ComplaintResponded',
        'ComplaintResolved',
        'ComplaintReopened',
        'ComplaintCustomerReplied',
        'ComplaintEscalated',
        'ComplaintUnassignable',
        'RevisitDue',
        'RevisitDeadlineNear',
        'RevisitOverdue',
        'ImprovementActionDeadlineNear',
        'ImprovementActionOverdue',
        'TrainingCheckpointDue',
      ],
      target: { queue: 'notifications' },
    },
    {
      name: 'survey-planning',
      sources: ['kefu.complaints', 'kefu.revisits'],
      detailTypes: ['ComplaintClosed', 'RevisitCompleted'],
      target: { queue: 'survey-planning' },
    },
    {
      name: 'survey-campaigns',
      sources: ['kefu.surveys'],
      detailTypes: ['SurveyCampaignStarted'],
      target: { queue: 'survey-campaigns' },
    },
    {
      name: 'survey-follow-up',
      sources: ['kefu.surveys'],
      detailTypes: ['SurveyAnswered'],
      target: { queue: 'survey-follow-up' },
    },
    {
      // Every catalogued event: the fan-out consumer matches it against the subscriptions.
      name: 'webhooks',
      sources: [...new Set(Object.values(eventCatalog).map((entry) => entry.source))],
      detailTypes: Object.keys(eventCatalog) as EventType[],
      target: { queue: 'webhook-fanout' },
    },
  ],
  mailFeedback: { queue: 'mail-feedback' },
  inboundMail: [
    {
      name: 'survey-replies',
      recipient: 'survey-replies',
      objectPrefix: 'inbound/surveys/',
      handler: 'functions/surveys/receive-survey-reply.ts',
    },
    {
      name: 'complaint-mail',
      recipient: 'complaints',
      objectPrefix: 'inbound/complaints/',
      handler: 'functions/complaints/receive-complaint-mail.ts',
    },
  ],
  cognitoTriggers: [
    {
      name: 'shape-staff-token',
      trigger: 'preTokenGeneration',
      handler: 'functions/organization/shape-staff-token.ts',
    },
  ],
  streamConsumers: [
    {
      name: 'publish-domain-events',
      handler: 'functions/events/publish-domain-events.ts',
      batchSize: 100,
      entityTypes: ['OutboxEvent'],
      changes: ['INSERT'],
      publishesEvents: true,
    },
    {
      name: 'aggregate-service-quality',
      handler: 'functions/reports/aggregate-service-quality.ts',
      batchSize: 100,
      entityTypes: ['Complaint', 'Survey', 'ServiceRecord', 'Revisit'],
      changes: ['INSERT', 'MODIFY'],
      writesTable: true,
    },
    {
      name: 'project-customer-timeline',
      handler: 'functions/customers/project-customer-timeline.ts',
      batchSize: 100,
      entityTypes: ['Interaction', 'TimelineEntry', 'Revisit', 'Survey'],
      changes: ['INSERT', 'MODIFY'],
      writesTable: true,
    },
  ],
};
