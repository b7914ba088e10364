import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { systemClock } from '../../shared/adapters/clock';
import { wiring, type WiringManifest } from '../../wiring/manifest';
import { startDynamoDbLocal } from './dynamodb-local';
import { LocalEventBus } from './event-bus-local';
import { createGateway } from './gateway';
import { preload } from './lambda-runtime';
import { localKeyFiles } from './local-keys';
import { fileKeyReference } from '../../shared/adapters/key-material';
import { handlerEnvironment, type HandlerResources } from '../handler-environment';
import { handlerUsages } from '../stack/manifest';
import { loadStageConfig, localIntegratorClients, type StageConfig } from '../stack/stage-config';
import { LOCAL_CLIENT_ID, localAccountsFile, localVerifier } from './local-auth';
import { LOCAL_INBOUND_BUCKET, LocalInboundMail } from './inbound-mail-local';
import { sesFeedbackPublisher } from './ses-feedback-local';
import { localControl } from './local-control';
import { issueLocalStaffToken } from './local-issuer';
import { LOCAL_CREDENTIALS, LOCAL_NAMES, LOCAL_REGION } from './local-env';
import { assertPortFree, type LocalPorts, LOCALHOST } from './ports';
import { advanceQueueClocks } from './queue-clock';
import { QueuePoller } from './queue-pollers';
import { LocalScheduler } from './scheduler';
import { startSesLocal } from './ses-local';
import { startSqsLocal } from './sqs-local';
import { StreamPoller } from './stream-poller';

export { DEFAULT_PORTS, type LocalPorts } from './ports';

export interface LocalStackOptions {
  dataDir: string;
  ports: LocalPorts;
  manifest?: WiringManifest;
  /**
   * Who may call: the integrators (one local client each, `kefu-local-<name>`, with exactly their
   * scopes) of a stage configuration. Default: `infra/stages/dev.json`, as a dev deployment has.
   */
  callers?: StageConfig;
  /** Called as each component becomes ready. */
  onReady?: (component: string, url: string) => void;
  log?: { error(message: string): void };
}

export interface LocalStack {
  urls: { api: string; dynamodb: string; sqs: string; ses: string; events: string };
  queueUrls: Map<string, string>;
  bus: LocalEventBus;
  scheduler: LocalScheduler;
  streamPoller: StreamPoller;
  queuePollers: Map<string, QueuePoller>;
  names: typeof LOCAL_NAMES;
  stop(): Promise<void>;
}

/** The local signing key's file (random, created on first start), as a key reference. */
const localSigningKey = (dataDir: string): string => {
  const file = join(dataDir, 'local-auth', 'signing-key.txt');
  if (!existsSync(file)) {
    mkdirSync(join(dataDir, 'local-auth'), { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  }
  return fileKeyReference(file);
};

/**
 * The configuration a Lambda would get from CDK — the union of every handler's
 * `handlerEnvironment`, as one process runs them all — plus what points every AWS client at the
 * emulators.
 */
const setHandlerEnvironment = (
  manifest: WiringManifest,
  dataDir: string,
  urls: LocalStack['urls'],
  queueUrls: Map<string, string>,
  integratorClientIds: string[],
) => {
  const resources: HandlerResources = {
    tableName: LOCAL_NAMES.table,
    idempotencyTableName: LOCAL_NAMES.idempotencyTable,
    eventBusName: LOCAL_NAMES.eventBus,
    keys: { signing: localSigningKey(dataDir), ...localKeyFiles(dataDir) },
    stage: 'local',
    mail: {
      from: 'Kefu 客服 <service@kefu.local>',
      complaintsReplyTo: 'complaints@kefu.local',
      surveyRepliesDomain: 'surveys.kefu.local',
    },
    publicBaseUrl: urls.api,
    inboundMailBucket: LOCAL_INBOUND_BUCKET,
    integratorClientIds,
    staffIdentity: pathToFileURL(localAccountsFile(dataDir)).href,
    queueUrl: (queue) => {
      const url = queueUrls.get(queue);
      if (!url) throw new Error(`the local SQS has no queue ${queue}`);
      return url;
    },
  };
  Object.assign(
    process.env,
    ...[...handlerUsages(manifest).values()].map((usage) => handlerEnvironment(usage, resources)),
    {
      AWS_REGION: LOCAL_REGION,
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      AWS_ENDPOINT_URL_DYNAMODB: urls.dynamodb,
      AWS_ENDPOINT_URL_DYNAMODB_STREAMS: urls.dynamodb,
      AWS_ENDPOINT_URL_SQS: urls.sqs,
      AWS_ENDPOINT_URL_SES: urls.ses,
      AWS_ENDPOINT_URL_SESV2: urls.ses,
      AWS_ENDPOINT_URL_EVENTBRIDGE: urls.events,
      AWS_ENDPOINT_URL_S3: urls.sqs,
      S3_FORCE_PATH_STYLE: 'true',
      // Lambda sets it for on-demand functions; Powertools reads it to flag the cold start.
      AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
      // Webhook receivers on this machine (http, localhost) are what local development needs;
      // WEBHOOK_TARGETS=aws npm start tries the AWS rules instead.
      WEBHOOK_TARGETS: process.env.WEBHOOK_TARGETS ?? 'local',
    },
  );
};

const listen = (server: Server, port: number) =>
  new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, LOCALHOST, () => resolve());
  });

