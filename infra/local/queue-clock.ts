import { ChangeMessageVisibilityCommand, type SQSClient } from '@aws-sdk/client-sqs';

/** What the emulator tells of a queue's messages in flight. */
export interface InFlightMessages {
  queueUrl: string;
  inflight: readonly { receiptHandle: string; visibilityDeadline: number }[];
}

/**
 * Moving the local clock forward moves the queues' visibility timers with it: a message that a
 * consumer put out of sight for two hours (a webhook retry, say) comes back after a two-hour
 * advance, as it would have in that much real time. Messages a poller is handling right now are
 * left alone. Returns how many messages were brought forward.
 */
export const advanceQueueClocks = async (
  sqs: SQSClient,
  queues: readonly InFlightMessages[],
  advancedMs: number,
  isBeingHandled: (receiptHandle: string) => boolean,
  now: () => number = Date.now,
): Promise<number> => {
  let moved = 0;
  for (const { queueUrl, inflight } of queues) {
    for (const { receiptHandle, visibilityDeadline } of inflight) {
      if (isBeingHandled(receiptHandle)) continue;
      const remainingMs = visibilityDeadline - now();
      if (remainingMs <= 1000) continue;
      try {
        await sqs.send(
          new ChangeMessageVisibilityCommand({
            QueueUrl: queueUrl,
            ReceiptHandle: receiptHandle,
            // At least a second: fauxqs (2.4) fails a timeout of 0 on a persisted queue, and the
            // SDK's retry then finds the message already returned.
            VisibilityTimeout: Math.max(1, Math.ceil((remainingMs - advancedMs) / 1000)),
          }),
        );
        moved++;
      } catch (error) {
        // Deleted or received since the listing: nothing left to bring forward.
        if (!(error instanceof Error && error.name === 'MessageNotInflight')) throw error;
      }
    }
  }
  return moved;
};
