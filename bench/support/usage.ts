/**
 * What a business operation costs in billable AWS units, counted from the SDK calls it made in
 * this process (support/sdk-calls.ts): DynamoDB read and write units as DynamoDB Local reports
 * them (`ReturnConsumedCapacity: INDEXES`, table plus indexes), SQS requests, EventBridge events,
 * SES emails, and Lambda invocations as the local pollers made them. KMS requests are inferred:
 * in AWS, writing a new customer's data key is one GenerateDataKey and reading one from the table
 * (a per-instance cache miss) is one Decrypt; locally a raw AES key stands in for KMS.
 */
import { wiring } from '../../wiring/manifest';
import type { SdkCall } from './sdk-calls';

export interface Usage {
  /** API Gateway requests (and the Lambda invocations behind them). */
  apiRequests: number;
  dynamodbReadUnits: number;
  dynamodbWriteUnits: number;
  dynamodbRequests: number;
  /** SendMessage(Batch), ReceiveMessage that returned messages, DeleteMessage(Batch). */
  sqsRequests: number;
  /** Lambda invocations by queue pollers (event source mappings) and the stream. */
  consumerInvocations: number;
  eventBridgeEvents: number;
  sesEmails: number;
  kmsRequests: number;
  /** Items kept (no TTL within 30 days), with their index copies: what the table grows by. */
  storedKb: number;
}

export const NO_USAGE: Usage = {
  apiRequests: 0,
  dynamodbReadUnits: 0,
  dynamodbWriteUnits: 0,
  dynamodbRequests: 0,
  sqsRequests: 0,
  consumerInvocations: 0,
  eventBridgeEvents: 0,
  sesEmails: 0,
  kmsRequests: 0,
  storedKb: 0,
};

/** DynamoDB's item size, roughly: names and values in UTF-8, numbers by digits, 100 bytes more. */
const sizeOf = (value: unknown): number => {
  if (typeof value === 'string') return Buffer.byteLength(value);
  if (typeof value === 'number') return Math.ceil(String(value).length / 2) + 1;
  if (typeof value === 'boolean' || value === null || value === undefined) return 1;
  if (value instanceof Uint8Array) return value.byteLength;
  if (Array.isArray(value))
    return 3 + value.reduce<number>((sum, item) => sum + 1 + sizeOf(item), 0);
  if (value instanceof Set)
    return [...(value as Set<unknown>)].reduce<number>((sum, item) => sum + sizeOf(item), 0);
  return (
    3 +
    Object.entries(value as Record<string, unknown>).reduce(
      (sum, [name, item]) => sum + 1 + Buffer.byteLength(name) + sizeOf(item),
      0,
    )
  );
};

/** An item's size as DynamoDB bills it, roughly: attribute names and values, plus 100 bytes. */
export const itemBytes = (item: Record<string, unknown>): number =>
  Object.entries(item).reduce(
    (sum, [name, value]) => sum + Buffer.byteLength(name) + sizeOf(value),
    100,
  );

const MONTH_SECONDS = 30 * 86_400;

/** The items the calls put that stay (each counted once, last write wins), in bytes. */
const storedBytesOf = (calls: SdkCall[]): number => {
  const kept = new Map<string, number>();
  const now = Date.now() / 1000;
  const put = (item: Record<string, unknown> | undefined) => {
    if (!item) return;
    const key = `${String(item.pk)}|${String(item.sk)}`;
    if (typeof item.ttl === 'number' && item.ttl - now < MONTH_SECONDS) {
      kept.delete(key);
      return;
    }
    const indexes = Object.keys(item).filter((name) => /^gsi\d+pk$/.test(name)).length;
    kept.set(key, itemBytes(item) * (1 + indexes));
  };
  for (const call of calls) {
    if (call.service !== 'dynamodb' || call.failed) continue;
    const input = call.input as Record<string, unknown>;
    if (call.command === 'PutCommand') put(input.Item as Record<string, unknown>);
    if (call.command === 'TransactWriteCommand') {
      for (const entry of input.TransactItems as { Put?: { Item: Record<string, unknown> } }[]) {
        put(entry.Put?.Item);
      }
    }
    if (call.command === 'BatchWriteCommand') {
      for (const requests of Object.values(
        input.RequestItems as Record<string, { PutRequest?: { Item: Record<string, unknown> } }[]>,
      )) {
        for (const request of requests) put(request.PutRequest?.Item);
      }
    }
  }
  return [...kept.values()].reduce((sum, bytes) => sum + bytes, 0);
};

const isDataKeyRead = (call: SdkCall) =>
  call.command === 'GetCommand' &&
  (call.input.Key as { sk?: string } | undefined)?.sk === 'DATA_KEY';

const writesDataKey = (call: SdkCall) =>
  call.command === 'TransactWriteCommand' &&
  (call.input.TransactItems as { Put?: { Item?: { sk?: string } } }[]).some(
    (entry) => entry.Put?.Item?.sk === 'DATA_KEY',
  );

interface StreamRecord {
  eventName?: string;
  dynamodb?: { NewImage?: { entityType?: { S?: string } } };
}

/** Stream consumers invoked for one GetRecords answer: one per consumer with a matching record. */
const streamInvocations = (call: SdkCall): number => {
  const records = (call.output as { Records?: StreamRecord[] } | undefined)?.Records ?? [];
  if (records.length === 0) return 0;
  return wiring.streamConsumers.filter((consumer) =>
    records.some(
      (record) =>
        (consumer.changes as string[]).includes(record.eventName ?? '') &&
        consumer.entityTypes.includes(record.dynamodb?.NewImage?.entityType?.S ?? ''),
    ),
  ).length;
};

