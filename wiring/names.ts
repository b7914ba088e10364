/**
 * The names the wiring manifest gives things, apart from the manifest itself: scopes, queue and
 * function names, the variables queue URLs travel in. Lambda code that needs only a name imports
 * this file, not the whole manifest (and with it every event schema).
 */
import type { DepartmentId } from '../shared/domain/organization/departments';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export const SCOPES = {
  customersRead: 'customers:read',
  customersWrite: 'customers:write',
  complaintsRead: 'complaints:read',
  complaintsWrite: 'complaints:write',
  revisitsRead: 'revisits:read',
  revisitsWrite: 'revisits:write',
  surveysRead: 'surveys:read',
  surveysWrite: 'surveys:write',
  reportsRead: 'reports:read',
  /** Improvement actions and trainings: owners and supervisors of the department work them. */
  improvementsRead: 'improvements:read',
  improvementsWrite: 'improvements:write',
  /** Erasing a customer for good: a data-protection officer's scope, apart from everyday writes. */
  customersErase: 'customers:erase',
  /** Reading who accessed a customer's personal data. */
  auditRead: 'audit:read',
  /** Subscribing to Kefu's events by webhook: given to integrators and admins alike. */
  webhooksManage: 'webhooks:manage',
  admin: 'admin',
} as const;
export type Scope = (typeof SCOPES)[keyof typeof SCOPES];

/**
 * Cognito writes a resource server's scopes into access tokens as `<identifier>/<scope>`, so
 * tokens carry `kefu/customers:read`. Routes name the short scope; the authorizer (and the local
 * gateway) require the full name, and handlers compare short names after dropping the prefix.
 */
export const RESOURCE_SERVER_IDENTIFIER = 'kefu';

/** The scope as it appears in an access token: `customers:read` → `kefu/customers:read`. */
export const oauthScope = (scope: Scope): string => `${RESOURCE_SERVER_IDENTIFIER}/${scope}`;

/**
 * The public pages customers reach from links in their emails: survey answers (`/s/{token}…`)
 * and their complaint's progress (`/c/{token}…`). The signed token in the path is the only
 * credential, so they carry no scopes.
 */
export const PUBLIC_PAGE_PREFIXES = ['/s/{token}', '/c/{token}'] as const;
export const isPublicPage = (route: { path: string }): boolean =>
  PUBLIC_PAGE_PREFIXES.some((prefix) => route.path.startsWith(prefix));

/** The FIFO queue of webhook delivery attempts (physically `…-webhook-deliveries.fifo`). */
export const WEBHOOK_DELIVERIES_QUEUE = 'webhook-deliveries';

/** The SQS queue of each department's complaints (`department-<id>`), consumed by assignment. */
export const departmentQueue = (department: DepartmentId): string => `department-${department}`;

/** The environment variable that holds a manifest queue's URL: `QUEUE_URL_SURVEY_SENDING`. */
export const queueUrlVariable = (queue: string): `QUEUE_URL_${string}` =>
  `QUEUE_URL_${queue
    .replace(/\.fifo$/, '')
    .replace(/-/g, '_')
    .toUpperCase()}`;

/** The dead-letter queue of a manifest queue: `<name>-dlq` (`<name>-dlq.fifo` for FIFO). */
export const dlqName = (queue: string, fifo: boolean) =>
  fifo ? `${queue.replace(/\.fifo$/, '')}-dlq.fifo` : `${queue}-dlq`;

/** A stable, short name for the function that runs a handler file (`customers-create-customer`). */
export const functionName = (handler: string): string =>
  handler
    .replace(/^functions\//, '')
    .replace(/\.ts$/, '')
    .replaceAll('/', '-');
