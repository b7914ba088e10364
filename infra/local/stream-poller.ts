import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  type DynamoDBStreamsClientConfig,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { StreamConsumerDefinition } from '../../wiring/manifest';
import { invoke } from './lambda-runtime';
import { type PollerLog, PollingLoop } from './polling-loop';

const POLL_INTERVAL_MS = 200;
const MAX_ATTEMPTS_PER_RECORD = 5;

type Checkpoints = Record<string, string>;

const matches = (consumer: StreamConsumerDefinition, record: _Record) =>
  (consumer.changes as string[]).includes(record.eventName ?? '') &&
  consumer.entityTypes.includes(record.dynamodb?.NewImage?.entityType?.S ?? '');

/**
 * Reads the table's stream like a Lambda event source mapping with a filter and
 * ReportBatchItemFailures: each consumer sees the matching records in order; a failed record is
 * retried (with what follows it) up to a limit, then skipped with an error, as an on-failure
 * destination would take it. Checkpoints are kept under `.data/` so a restart resumes.
 */
export class StreamPoller {
  private readonly client: DynamoDBStreamsClient;
  private readonly loop: PollingLoop;
  private readonly checkpoints: Checkpoints;
  private readonly iterators = new Map<string, string | undefined>();
  private readonly attempts = new Map<string, number>();

  constructor(
    private readonly streamArn: string,
    private readonly consumers: StreamConsumerDefinition[],
    private readonly checkpointFile: string,
    private readonly log: PollerLog,
    clientConfig: DynamoDBStreamsClientConfig,
  ) {
    this.client = new DynamoDBStreamsClient(clientConfig);
    this.loop = new PollingLoop('table stream', () => this.pollOnce(), log, {
      idleDelayMs: POLL_INTERVAL_MS,
      retryDelayMs: POLL_INTERVAL_MS,
    });
    this.checkpoints = existsSync(checkpointFile)
      ? (JSON.parse(readFileSync(checkpointFile, 'utf8')) as Checkpoints)
      : {};
  }

  start(): void {
    this.loop.start();
  }

  async stop(): Promise<void> {
    await this.loop.stop();
    this.client.destroy();
  }

  private saveCheckpoint(shardId: string, sequenceNumber: string) {
    this.checkpoints[shardId] = sequenceNumber;
    mkdirSync(dirname(this.checkpointFile), { recursive: true });
    writeFileSync(this.checkpointFile, JSON.stringify(this.checkpoints));
  }

  private async iteratorFor(shardId: string): Promise<string | undefined> {
    if (this.iterators.has(shardId)) return this.iterators.get(shardId);
    const after = this.checkpoints[shardId];
    const { ShardIterator } = await this.client.send(
      new GetShardIteratorCommand({
        StreamArn: this.streamArn,
        ShardId: shardId,
        ShardIteratorType: after ? 'AFTER_SEQUENCE_NUMBER' : 'TRIM_HORIZON',
        ...(after ? { SequenceNumber: after } : {}),
      }),
    );
    this.iterators.set(shardId, ShardIterator);
    return ShardIterator;
  }

  /** Delivers one batch to every consumer; returns the sequence number safe to checkpoint. */
  private async deliver(records: _Record[]): Promise<number> {
    for (const consumer of this.consumers) {
      const matching = records.filter((record) => matches(consumer, record));
      if (matching.length === 0) continue;
      const event = { Records: matching as DynamoDBRecord[] } satisfies DynamoDBStreamEvent;
      let failedSequence: string | undefined;
      try {
        const response = (await invoke(consumer.handler, event)) as
          DynamoDBBatchResponse | undefined;
        failedSequence = response?.batchItemFailures?.[0]?.itemIdentifier;
      } catch (error) {
        this.log.error(`stream consumer ${consumer.name} threw: ${(error as Error).message}`);
        failedSequence = matching[0]?.dynamodb?.SequenceNumber;
      }
      if (failedSequence) {
        const tries = (this.attempts.get(failedSequence) ?? 0) + 1;
        this.attempts.set(failedSequence, tries);
        if (tries < MAX_ATTEMPTS_PER_RECORD) {
          return records.findIndex((record) => record.dynamodb?.SequenceNumber === failedSequence);
        }
        this.log.error(
          `stream consumer ${consumer.name} gave up on record ${failedSequence} after ${tries} attempts`,
        );
      }
    }
    return records.length;
  }

  private async pollShard(shardId: string): Promise<void> {
    const iterator = await this.iteratorFor(shardId);
    if (!iterator) return;
    const { Records = [], NextShardIterator } = await this.client.send(
      new GetRecordsCommand({ ShardIterator: iterator, Limit: 100 }),
    );
    if (Records.length === 0) {
      this.iterators.set(shardId, NextShardIterator);
      return;
    }
    const delivered = await this.deliver(Records);
    const last = Records[delivered - 1]?.dynamodb?.SequenceNumber;
    if (last) this.saveCheckpoint(shardId, last);
    // After a partial failure, re-read from the checkpoint so the failed record comes again.
    if (delivered < Records.length) this.iterators.delete(shardId);
    else this.iterators.set(shardId, NextShardIterator);
  }

  /** One pass over every shard; exposed so tests can drain the stream deterministically. */
  async pollOnce(): Promise<void> {
    const { StreamDescription } = await this.client.send(
      new DescribeStreamCommand({ StreamArn: this.streamArn }),
    );
    for (const shard of StreamDescription?.Shards ?? []) {
      if (shard.ShardId) await this.pollShard(shard.ShardId);
    }
  }
}
