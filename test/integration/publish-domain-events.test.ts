import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { invoke } from '../../infra/local/lambda-runtime';
import { LOCAL_CREDENTIALS, LOCAL_NAMES, LOCAL_REGION } from '../../infra/local/local-env';
import { api, stack } from '../support/harness';

const HANDLER = 'functions/events/publish-domain-events.ts';
const sample = JSON.parse(
  readFileSync(
    resolve(import.meta.dirname, '../../events/samples/table-stream-outbox-insert.json'),
    'utf8',
  ),
) as DynamoDBStreamEvent;

let counter = 0;
/** A stream record of a fresh outbox item, based on the shipped sample. */
const outboxRecord = (
  overrides: { type?: string; customerId?: string; detail?: object } = {},
): DynamoDBRecord => {
  counter += 1;
  const record = structuredClone(sample.Records[0]!);
  const suffix = String(Date.now() * 1000 + counter)
    .padStart(16, '0')
    .slice(-16);
  const eventId = `01JC${'0'.repeat(6)}${suffix}`.replace(/[ILOU]/g, '0');
  const customerId = overrides.customerId ?? `01JD${'0'.repeat(6)}${suffix}`;
  const event = record.dynamodb!.NewImage!.event!.M!;
  event.id = { S: eventId };
  if (overrides.type) event.type = { S: overrides.type };
  event.detail = {
    M: { customerId: { S: customerId }, version: { N: '1' }, ...(overrides.detail ?? {}) },
  };
  record.dynamodb!.SequenceNumber = String(100_000 + counter);
  return record;
};

const published = async (customerId: string) => {
  const { body } = await api<{
    items: { 'detail-type': string; detail: { eventId: string; data: { customerId: string } } }[];
  }>('/_local/events');
  return body.items.filter((event) => event.detail.data.customerId === customerId);
};

beforeAll(() => {
  Object.assign(process.env, {
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL_EVENTBRIDGE: stack.urls.events,
    EVENT_BUS_NAME: LOCAL_NAMES.eventBus,
    POWERTOOLS_LOG_LEVEL: 'CRITICAL',
  });
});

describe('publish-domain-events (stream consumer)', () => {
  it('publishes an outbox insert with its stable event id', async () => {
    const record = outboxRecord();
    const customerId = record.dynamodb!.NewImage!.event!.M!.detail!.M!.customerId!.S!;
    const response = (await invoke(HANDLER, { Records: [record] })) as DynamoDBBatchResponse;
    expect(response.batchItemFailures).toEqual([]);
    const events = await published(customerId);
    expect(events).toHaveLength(1);
    expect(events[0]?.detail.eventId).toBe(record.dynamodb!.NewImage!.event!.M!.id!.S);
  });

  it('republishes a redelivered record with the same event id, so consumers can drop the copy', async () => {
    const record = outboxRecord();
    const customerId = record.dynamodb!.NewImage!.event!.M!.detail!.M!.customerId!.S!;
    await invoke(HANDLER, { Records: [record, record] });
    await invoke(HANDLER, { Records: [record] });
    const events = await published(customerId);
    expect(events).toHaveLength(3);
    expect(new Set(events.map((event) => event.detail.eventId)).size).toBe(1);
  });

  it('publishes out-of-order batches as given, each event keeping its own occurredAt', async () => {
    const first = outboxRecord();
    const second = outboxRecord({
      customerId: first.dynamodb!.NewImage!.event!.M!.detail!.M!.customerId!.S!,
    });
    second.dynamodb!.NewImage!.event!.M!.occurredAt = { S: '2026-10-01T00:00:00.000Z' };
    const response = (await invoke(HANDLER, { Records: [first, second] })) as DynamoDBBatchResponse;
    expect(response.batchItemFailures).toEqual([]);
    expect(
      await published(first.dynamodb!.NewImage!.event!.M!.detail!.M!.customerId!.S!),
    ).toHaveLength(2);
  });

  it('skips malformed, uncatalogued and non-insert records without blocking the stream', async () => {
    const malformed = outboxRecord();
    delete malformed.dynamodb!.NewImage!.event;
    const unknownType = outboxRecord({ type: 'CustomerTeleported' });
    const badDetail = outboxRecord({ detail: { email: { S: 'leak@example.com' } } });
    const modify = { ...outboxRecord(), eventName: 'MODIFY' as const };
    const good = outboxRecord();
    const response = (await invoke(HANDLER, {
      Records: [malformed, unknownType, badDetail, modify, good],
    })) as DynamoDBBatchResponse;
    expect(response.batchItemFailures).toEqual([]);
    expect(
      await published(unknownType.dynamodb!.NewImage!.event!.M!.detail!.M!.customerId!.S!),
    ).toHaveLength(0);
    expect(
      await published(badDetail.dynamodb!.NewImage!.event!.M!.detail!.M!.customerId!.S!),
    ).toHaveLength(0);
    expect(
      await published(good.dynamodb!.NewImage!.event!.M!.detail!.M!.customerId!.S!),
    ).toHaveLength(1);
  });

  it('fails the whole batch while the bus is down, so the stream retries it', async () => {
    vi.resetModules();
    process.env.AWS_ENDPOINT_URL_EVENTBRIDGE = 'http://127.0.0.1:9';
    const records = [outboxRecord(), outboxRecord()];
    try {
      const { handler } = (await import('../../functions/events/publish-domain-events')) as {
        handler: (event: DynamoDBStreamEvent, context: never) => Promise<DynamoDBBatchResponse>;
      };
      const context = { getRemainingTimeInMillis: () => 10_000 } as never;
      await expect(handler({ Records: records }, context)).rejects.toThrow(/All records failed/);
    } finally {
      process.env.AWS_ENDPOINT_URL_EVENTBRIDGE = stack.urls.events;
    }
    const retried = (await invoke(HANDLER, { Records: records })) as DynamoDBBatchResponse;
    expect(retried.batchItemFailures).toEqual([]);
    for (const record of records) {
      expect(
        await published(record.dynamodb!.NewImage!.event!.M!.detail!.M!.customerId!.S!),
      ).toHaveLength(1);
    }
  });
});
