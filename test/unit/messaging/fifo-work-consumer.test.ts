import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  process.env.POWERTOOLS_LOG_LEVEL = 'CRITICAL';
});
import { MalformedMessage } from '../../../shared/messaging/bus-event';
import {
  type FifoQueue,
  fifoWorkConsumer,
  type FifoWorkResult,
} from '../../../shared/messaging/fifo-work-consumer';
import { lambdaContext } from '../../support/lambda-context';

type Work = { id: string; fail?: 'error' | 'retry' };

const record = (messageId: string, group: string, body: Work | string, receiveCount = 1) =>
  ({
    messageId,
    receiptHandle: `handle-${messageId}-${receiveCount}`,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    attributes: {
      ApproximateReceiveCount: String(receiveCount),
      SentTimestamp: '0',
      SenderId: 'test',
      ApproximateFirstReceiveTimestamp: '0',
      MessageGroupId: group,
      MessageDeduplicationId: messageId,
      SequenceNumber: '1',
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:cn-north-1:000000000000:kefu-webhook-deliveries.fifo',
    awsRegion: 'cn-north-1',
  }) satisfies SQSRecord;

const queue = { postpone: vi.fn(), deadLetter: vi.fn() } satisfies FifoQueue;
let handled: string[] = [];
const handle = vi.fn(async (work: Work): Promise<FifoWorkResult> => {
  handled.push(work.id);
  if (work.fail === 'error') throw new Error(`cannot do ${work.id}`);
  return work.fail === 'retry'
    ? { log: { outcome: 'retry' }, retryAfterSeconds: 60 }
    : { log: { outcome: 'done' } };
});
const consumer = fifoWorkConsumer<Work>({
  name: 'test work',
  queue: () => queue,
  read: (body) => {
    const work = JSON.parse(body) as unknown;
    if (typeof work !== 'object' || work === null || !('id' in work)) {
      throw new MalformedMessage('no id');
    }
    return work as Work;
  },
  handle,
  describe: (work) => ({ workId: work.id }),
});

const consume = async (...records: SQSRecord[]): Promise<string[]> => {
  const event: SQSEvent = { Records: records };
  const response = (await consumer(event, lambdaContext())) as SQSBatchResponse;
  return response.batchItemFailures.map((failure) => failure.itemIdentifier);
};

beforeEach(() => {
  handled = [];
  vi.clearAllMocks();
});

describe('fifoWorkConsumer', () => {
  it('handles every message of a batch in order when all succeed', async () => {
    expect(await consume(record('m1', 'g1', { id: 'a' }), record('m2', 'g2', { id: 'b' }))).toEqual(
      [],
    );
    expect(handled).toEqual(['a', 'b']);
  });

  it('stops a group at its first failed message: the later ones of that group are failed unhandled, other groups go on', async () => {
    const failures = await consume(
      record('m1', 'g1', { id: 'a1' }),
      record('m2', 'g1', { id: 'a2', fail: 'error' }),
      record('m3', 'g2', { id: 'b1' }),
      record('m4', 'g1', { id: 'a3' }),
      record('m5', 'g2', { id: 'b2' }),
      record('m6', 'g1', { id: 'a4' }),
    );
    expect(failures).toEqual(['m2', 'm4', 'm6']);
    expect(handled).toEqual(['a1', 'a2', 'b1', 'b2']);
  });

  it('postpones a message that asks to be tried later and holds its group behind it', async () => {
    const failures = await consume(
      record('m1', 'g1', { id: 'a1', fail: 'retry' }),
      record('m2', 'g1', { id: 'a2' }),
      record('m3', 'g2', { id: 'b1' }),
    );
    expect(failures).toEqual(['m1', 'm2']);
    expect(queue.postpone).toHaveBeenCalledExactlyOnceWith('handle-m1-1', 60);
    expect(handled).toEqual(['a1', 'b1']);
  });

  it('parks a malformed message in the DLQ at once and keeps its group moving', async () => {
    const failures = await consume(
      record('m1', 'g1', '{"no":"id"}'),
      record('m2', 'g1', { id: 'a2' }),
    );
    expect(failures).toEqual([]);
    expect(queue.deadLetter).toHaveBeenCalledExactlyOnceWith({
      body: JSON.stringify({
        malformedBase64: Buffer.from('{"no":"id"}', 'utf8').toString('base64'),
        messageId: 'm1',
      }),
      groupId: 'g1',
      deduplicationId: 'm1',
    });
    expect(handled).toEqual(['a2']);
  });

  it('hands a message delivered twice to the handler twice, in order (handlers are idempotent)', async () => {
    // A lost acknowledgement: the batch comes again, the first message once more in front.
    expect(
      await consume(record('m1', 'g1', { id: 'a1' }), record('m1', 'g1', { id: 'a1' }, 2)),
    ).toEqual([]);
    expect(handled).toEqual(['a1', 'a1']);
  });

  it('redelivers a failed group in its order: the failed message first, then the ones held back', async () => {
    handle.mockImplementationOnce(async (work) => {
      handled.push(work.id);
      throw new Error('throttled');
    });
    expect(
      await consume(record('m1', 'g1', { id: 'a1' }), record('m2', 'g1', { id: 'a2' })),
    ).toEqual(['m1', 'm2']);
    expect(
      await consume(record('m1', 'g1', { id: 'a1' }, 2), record('m2', 'g1', { id: 'a2' }, 2)),
    ).toEqual([]);
    expect(handled).toEqual(['a1', 'a1', 'a2']);
  });
});
