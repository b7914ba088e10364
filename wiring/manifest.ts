/**
 * The wiring manifest: every route, queue, schedule, event rule and stream consumer of Kefu.
 * The CDK stack builds the cloud from it and the local runtime mounts, polls, fires and delivers
 * the same things, so nothing is wired in only one of the two. Plain data: Lambda bundles may
 * import it.
 */
import { eventCatalog, type EventType } from '../events/catalog';
import { DEPARTMENT_IDS } from '../shared/domain/organization/departments';
import {
  departmentQueue,
  type HttpMethod,
  SCOPES,
  type Scope,
  WEBHOOK_DELIVERIES_QUEUE,
} from './names';

export * from './names';

export interface RouteDefinition {
  operationId: string;
  method: HttpMethod;
  /** API Gateway path syntax: `/customers/{customerId}`. */
  path: string;
  /** Source file of the Lambda handler (exports `handler`), relative to the repository root. */
  handler: string;
  /** All of these scopes are required; an empty list means the route is public. */
  scopes: Scope[];
  summary: string;
  tag: string;
}

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

export interface WiringManifest {
  routes: RouteDefinition[];
  mailFeedback: MailFeedbackDefinition;
  queues: QueueDefinition[];
  schedules: ScheduleDefinition[];
  eventRules: EventRuleDefinition[];
  streamConsumers: StreamConsumerDefinition[];
  inboundMail: InboundMailDefinition[];
}

const route = (
  tag: string,
  folder: string,
  definition: Omit<RouteDefinition, 'tag' | 'handler'> & { file: string },
): RouteDefinition => {
  const { file, ...rest } = definition;
  return { ...rest, tag, handler: `functions/${folder}/${file}.ts` };
};
const customersRoute = (definition: Parameters<typeof route>[2]) =>
  route('Customers', 'customers', definition);
const complaintsRoute = (definition: Parameters<typeof route>[2]) =>
  route('Complaints', 'complaints', definition);
const organizationRoute = (definition: Parameters<typeof route>[2]) =>
  route('Organization', 'organization', definition);

const revisitsRoute = (definition: Parameters<typeof route>[2]) =>
  route('Revisits', 'revisits', definition);
const webhooksRoute = (definition: Omit<Parameters<typeof route>[2], 'scopes'>) =>
  route('Webhooks', 'webhooks', { ...definition, scopes: [SCOPES.webhooksManage] });
const surveysRoute = (definition: Parameters<typeof route>[2]) =>
  route('Surveys', 'surveys', definition);
/** The public answer pages of survey emails (HTML, no token other than the link's own). */
const surveyPage = (definition: Omit<Parameters<typeof route>[2], 'scopes'>) =>
  route('Survey pages', 'surveys', { ...definition, scopes: [] });

/** The customer's own pages of a complaint, reached from its emails (the link's token only). */
const complaintPage = (definition: Omit<Parameters<typeof route>[2], 'scopes'>) =>
  route('Complaint pages', 'complaints', { ...definition, scopes: [] });