/** Sums what the calls cost; `apiRequests` is given, since calls cannot tell it. */
export const usageOf = (calls: SdkCall[], apiRequests = 0): Usage => {
  const usage = { ...NO_USAGE, apiRequests, storedKb: storedBytesOf(calls) / 1024 };
  for (const call of calls) {
    if (call.failed && call.service !== 'dynamodb') continue;
    switch (call.service) {
      case 'dynamodb':
        usage.dynamodbRequests++;
        usage.dynamodbReadUnits += call.capacity?.read ?? 0;
        usage.dynamodbWriteUnits += call.capacity?.write ?? 0;
        if (isDataKeyRead(call) || writesDataKey(call)) usage.kmsRequests++;
        break;
      case 'sqs':
        if (call.command === 'ReceiveMessageCommand') {
          if ((call.items ?? 0) > 0) {
            usage.sqsRequests++;
            usage.consumerInvocations++;
          }
        } else if (/^(SendMessage|DeleteMessage)/.test(call.command)) {
          usage.sqsRequests++;
        }
        break;
      case 'events':
        usage.eventBridgeEvents += call.items ?? 0;
        break;
      case 'ses':
        if (call.command === 'SendEmailCommand') usage.sesEmails++;
        break;
      case 'streams':
        if (call.command === 'GetRecordsCommand')
          usage.consumerInvocations += streamInvocations(call);
        break;
    }
  }
  return usage;
};

/** `usage` ÷ `count`, rounded for reading. */
export const perOperation = (usage: Usage, count: number): Usage =>
  Object.fromEntries(
    Object.entries(usage).map(([key, value]) => [
      key,
      Number((value / Math.max(1, count)).toFixed(3)),
    ]),
  ) as unknown as Usage;

const kindOf = (item: { pk?: unknown } | undefined) => String(item?.pk ?? '?').split('#')[0] ?? '?';

/** The items a write call touches, by the kind of their partition key (`AGG`, `CUSTOMER`, …). */
const writtenKinds = (call: SdkCall): string[] => {
  const input = call.input as Record<string, unknown>;
  switch (call.command) {
    case 'PutCommand':
      return [kindOf(input.Item as { pk?: unknown })];
    case 'UpdateCommand':
    case 'DeleteCommand':
      return [kindOf(input.Key as { pk?: unknown })];
    case 'TransactWriteCommand':
      return (
        input.TransactItems as Record<string, { Item?: { pk?: unknown }; Key?: { pk?: unknown } }>[]
      )
        .filter((entry) => !entry.ConditionCheck)
        .map((entry) => {
          const action = Object.values(entry)[0];
          return kindOf(action?.Item ?? action?.Key);
        });
    case 'BatchWriteCommand':
      return Object.values(
        input.RequestItems as Record<
          string,
          { PutRequest?: { Item: { pk?: unknown } }; DeleteRequest?: { Key: { pk?: unknown } } }[]
        >,
      ).flatMap((requests) =>
        requests.map((request) => kindOf(request.PutRequest?.Item ?? request.DeleteRequest?.Key)),
      );
    default:
      return [];
  }
};

/**
 * Where the DynamoDB units go: by source (a queue's consumer, or the gateway's handlers, stream
 * consumers and schedules, which share the untagged context), and item writes by item kind.
 */
export const breakdownOf = (calls: SdkCall[], count: number) => {
  const bySource: Record<string, { readUnits: number; writeUnits: number; requests: number }> = {};
  const itemWrites: Record<string, number> = {};
  for (const call of calls) {
    if (call.service !== 'dynamodb') continue;
    const source = call.tag?.startsWith('queue:') ? call.tag : 'api, stream and schedules';
    const entry = (bySource[source] ??= { readUnits: 0, writeUnits: 0, requests: 0 });
    entry.readUnits += (call.capacity?.read ?? 0) / count;
    entry.writeUnits += (call.capacity?.write ?? 0) / count;
    entry.requests += 1 / count;
    if (!call.failed) {
      for (const kind of writtenKinds(call)) itemWrites[kind] = (itemWrites[kind] ?? 0) + 1 / count;
    }
  }
  const rounded = (value: number) => Number(value.toFixed(2));
  return {
    bySource: Object.fromEntries(
      Object.entries(bySource).map(([source, entry]) => [
        source,
        {
          readUnits: rounded(entry.readUnits),
          writeUnits: rounded(entry.writeUnits),
          requests: rounded(entry.requests),
        },
      ]),
    ),
    itemWritesByKind: Object.fromEntries(
      Object.entries(itemWrites)
        .sort((a, b) => b[1] - a[1])
        .map(([kind, writes]) => [kind, rounded(writes)]),
    ),
  };
};

export const scaleUsage = (usage: Usage, factor: number): Usage =>
  Object.fromEntries(
    Object.entries(usage).map(([key, value]) => [key, (value as number) * factor]),
  ) as unknown as Usage;

export const addUsage = (a: Usage, b: Usage): Usage =>
  Object.fromEntries(
    Object.entries(a).map(([key, value]) => [
      key,
      (value as number) + (b[key as keyof Usage] as number),
    ]),
  ) as unknown as Usage;
