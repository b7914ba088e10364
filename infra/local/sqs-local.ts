import { mkdirSync } from 'node:fs';
import { startFauxqs } from 'fauxqs';
import { dlqName, type WiringManifest } from '../../wiring/manifest';
import { LOCAL_REGION } from './local-env';
import type { InFlightMessages } from './queue-clock';

export interface SqsLocal {
  endpoint: string;
  queueUrls: Map<string, string>;
  /** The messages in flight in each manifest queue (not the DLQs, which nothing consumes). */
  inFlight(): InFlightMessages[];
  stop(): Promise<void>;
}

/** fauxqs in this process, persisted under `dataDir`, with every queue and DLQ of the manifest. */
export const startSqsLocal = async (options: {
  port: number;
  dataDir: string;
  manifest: WiringManifest;
}): Promise<SqsLocal> => {
  mkdirSync(options.dataDir, { recursive: true });
  const server = await startFauxqs({
    port: options.port,
    host: '127.0.0.1',
    logger: false,
    dataDir: options.dataDir,
    defaultRegion: LOCAL_REGION,
  });
  const queueUrls = new Map<string, string>();
  const consumed: { name: string; url: string }[] = [];
  for (const queue of options.manifest.queues) {
    const fifoAttributes: Record<string, string> = queue.fifo ? { FifoQueue: 'true' } : {};
    const dlq = server.createQueue(dlqName(queue.name, queue.fifo), {
      attributes: { ...fifoAttributes, MessageRetentionPeriod: String(14 * 24 * 3600) },
    });
    // As in AWS, a FIFO queue's name ends in `.fifo`.
    const main = server.createQueue(queue.fifo ? `${queue.name}.fifo` : queue.name, {
      attributes: {
        ...fifoAttributes,
        VisibilityTimeout: String(queue.visibilityTimeoutSeconds),
        RedrivePolicy: JSON.stringify({
          deadLetterTargetArn: dlq.queueArn,
          maxReceiveCount: queue.maxReceiveCount,
        }),
      },
    });
    queueUrls.set(queue.name, main.queueUrl);
    consumed.push({ name: main.queueName, url: main.queueUrl });
    queueUrls.set(dlqName(queue.name, queue.fifo), dlq.queueUrl);
  }
  return {
    endpoint: server.address,
    queueUrls,
    inFlight: () =>
      consumed.map(({ name, url }) => ({
        queueUrl: url,
        inflight: server.inspectQueue(name)?.messages.inflight ?? [],
      })),
    stop: () => server.stop(),
  };
};
