import { ENVIRONMENT } from '../shared/adapters/environment';
import type { KEY_VARIABLES } from '../shared/adapters/key-material';
import { type HandlerUsage, sendsEmail, tableAccess } from './stack/manifest';
import { dlqName, queueUrlVariable } from './wiring';

/** Where a deployment's resources are: CDK passes tokens, the local runtime emulator values. */
export interface HandlerResources {
  tableName: string;
  idempotencyTableName: string;
  eventBusName: string;
  /** Key references (`arn:…` or `file:///…`), see shared/adapters/key-material.ts. */
  keys: Record<keyof typeof KEY_VARIABLES, string>;
  stage: string;
  mail: { from: string; complaintsReplyTo: string; surveyRepliesDomain: string };
  /** The SES configuration set email is sent with (none locally: the emulator has no events). */
  sesConfigurationSet?: string | undefined;
  publicBaseUrl: string;
  inboundMailBucket: string;
  /** The app clients whose role-less tokens are integrators' (every other role-less token is refused). */
  integratorClientIds: string[];
  queueUrl: (queue: string) => string;
}

/** The manifest queues a handler sends messages to, its own DLQ when it dead-letters itself. */
export const queueSends = (usage: HandlerUsage): string[] => [
  ...new Set([
    ...usage.queues.flatMap((queue) => queue.consumer.sendsTo ?? []),
    ...usage.schedules.flatMap((schedule) => schedule.sendsTo ?? []),
    ...usage.queues
      .filter((queue) => queue.consumer.deadLettersItself)
      .map((queue) => dlqName(queue.name, queue.fifo)),
  ]),
];

/**
 * The environment of one handler, from what the manifest says it does: every function gets the
 * table, bus, signing key, mail settings and public base URL; those with table access the
 * personal-data and blind-index keys; email senders the configuration set; the inbound-mail
 * handlers the bucket; senders the URLs of the queues they send to. CDK sets it per function,
 * the local runtime sets the union of all of them (one process runs every handler).
 */
export const handlerEnvironment = (
  usage: HandlerUsage,
  resources: HandlerResources,
): Record<string, string> => ({
  [ENVIRONMENT.table]: resources.tableName,
  [ENVIRONMENT.idempotencyTable]: resources.idempotencyTableName,
  [ENVIRONMENT.eventBus]: resources.eventBusName,
  [ENVIRONMENT.signing]: resources.keys.signing,
  POWERTOOLS_SERVICE_NAME: 'kefu',
  [ENVIRONMENT.stage]: resources.stage,
  [ENVIRONMENT.mailFrom]: resources.mail.from,
  [ENVIRONMENT.complaintsReplyTo]: resources.mail.complaintsReplyTo,
  [ENVIRONMENT.surveyReplyDomain]: resources.mail.surveyRepliesDomain,
  [ENVIRONMENT.publicBaseUrl]: resources.publicBaseUrl,
  [ENVIRONMENT.integratorClients]: resources.integratorClientIds.join(','),
  ...(tableAccess(usage) !== 'none'
    ? {
        [ENVIRONMENT.personalData]: resources.keys.personalData,
        [ENVIRONMENT.blindIndex]: resources.keys.blindIndex,
      }
    : {}),
  ...(sendsEmail(usage) && resources.sesConfigurationSet
    ? { [ENVIRONMENT.sesConfigurationSet]: resources.sesConfigurationSet }
    : {}),
  ...(usage.inboundMail.length > 0
    ? { [ENVIRONMENT.inboundMailBucket]: resources.inboundMailBucket }
    : {}),
  ...Object.fromEntries(
    queueSends(usage).map((queue) => [queueUrlVariable(queue), resources.queueUrl(queue)]),
  ),
});