const complaintAction = (action: string, operationId: string, summary: string): RouteDefinition =>
  complaintsRoute({
    operationId,
    method: 'POST',
    path: `/complaints/{complaintId}/${action}`,
    file: `${action}-complaint`,
    scopes: [SCOPES.complaintsWrite],
    summary,
  });

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
  routes: [
    customersRoute({
      operationId: 'createCustomer',
      method: 'POST',
      path: '/customers',
      file: 'create-customer',
      scopes: [SCOPES.customersWrite],
      summary: 'Add a customer to the archive',
    }),
    customersRoute({
      operationId: 'listCustomers',
      method: 'GET',
      path: '/customers',
      file: 'list-customers',
      scopes: [SCOPES.customersRead],
      summary: 'List customers, or find one by exact email or phone',
    }),
    customersRoute({
      operationId: 'getCustomer',
      method: 'GET',
      path: '/customers/{customerId}',
      file: 'get-customer',
      scopes: [SCOPES.customersRead],
      summary: 'Read one customer (with its ETag)',
    }),
    customersRoute({
      operationId: 'updateCustomer',
      method: 'PATCH',
      path: '/customers/{customerId}',
      file: 'update-customer',
      scopes: [SCOPES.customersWrite],
      summary: 'Correct a customer (JSON merge patch, requires If-Match)',
    }),
    customersRoute({
      operationId: 'eraseCustomer',
      method: 'DELETE',
      path: '/customers/{customerId}',
      file: 'erase-customer',
      scopes: [SCOPES.customersErase],
      summary: 'Erase a customer for good (crypto-shredding), keeping a tombstone',
    }),
    customersRoute({
      operationId: 'exportCustomer',
      method: 'GET',
      path: '/customers/{customerId}/export',
      file: 'export-customer',
      scopes: [SCOPES.customersRead],
      summary: 'Everything held about a customer, machine-readable (right of access)',
    }),
    customersRoute({
      operationId: 'getAccessLog',
      method: 'GET',
      path: '/customers/{customerId}/access-log',
      file: 'get-access-log',
      scopes: [SCOPES.auditRead],
      summary: "Who read or changed the customer's personal data, newest first",
    }),
    customersRoute({
      operationId: 'addInteraction',
      method: 'POST',
      path: '/customers/{customerId}/interactions',
      file: 'add-interaction',
      scopes: [SCOPES.customersWrite],
      summary: 'Record a contact with the customer',
    }),
    customersRoute({
      operationId: 'listInteractions',
      method: 'GET',
      path: '/customers/{customerId}/interactions',
      file: 'list-interactions',
      scopes: [SCOPES.customersRead],
      summary: "The customer's contact records, newest first",
    }),
    customersRoute({
      operationId: 'getCustomerTimeline',
      method: 'GET',
      path: '/customers/{customerId}/timeline',
      file: 'get-customer-timeline',
      scopes: [SCOPES.customersRead],
      summary:
        "The customer's one timeline, newest first: contacts, complaint steps, emails, revisits, surveys",
    }),
    complaintsRoute({
      operationId: 'createComplaint',
      method: 'POST',
      path: '/complaints',
      file: 'create-complaint',
      scopes: [SCOPES.complaintsWrite],
      summary: 'File a complaint (acknowledged by email, routed to a department)',
    }),
    complaintsRoute({
      operationId: 'listComplaints',
      method: 'GET',
      path: '/complaints',
      file: 'list-complaints',
      scopes: [SCOPES.complaintsRead],
      summary: 'Complaints by number (exact), status, department, assignee, customer or breach',
    }),
    complaintsRoute({
      operationId: 'getComplaint',
      method: 'GET',
      path: '/complaints/{complaintId}',
      file: 'get-complaint',
      scopes: [SCOPES.complaintsRead],
      summary: 'One complaint with its deadlines and timeline',
    }),
    complaintAction('responses', 'respondToComplaint', 'Reply to the customer (emailed)'),
    complaintAction('assign', 'assignComplaint', 'Give the complaint to a staff member'),
    complaintAction(
      'transfer',
      'transferComplaint',
      'Send the complaint to another department (its queue assigns it; deadlines keep running)',
    ),
    complaintAction('await-customer', 'awaitCustomer', 'Wait for the customer (pauses deadlines)'),
    complaintAction('resume', 'resumeComplaint', 'Resume work after waiting on the customer'),
    complaintAction('resolve', 'resolveComplaint', 'Record the resolution plan'),
    complaintAction('close', 'closeComplaint', 'Close a resolved complaint'),
    complaintAction('reopen', 'reopenComplaint', 'Reopen a resolved or closed complaint'),
    complaintsRoute({
      operationId: 'listCustomerComplaints',
      method: 'GET',
      path: '/customers/{customerId}/complaints',
      file: 'list-customer-complaints',
      scopes: [SCOPES.complaintsRead],
      summary: "The customer's complaints, newest first",
    }),
    organizationRoute({
      operationId: 'listDepartments',
      method: 'GET',
      path: '/departments',
      file: 'list-departments',
      scopes: [SCOPES.complaintsRead],
      summary: 'Configured departments',
    }),
    organizationRoute({
      operationId: 'putDepartment',
      method: 'PUT',
      path: '/departments/{departmentId}',
      file: 'put-department',
      scopes: [SCOPES.admin],
      summary: 'Configure a department (name, supervisor, head)',
    }),
    organizationRoute({
      operationId: 'listStaff',
      method: 'GET',
      path: '/staff',
      file: 'list-staff',
      scopes: [SCOPES.complaintsRead],
      summary: "A department's staff",
    }),
    organizationRoute({
      operationId: 'putStaffMember',
      method: 'PUT',
      path: '/staff/{staffId}',
      file: 'put-staff-member',
      scopes: [SCOPES.admin],
      summary: 'Add or change a staff member (department, role, on duty)',
    }),
    organizationRoute({
      operationId: 'getRoutingRules',
      method: 'GET',
      path: '/routing-rules',
      file: 'get-routing-rules',
      scopes: [SCOPES.admin],
      summary: 'The routing rules, in the order they are tried',
    }),
    organizationRoute({
      operationId: 'putRoutingRules',
      method: 'PUT',
      path: '/routing-rules',
      file: 'put-routing-rules',
      scopes: [SCOPES.admin],
      summary: 'Replace the routing rules (validated against the departments)',
    }),
    organizationRoute({
      operationId: 'getSlaPolicies',
      method: 'GET',
      path: '/sla-policies',
      file: 'get-sla-policies',
      scopes: [SCOPES.admin],
      summary: 'Deadline policies, in the order they are matched',
    }),
    organizationRoute({
      operationId: 'putSlaPolicies',
      method: 'PUT',
      path: '/sla-policies',
      file: 'put-sla-policies',
      scopes: [SCOPES.admin],
      summary: 'Replace the deadline policies (first match on priority, category, channel, tier)',
    }),
    organizationRoute({
      operationId: 'getCalendar',
      method: 'GET',
      path: '/calendars/{calendarId}',
      file: 'get-calendar',
      scopes: [SCOPES.complaintsRead],
      summary: 'A business calendar: time zone, working hours, holiday overrides',
    }),
    organizationRoute({
      operationId: 'putCalendar',
      method: 'PUT',
      path: '/calendars/{calendarId}',
      file: 'put-calendar',
      scopes: [SCOPES.admin],
      summary: 'Set working hours and add or override holidays (validated)',
    }),
    revisitsRoute({
      operationId: 'recordService',
      method: 'POST',
      path: '/services',
      file: 'record-service',
      scopes: [SCOPES.customersWrite],
      summary: 'Record a completed service (plans its revisits)',
    }),
    revisitsRoute({
      operationId: 'listCustomerServices',
      method: 'GET',
      path: '/customers/{customerId}/services',
      file: 'list-customer-services',
      scopes: [SCOPES.customersRead],
      summary: "The customer's services, newest first",
    }),
    revisitsRoute({
      operationId: 'listRevisits',
      method: 'GET',
      path: '/revisits',
      file: 'list-revisits',
      scopes: [SCOPES.revisitsRead],
      summary: "An agent's or department's revisit worklist",
    }),
    revisitsRoute({
      operationId: 'getRevisit',
      method: 'GET',
      path: '/revisits/{revisitId}',
      file: 'get-revisit',
      scopes: [SCOPES.revisitsRead],
      summary: 'One revisit with its attempts',
    }),
    revisitsRoute({
      operationId: 'recordRevisitOutcome',
      method: 'POST',
      path: '/revisits/{revisitId}/outcome',
      file: 'record-revisit-outcome',
      scopes: [SCOPES.revisitsWrite],
      summary: 'Record a contact attempt: reached (with score) or not',
    }),
    revisitsRoute({
      operationId: 'openComplaintFromRevisit',
      method: 'POST',
      path: '/revisits/{revisitId}/complaint',
      file: 'open-complaint-from-revisit',
      scopes: [SCOPES.revisitsWrite, SCOPES.complaintsWrite],
      summary: 'Open a complaint for an issue found on the revisit (linked both ways)',
    }),
    revisitsRoute({
      operationId: 'planRevisit',
      method: 'POST',
      path: '/revisits',
      file: 'plan-revisit',
      scopes: [SCOPES.revisitsWrite],
      summary: 'Plan a revisit by hand',
    }),
    organizationRoute({
      operationId: 'getRevisitPolicies',
      method: 'GET',
      path: '/revisit-policies',
      file: 'get-revisit-policies',
      scopes: [SCOPES.admin],
      summary: 'The policies that plan revisits',
    }),
    organizationRoute({
      operationId: 'putRevisitPolicies',
      method: 'PUT',
      path: '/revisit-policies',
      file: 'put-revisit-policies',
      scopes: [SCOPES.admin],
      summary: 'Replace the revisit policies (validated)',
    }),
    surveysRoute({
      operationId: 'startSurveyCampaign',
      method: 'POST',
      path: '/survey-campaigns',
      file: 'start-survey-campaign',
      scopes: [SCOPES.surveysWrite],
      summary: 'Start a survey campaign by hand over an audience (tags, tiers, recent service)',
    }),
    surveysRoute({
      operationId: 'getSurveyCampaign',
      method: 'GET',
      path: '/survey-campaigns/{campaignId}',
      file: 'get-survey-campaign',
      scopes: [SCOPES.surveysRead],
      summary: "A campaign's progress: planned, sent, skipped by reason, failed, answered",
    }),
    surveysRoute({
      operationId: 'getSurvey',
      method: 'GET',
      path: '/surveys/{surveyId}',
      file: 'get-survey',
      scopes: [SCOPES.surveysRead],
      summary: 'One survey with its answer',
    }),
    surveysRoute({
      operationId: 'listCustomerSurveys',
      method: 'GET',
      path: '/customers/{customerId}/surveys',
      file: 'list-customer-surveys',
      scopes: [SCOPES.surveysRead],
      summary: "The customer's surveys, newest first",
    }),
    organizationRoute({
      operationId: 'getSurveySettings',
      method: 'GET',
      path: '/survey-settings',
      file: 'get-survey-settings',
      scopes: [SCOPES.admin],
      summary: 'Survey delays, throttle window, link validity, grace window, reminder, send rate',
    }),
    organizationRoute({
      operationId: 'putSurveySettings',
      method: 'PUT',
      path: '/survey-settings',
      file: 'put-survey-settings',
      scopes: [SCOPES.admin],
      summary: 'Replace the survey settings (validated)',
    }),
    complaintPage({
      operationId: 'openComplaintProgressPage',
      method: 'GET',
      path: '/c/{token}',
      file: 'open-progress-page',
      summary:
        "The customer's progress page: status, promised date, replies, the result to confirm (records nothing)",
    }),
    complaintPage({
      operationId: 'postComplaintMessage',
      method: 'POST',
      path: '/c/{token}/messages',
      file: 'post-complaint-message',
      summary: "Add the customer's message to the complaint (form post); the owner is told",
    }),
    complaintPage({
      operationId: 'answerComplaintResolution',
      method: 'POST',
      path: '/c/{token}/resolution',
      file: 'answer-complaint-resolution',
      summary: 'Solved closes the complaint, not solved reopens it (form post)',
    }),
    surveyPage({
      operationId: 'openSurveyPage',
      method: 'GET',
      path: '/s/{token}',
      file: 'open-survey-page',
      summary: 'The answer page of a survey link (records nothing: scanners follow links)',
    }),
    surveyPage({
      operationId: 'answerSurvey',
      method: 'POST',
      path: '/s/{token}',
      file: 'answer-survey',
      summary: 'Record the answer given on the page (form post)',
    }),
    surveyPage({
      operationId: 'openUnsubscribePage',
      method: 'GET',
      path: '/s/{token}/unsubscribe',
      file: 'open-unsubscribe-page',
      summary: 'Asks to confirm the unsubscribe (records nothing)',
    }),
    surveyPage({
      operationId: 'unsubscribeFromSurveys',
      method: 'POST',
      path: '/s/{token}/unsubscribe',
      file: 'unsubscribe-from-surveys',
      summary: 'Withdraw consent to surveys (also RFC 8058 one-click)',
    }),
    route('Reports', 'reports', {
      operationId: 'getServiceQualityReport',
      method: 'GET',
      path: '/reports/service-quality',
      file: 'get-service-quality-report',
      scopes: [SCOPES.reportsRead],
      summary:
        'Service-quality figures of a period with the previous one: satisfaction, first response, resolution, SLA, service errors, revisits',
    }),
    route('Reports', 'reports', {
      operationId: 'getServiceQualityView',
      method: 'GET',
      path: '/reports/service-quality/view',
      file: 'view-service-quality-report',
      scopes: [SCOPES.reportsRead],
      summary: 'The same report as a readable page with charts (SVG, no script)',
    }),
    organizationRoute({
      operationId: 'getReportSettings',
      method: 'GET',
      path: '/report-settings',
      file: 'get-report-settings',
      scopes: [SCOPES.admin],
      summary: 'Management-report recipients and the targets figures are judged against',
    }),
    organizationRoute({
      operationId: 'putReportSettings',
      method: 'PUT',
      path: '/report-settings',
      file: 'put-report-settings',
      scopes: [SCOPES.admin],
      summary: 'Replace the report recipients and targets',
    }),
    webhooksRoute({
      operationId: 'createWebhook',
      method: 'POST',
      path: '/webhooks',
      file: 'create-webhook',
      summary: 'Subscribe a URL to events (the signing secret is shown once)',
    }),
    webhooksRoute({
      operationId: 'listWebhooks',
      method: 'GET',
      path: '/webhooks',
      file: 'list-webhooks',
      summary: 'Your webhook subscriptions (all of them, for admins)',
    }),
    webhooksRoute({
      operationId: 'getWebhook',
      method: 'GET',
      path: '/webhooks/{webhookId}',
      file: 'get-webhook',
      summary: 'One webhook subscription (with its ETag)',
    }),
    webhooksRoute({
      operationId: 'updateWebhook',
      method: 'PATCH',
      path: '/webhooks/{webhookId}',
      file: 'update-webhook',
      summary: 'Change a subscription (JSON merge patch, requires If-Match)',
    }),
    webhooksRoute({
      operationId: 'deleteWebhook',
      method: 'DELETE',
      path: '/webhooks/{webhookId}',
      file: 'delete-webhook',
      summary: 'Unsubscribe (deliveries under way are dropped)',
    }),
    webhooksRoute({
      operationId: 'rotateWebhookSecret',
      method: 'POST',
      path: '/webhooks/{webhookId}/rotate-secret',
      file: 'rotate-webhook-secret',
      summary: 'Issue a new signing secret; the old one keeps signing for 24 hours',
    }),
    webhooksRoute({
      operationId: 'listWebhookDeliveries',
      method: 'GET',
      path: '/webhooks/{webhookId}/deliveries',
      file: 'list-webhook-deliveries',
      summary: 'Recent deliveries with their attempts: status codes and timings',
    }),
    webhooksRoute({
      operationId: 'redeliverWebhook',
      method: 'POST',
      path: '/webhooks/{webhookId}/redeliver',
      file: 'redeliver-webhook',
      summary: 'Deliver an event again, by its event id',
    }),
    {
      operationId: 'getOpenApi',
      method: 'GET',
      path: '/openapi.json',
      handler: 'functions/openapi/get-openapi.ts',
      scopes: [],
      summary: 'This API described as OpenAPI 3.1',
      tag: 'Meta',
    },
  ],
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
      sources: ['kefu.complaints', 'kefu.revisits'],
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

export const routeByOperation = (operationId: string): RouteDefinition => {
  const route = wiring.routes.find((candidate) => candidate.operationId === operationId);
  if (!route) throw new Error(`no route for operation ${operationId}`);
  return route;
};
