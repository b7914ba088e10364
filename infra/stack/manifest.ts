import type {
  CognitoTriggerDefinition,
  InboundMailDefinition,
  QueueDefinition,
  Operation,
  ScheduleDefinition,
  StreamConsumerDefinition,
  WiringManifest,
} from '../../wiring/manifest';

/** Everything the manifest asks one handler file to do: it becomes one Lambda function. */
export interface HandlerUsage {
  handler: string;
  routes: Operation[];
  queues: QueueDefinition[];
  schedules: ScheduleDefinition[];
  streamConsumers: StreamConsumerDefinition[];
  /** Inbound-mail entries whose stored emails (S3 object-created events) invoke the handler. */
  inboundMail: InboundMailDefinition[];
  /** Cognito user-pool triggers the handler serves (it reads the table, never writes it). */
  cognitoTriggers: CognitoTriggerDefinition[];
}

/** The manifest regrouped by handler file, in order of first mention. */
export const handlerUsages = (manifest: WiringManifest): Map<string, HandlerUsage> => {
  const usages = new Map<string, HandlerUsage>();
  const usage = (handler: string): HandlerUsage => {
    let found = usages.get(handler);
    if (!found) {
      found = {
        handler,
        routes: [],
        queues: [],
        schedules: [],
        streamConsumers: [],
        inboundMail: [],
        cognitoTriggers: [],
      };
      usages.set(handler, found);
    }
    return found;
  };
  for (const route of manifest.routes) usage(route.handler).routes.push(route);
  for (const queue of manifest.queues) usage(queue.consumer.handler).queues.push(queue);
  for (const schedule of manifest.schedules) usage(schedule.handler).schedules.push(schedule);
  for (const consumer of manifest.streamConsumers)
    usage(consumer.handler).streamConsumers.push(consumer);
  for (const mail of manifest.inboundMail) usage(mail.handler).inboundMail.push(mail);
  for (const trigger of manifest.cognitoTriggers)
    usage(trigger.handler).cognitoTriggers.push(trigger);
  return usages;
};

/** How the table grants of a handler come out of the manifest. */
export type TableAccess = 'read-write' | 'read' | 'none';

export const tableAccess = (usage: HandlerUsage): TableAccess => {
  const writesThroughApi = usage.routes.some((route) => route.method !== 'GET');
  if (writesThroughApi || works(usage)) return 'read-write';
  if (usage.streamConsumers.some((consumer) => consumer.writesTable)) return 'read-write';
  if (usage.routes.length > 0 || usage.cognitoTriggers.length > 0) return 'read';
  return 'none';
};

/** Queue consumers, schedules and inbound mail: background work on the table. */
export const works = (usage: HandlerUsage): boolean =>
  usage.queues.length > 0 || usage.schedules.length > 0 || usage.inboundMail.length > 0;

/** Does the handler send email through SES (as a queue consumer or a schedule)? */
export const sendsEmail = (usage: HandlerUsage): boolean =>
  usage.queues.some((queue) => queue.consumer.sendsEmail === true) ||
  usage.schedules.some((schedule) => schedule.sendsEmail === true);

/** `POST /customers`: the route key API Gateway uses. */
export const routeKey = (route: Operation): string => `${route.method} ${route.path}`;

/** Fails synthesis early on manifest mistakes the cloud would only reject at deploy time. */
export const checkManifest = (manifest: WiringManifest): void => {
  const duplicates = (label: string, names: string[]) => {
    const seen = new Set<string>();
    for (const name of names) {
      if (seen.has(name)) throw new Error(`wiring manifest: duplicate ${label} "${name}"`);
      seen.add(name);
    }
  };
  duplicates('route', manifest.routes.map(routeKey));
  duplicates(
    'schedule',
    manifest.schedules.map((s) => s.name),
  );
  duplicates(
    'event rule',
    manifest.eventRules.map((r) => r.name),
  );
  // Queues and stream consumers both get a `<name>-dlq`, so their names share one namespace.
  duplicates('queue or stream consumer', [
    ...manifest.queues.map((q) => q.name),
    ...manifest.streamConsumers.map((c) => c.name),
  ]);
  duplicates(
    'inbound mail',
    manifest.inboundMail.map((m) => m.name),
  );
  duplicates(
    'Cognito trigger',
    manifest.cognitoTriggers.map((t) => t.trigger),
  );
  checkInboundMail(manifest.inboundMail);
  const queues = new Set(manifest.queues.map((q) => q.name));
  for (const rule of manifest.eventRules) {
    if (!queues.has(rule.target.queue)) {
      throw new Error(
        `wiring manifest: event rule "${rule.name}" targets unknown queue "${rule.target.queue}"`,
      );
    }
  }
  const senders = [
    ...manifest.queues.map((q) => ({ label: `queue "${q.name}"`, sendsTo: q.consumer.sendsTo })),
    ...manifest.schedules.map((s) => ({ label: `schedule "${s.name}"`, sendsTo: s.sendsTo })),
  ];
  for (const { label, sendsTo } of senders) {
    for (const target of sendsTo ?? []) {
      if (!queues.has(target)) {
        throw new Error(`wiring manifest: ${label} sends to unknown queue "${target}"`);
      }
    }
  }
  if (!queues.has(manifest.mailFeedback.queue)) {
    throw new Error(
      `wiring manifest: mailFeedback delivers to unknown queue "${manifest.mailFeedback.queue}"`,
    );
  }
};

/** Part of an SES receipt rule name (`kefu-<stage>-<name>`, at most 64 characters in all). */
const INBOUND_MAIL_NAME = /^[a-z0-9][a-z0-9-]{0,40}[a-z0-9]$/;
/** An S3 key prefix ending in `/`, without a leading slash. */
const OBJECT_PREFIX = /^[a-z0-9][a-z0-9/_-]*\/$/i;

const checkInboundMail = (entries: InboundMailDefinition[]): void => {
  for (const entry of entries) {
    if (!INBOUND_MAIL_NAME.test(entry.name)) {
      throw new Error(
        `wiring manifest: inbound mail name "${entry.name}" must match ${INBOUND_MAIL_NAME.source}`,
      );
    }
    if (!OBJECT_PREFIX.test(entry.objectPrefix)) {
      throw new Error(
        `wiring manifest: inbound mail "${entry.name}" has objectPrefix "${entry.objectPrefix}"; ` +
          `use a key prefix like "inbound/complaints/" (${OBJECT_PREFIX.source})`,
      );
    }
  }
  // SES would run both rules on the same mail and store it twice.
  const recipients = new Set<string>();
  for (const entry of entries) {
    if (recipients.has(entry.recipient)) {
      throw new Error(
        `wiring manifest: inbound mail "${entry.name}" takes ${entry.recipient} mail, which ` +
          'another entry already takes',
      );
    }
    recipients.add(entry.recipient);
  }
  // S3 rejects object-created notifications with overlapping prefix filters, and one entry's
  // handler would receive the other's mail.
  for (const a of entries) {
    for (const b of entries) {
      if (a !== b && b.objectPrefix.startsWith(a.objectPrefix)) {
        throw new Error(
          `wiring manifest: inbound mail "${a.name}" and "${b.name}" have overlapping ` +
            `object prefixes "${a.objectPrefix}" and "${b.objectPrefix}"`,
        );
      }
    }
  }
};
