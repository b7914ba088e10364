/**
 * Knowing when the asynchronous part of the system has finished: every manifest queue empty (no
 * visible and no in-flight messages) and no handler call for a while.
 */
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../infra/local/local-env';
import { recordCalls, type SdkCall, tagged } from './sdk-calls';
import { type BenchStack, isSystemCall, sleep } from './stack';

let client: SQSClient | undefined;
const sqs = (bench: BenchStack) =>
  (client ??= new SQSClient({
    endpoint: bench.stack.urls.sqs,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
  }));

/** Visible plus in-flight messages of a manifest queue. */
export const queueDepth = async (bench: BenchStack, queue: string): Promise<number> => {
  const url = bench.stack.queueUrls.get(queue);
  if (!url) throw new Error(`no queue ${queue}`);
  const { Attributes = {} } = await tagged('bench', () =>
    sqs(bench).send(
      new GetQueueAttributesCommand({
        QueueUrl: url,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }),
    ),
  );
  return (
    Number(Attributes.ApproximateNumberOfMessages ?? 0) +
    Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0)
  );
};

/** Anything but the pollers' idle traffic: empty receives and stream reads without records. */
const isWork = (call: SdkCall): boolean => {
  if (!isSystemCall(call)) return false;
  if (call.service === 'streams') {
    if (call.command !== 'GetRecordsCommand') return false;
    return ((call.output as { Records?: unknown[] } | undefined)?.Records ?? []).length > 0;
  }
  if (call.command === 'ReceiveMessageCommand') return (call.items ?? 0) > 0;
  return true;
};

/**
 * Waits until the queues are empty (unless `checkQueues` is false: some are knowingly left with
 * messages) and no handler has called AWS for `idleMs`.
 */
export const waitForQuiet = async (
  bench: BenchStack,
  options: { idleMs?: number; timeoutMs?: number; checkQueues?: boolean } = {},
): Promise<void> => {
  const idleMs = options.idleMs ?? 1500;
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  let lastWork = performance.now();
  const stop = recordCalls((call) => {
    if (isWork(call)) lastWork = Math.max(lastWork, call.endedAt);
    return false;
  });
  try {
    for (;;) {
      if (Date.now() > deadline) throw new Error('the system did not settle in time');
      await sleep(250);
      if (performance.now() - lastWork < idleMs) continue;
      if (options.checkQueues === false) return;
      const depths = await Promise.all(
        [...bench.stack.queueUrls.keys()]
          .filter((queue) => !queue.endsWith('-dlq'))
          .map((queue) => queueDepth(bench, queue)),
      );
      if (depths.every((depth) => depth === 0) && performance.now() - lastWork >= idleMs) return;
    }
  } finally {
    stop();
  }
};
