import { ENVIRONMENT } from '../shared/adapters/environment';
import type { KEY_VARIABLES } from '../shared/adapters/key-material';
import {
  type HandlerUsage,
  sendsEmail,
  type TableAccess,
  tableAccess,
  works,
} from './stack/manifest';
import { dlqName, queueUrlVariable } from '../wiring/manifest';

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
  /** Where staff sign-in accounts live: `cognito:<user pool id>`, or `file:///…` locally. */
  staffIdentity: string;
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
 * What one handler needs, from what the manifest says it does: the one derivation both its
 * environment (`handlerEnvironment`) and its IAM grants (`HandlerFunctions`) are read from, so a
 * handler is never given a variable it may not use, nor a permission it has no variable for.
 */
export interface HandlerNeeds {
  /** Items of the single table: API writers and background work read and write. */
  table: TableAccess;
  /** A reading API handler that appends access-log records (`BatchWriteItem` there only). */
  accessLog: boolean;
  /** Powertools idempotency records (what its DynamoDB persistence layer calls). */
  idempotencyRecords: boolean;
  /** The table's customer-managed key: to encrypt and decrypt, or only to decrypt reads. */
  dataKey: 'encrypt-decrypt' | 'decrypt' | 'none';
  /** The link-signing key (public links, cursors). */
  signingKey: boolean;
  /** The personal-data key and blind-index key, as the table access goes. */
  personalData: TableAccess;
  sendsEmail: boolean;
  /** Manifest queues (and its own DLQ) the handler sends messages to. */
  queueSends: string[];
  publishesEvents: boolean;
  readsInboundMail: boolean;
  /** Creates, changes and disables staff sign-in accounts (the user pool's admin actions). */
  staffIdentity: boolean;
  /**
   * Reads API callers' tokens (any route): the integrator clients' ids. Nothing else is told
   * them; the pre-token trigger must not be, since the user pool refers to the trigger and the
   * app clients to the user pool (a CloudFormation cycle).
   */
  callerTokens: boolean;
}

export const handlerNeeds = (usage: HandlerUsage): HandlerNeeds => {
  const apiWrites = usage.routes.some((route) => route.method !== 'GET');
  const writer = apiWrites || works(usage);
  const streamWriter = usage.streamConsumers.some((consumer) => consumer.writesTable);
  const apiReader = !writer && usage.routes.length > 0;
  // Secured routes (any scopes) append to the access log after their handler ran.
  const accessLog = apiReader && usage.routes.some((route) => route.scopes.length > 0);
  return {
    table: tableAccess(usage),
    accessLog,
    idempotencyRecords: writer,
    dataKey:
      writer || streamWriter || accessLog
        ? 'encrypt-decrypt'
        : tableAccess(usage) === 'read'
          ? 'decrypt'
          : 'none',
    signingKey: usage.routes.length > 0 || works(usage),
    // The pre-token trigger reads /staff records, which hold no sealed personal data.
    personalData: usage.cognitoTriggers.length > 0 ? 'none' : tableAccess(usage),
    sendsEmail: sendsEmail(usage),
    queueSends: queueSends(usage),
    publishesEvents: usage.streamConsumers.some((consumer) => consumer.publishesEvents === true),
    readsInboundMail: usage.inboundMail.length > 0,
    staffIdentity: usage.routes.some((route) => route.managesStaffIdentity === true),
    callerTokens: usage.routes.length > 0,
  };
};

/**
 * The environment of one handler, from what the manifest says it does: every function gets the
 * table, bus, signing key, mail settings and public base URL; those with table access the
 * personal-data and blind-index keys; email senders the configuration set; the inbound-mail
 * handlers the bucket; senders the URLs of the queues they send to; API handlers the integrator
 * clients; the staff-account handlers the user pool. CDK sets it per function,
 * the local runtime sets the union of all of them (one process runs every handler).
 */
export const handlerEnvironment = (
  usage: HandlerUsage,
  resources: HandlerResources,
): Record<string, string> => environmentOf(handlerNeeds(usage), resources);

const environmentOf = (
  needs: HandlerNeeds,
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
  ...(needs.callerTokens
    ? { [ENVIRONMENT.integratorClients]: resources.integratorClientIds.join(',') }
    : {}),
  ...(needs.personalData !== 'none'
    ? {
        [ENVIRONMENT.personalData]: resources.keys.personalData,
        [ENVIRONMENT.blindIndex]: resources.keys.blindIndex,
      }
    : {}),
  ...(needs.sendsEmail && resources.sesConfigurationSet
    ? { [ENVIRONMENT.sesConfigurationSet]: resources.sesConfigurationSet }
    : {}),
  ...(needs.readsInboundMail
    ? { [ENVIRONMENT.inboundMailBucket]: resources.inboundMailBucket }
    : {}),
  ...(needs.staffIdentity ? { [ENVIRONMENT.staffIdentity]: resources.staffIdentity } : {}),
  ...Object.fromEntries(
    needs.queueSends.map((queue) => [queueUrlVariable(queue), resources.queueUrl(queue)]),
  ),
});
