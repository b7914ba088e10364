/**
 * The wiring manifest: every route, queue, schedule, event rule and stream consumer of Kefu.
 * The CDK stack builds the cloud from it and the local runtime mounts, polls, fires and delivers
 * the same things, so nothing is wired in only one of the two. Plain data: Lambda bundles may
 * import it.
 */

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export const SCOPES = {
  customersRead: 'customers:read',
  customersWrite: 'customers:write',
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
  consumer: { handler: string; batchSize: number; maxBatchingWindowSeconds: number };
}

export interface ScheduleDefinition {
  name: string;
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
  target: { queue: string };
}

export interface StreamConsumerDefinition {
  name: string;
  handler: string;
  batchSize: number;
  /** Only stream records of new items with one of these `entityType`s reach the handler. */
  insertedEntityTypes: string[];
}

export interface WiringManifest {
  routes: RouteDefinition[];
  queues: QueueDefinition[];
  schedules: ScheduleDefinition[];
  eventRules: EventRuleDefinition[];
  streamConsumers: StreamConsumerDefinition[];
}

const customersRoute = (
  route: Omit<RouteDefinition, 'tag' | 'handler'> & { file: string },
): RouteDefinition => {
  const { file, ...rest } = route;
  return { ...rest, tag: 'Customers', handler: `functions/customers/${file}.ts` };
};

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
      summary: "The customer's contact timeline, newest first",
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
  queues: [],
  schedules: [],
  eventRules: [],
  streamConsumers: [
    {
      name: 'publish-domain-events',
      handler: 'functions/events/publish-domain-events.ts',
      batchSize: 100,
      insertedEntityTypes: ['OutboxEvent'],
    },
  ],
};

export const routeByOperation = (operationId: string): RouteDefinition => {
  const route = wiring.routes.find((candidate) => candidate.operationId === operationId);
  if (!route) throw new Error(`no route for operation ${operationId}`);
  return route;
};

/** A stable, short name for the function that runs a handler file (`customers-create-customer`). */
export const functionName = (handler: string): string =>
  handler
    .replace(/^functions\//, '')
    .replace(/\.ts$/, '')
    .replaceAll('/', '-');