/** Starts the whole system in this process tree, from the one wiring manifest. */
export const startLocalStack = async (options: LocalStackOptions): Promise<LocalStack> => {
  const manifest = options.manifest ?? wiring;
  const log = options.log ?? { error: (message: string) => console.error(message) };
  const ready = options.onReady ?? (() => undefined);
  const { ports } = options;
  for (const [component, port] of Object.entries(ports)) await assertPortFree(port, component);

  const stoppers: (() => Promise<void> | void)[] = [];
  const stop = async () => {
    for (const stopper of stoppers.reverse()) await stopper();
  };
  try {
    const dynamo = await startDynamoDbLocal({
      port: ports.dynamodb,
      dataDir: join(options.dataDir, 'dynamodb'),
      tableName: LOCAL_NAMES.table,
      idempotencyTableName: LOCAL_NAMES.idempotencyTable,
    });
    stoppers.push(dynamo.stop);
    ready('DynamoDB Local', dynamo.endpoint);

    const sqsLocal = await startSqsLocal({
      port: ports.sqs,
      dataDir: join(options.dataDir, 'sqs'),
      manifest,
    });
    stoppers.push(sqsLocal.stop);
    ready(`SQS (fauxqs, ${manifest.queues.length} queues + DLQs)`, sqsLocal.endpoint);

    const ses = await startSesLocal(ports.ses);
    stoppers.push(ses.stop);
    ready('SES emulator (mail viewer)', ses.endpoint);

    const urls = {
      api: `http://localhost:${ports.api}`,
      dynamodb: dynamo.endpoint,
      sqs: sqsLocal.endpoint,
      ses: ses.endpoint,
      events: `http://127.0.0.1:${ports.events}`,
    };
    const integratorClientIds = localIntegratorClients(
      options.callers ?? loadStageConfig('dev'),
    ).map((client) => client.clientId);
    setHandlerEnvironment(manifest, options.dataDir, urls, sqsLocal.queueUrls, integratorClientIds);
    const sqs = new SQSClient({
      endpoint: urls.sqs,
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
    });
    stoppers.push(() => sqs.destroy());

    const bus = new LocalEventBus(manifest, sqs, sqsLocal.queueUrls);
    await bus.listen(ports.events);
    stoppers.push(() => bus.stop());
    ready(`Event bus (${manifest.eventRules.length} rules)`, urls.events);

    const s3 = new S3Client({
      endpoint: urls.sqs,
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
      forcePathStyle: true,
    });
    stoppers.push(() => s3.destroy());
    const inbound = new LocalInboundMail(s3, manifest.inboundMail);
    await inbound.createBucket();

    await preload([
      ...manifest.routes.map((route) => route.handler),
      ...manifest.queues.map((queue) => queue.consumer.handler),
      ...manifest.schedules.map((schedule) => schedule.handler),
      ...manifest.streamConsumers.map((consumer) => consumer.handler),
      ...manifest.inboundMail.map((entry) => entry.handler),
    ]);

    const queuePollers = new Map<string, QueuePoller>();
    for (const queue of manifest.queues) {
      const poller = new QueuePoller(queue, sqsLocal.queueUrls.get(queue.name) ?? '', sqs, log);
      poller.start();
      queuePollers.set(queue.name, poller);
    }
    // All at once: each ends its long poll and finishes the batch it is handling.
    stoppers.push(async () => {
      await Promise.all([...queuePollers.values()].map((poller) => poller.stop()));
    });
    const streamPoller = new StreamPoller(
      dynamo.streamArn,
      manifest.streamConsumers,
      join(options.dataDir, 'stream-checkpoints.json'),
      log,
      { endpoint: urls.dynamodb, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS },
    );
    streamPoller.start();
    stoppers.push(() => streamPoller.stop());
    ready(
      `Queue pollers (${queuePollers.size}) and stream consumers (${manifest.streamConsumers.length})`,
      'in process',
    );

    const scheduler = new LocalScheduler(manifest.schedules, () => systemClock.now(), log);
    scheduler.start();
    stoppers.push(() => scheduler.stop());
    ready(`Schedules (${manifest.schedules.length})`, `${urls.api}/_local/schedules/{name}/run`);

    const gateway = createGateway({
      routes: manifest.routes,
      verify: await localVerifier(options.dataDir, [LOCAL_CLIENT_ID, ...integratorClientIds]),
      localRoutes: localControl(
        scheduler,
        bus,
        inbound,
        sesFeedbackPublisher(sqs, sqsLocal.queueUrls.get(manifest.mailFeedback.queue) ?? '', () =>
          systemClock.now(),
        ),
        (ms) =>
          advanceQueueClocks(sqs, sqsLocal.inFlight(), ms, (receiptHandle) =>
            [...queuePollers.values()].some((poller) => poller.isHandling(receiptHandle)),
          ),
        (request) => issueLocalStaffToken(manifest, options.dataDir, request),
      ),
      log,
    });
    await listen(gateway, ports.api);
    stoppers.push(
      () =>
        new Promise<void>((resolve) => {
          gateway.closeAllConnections();
          gateway.close(() => resolve());
        }),
    );
    ready(`HTTP API (${manifest.routes.length} routes)`, urls.api);

    return {
      urls,
      queueUrls: sqsLocal.queueUrls,
      bus,
      scheduler,
      streamPoller,
      queuePollers,
      names: LOCAL_NAMES,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
};
