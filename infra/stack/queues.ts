import { Duration } from 'aws-cdk-lib';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { dlqName, type QueueDefinition, type WiringManifest } from '../../wiring/manifest';
import { DeadLetterQueue, encrypted, physicalQueueName } from './dead-letter-queue';
import { addEventSourceMapping, type HandlerFunctions } from './functions';
import { handlerNeeds } from '../handler-environment';
import { handlerUsages } from './manifest';
import { acknowledge } from './nag';
import type { StageSettings } from './stage';

export interface WorkQueue {
  definition: QueueDefinition;
  queue: sqs.Queue;
  deadLetters: DeadLetterQueue;
}

export interface WorkQueuesProps {
  settings: StageSettings;
  manifest: WiringManifest;
  functions: HandlerFunctions;
}

/**
 * Every queue of the manifest with its DLQ (`<name>-dlq`, after `maxReceiveCount` receives) and
 * its consumer function, fed by an SQS event source that reports partial batch failures. Handlers
 * that send to manifest queues (`sendsTo` of a consumer or schedule) may send to those only.
 */
export class WorkQueues extends Construct {
  private readonly queues = new Map<string, WorkQueue>();

  constructor(scope: Construct, id: string, props: WorkQueuesProps) {
    super(scope, id);
    const { settings, manifest, functions } = props;
    // Each queue and its DLQ by the name handlers send to them by.
    const sendable = new Map<string, sqs.IQueue>();
    for (const definition of manifest.queues) {
      const { name, fifo, consumer } = definition;
      const deadLetters = new DeadLetterQueue(this, `${name}-dlq`, {
        settings,
        name: `${name}-dlq`,
        fifo,
        holds: `messages of ${name} that failed ${definition.maxReceiveCount} times`,
      });
      const queue = new sqs.Queue(this, name, {
        ...encrypted,
        queueName: physicalQueueName(settings.stage, name, fifo),
        fifo: fifo || undefined,
        contentBasedDeduplication: fifo || undefined,
        visibilityTimeout: Duration.seconds(definition.visibilityTimeoutSeconds),
        deadLetterQueue: { queue: deadLetters.queue, maxReceiveCount: definition.maxReceiveCount },
      });
      const mapping = addEventSourceMapping(
        functions.get(consumer.handler),
        new SqsEventSource(queue, {
          batchSize: consumer.batchSize,
          // Lambda offers no batching window for FIFO queues.
          maxBatchingWindow:
            fifo || consumer.maxBatchingWindowSeconds === 0
              ? undefined
              : Duration.seconds(consumer.maxBatchingWindowSeconds),
          reportBatchItemFailures: true,
        }),
      );
      acknowledge(
        mapping,
        'Serverless-LambdaEventSourceMappingDestination',
        `Lambda does not support on-failure destinations for SQS sources: a message of ${name} ` +
          `that keeps failing moves to ${name}-dlq through the queue's redrive policy ` +
          `(maxReceiveCount ${definition.maxReceiveCount}), which is alarmed.`,
      );
      sendable.set(name, queue);
      sendable.set(dlqName(name, fifo), deadLetters.queue);
      this.queues.set(name, { definition, queue, deadLetters });
    }

    // The same queues whose URLs handlerEnvironment gives the handler (handlerNeeds).
    for (const usage of handlerUsages(manifest).values()) {
      for (const target of handlerNeeds(usage).queueSends) {
        const queue = sendable.get(target);
        if (!queue) throw new Error(`${usage.handler} sends to "${target}", which is no queue`);
        functions.allowQueueSends(usage.handler, target, queue);
      }
    }
  }

  get(name: string): WorkQueue {
    const found = this.queues.get(name);
    if (!found) throw new Error(`no queue "${name}" in the wiring manifest`);
    return found;
  }
}
