import { mkdirSync } from 'node:fs';
import { startFauxqs } from 'fauxqs';
import { dlqName, type WiringManifest } from '../wiring';
import { LOCAL_REGION } from './local-env';

export interface SqsLocal {
  endpoint: string;
  queueUrls: Map<string, string>;
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
  for (const queue of options.manifest.queues) {
    const fifoAttributes: Record<string, string> = queue.fifo ? { FifoQueue: 'true' } : {};
    const dlq = server.createQueue(dlqName(queue.name, queue.fifo), {
      attributes: { ...fifoAttributes, MessageRetentionPeriod: String(14 * 24 * 3600) },
    });
    const main = server.createQueue(queue.name, {
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
    queueUrls.set(dlqName(queue.name, queue.fifo), dlq.queueUrl);
  }
  return { endpoint: server.address, queueUrls, stop: () => server.stop() };
};
