/**
 * Customers made fast, but as the app makes them: each goes through the customer service and
 * `DynamoCustomerRepository.create` (personal fields sealed under a new data key of its own,
 * wrapped by the local master key; email blind-indexed into its guard). Only the transport
 * differs: the repository's transaction is taken over (see `interceptCalls`) and its items are
 * written with BatchWriteItem, 25 at a time, without the `CustomerCreated` outbox item — nothing
 * consumes that event, and DynamoDB Local runs transactions one at a time, which would make
 * 20 000 customers take many minutes. Every customer key is a fresh ULID and every email unique,
 * so the transaction's conditions would have held.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DynamoDBClient, PutItemCommand, UpdateTableCommand } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { startDynamoDbLocal } from '../../infra/local/dynamodb-local';
import { LOCAL_CREDENTIALS, LOCAL_NAMES, LOCAL_REGION } from '../../infra/local/local-env';
import { localKeyFiles } from '../../infra/local/local-keys';
import { freePort } from '../../infra/local/ports';
import { customerKeys } from '../../shared/adapters/privacy/customer-keys';
import { documentClient, tableName } from '../../shared/adapters/dynamodb/document-client';
import { DynamoCustomerRepository } from '../../shared/adapters/dynamodb/customer-repository';
import { systemClock } from '../../shared/adapters/clock';
import { ulidIds } from '../../shared/adapters/ulid-ids';
import { registerCustomer } from '../../shared/services/customers/customer-service';
import type { NewCustomer } from '../../shared/domain/customers/customer';
import { benchDataRoot } from './results';
import { installSdkRecorder, interceptCalls, tagged } from './sdk-calls';
import { inParallel } from './stack';

const SEED_TAG = 'seed';
const BATCH = 25;

interface Pending {
  items: Record<string, unknown>[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

const writeBatch = async (requests: { PutRequest: { Item: Record<string, unknown> } }[]) => {
  const table = tableName();
  let left: typeof requests = requests;
  for (let attempt = 0; left.length > 0; attempt++) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 20 * attempt));
    const { UnprocessedItems } = await documentClient().send(
      new BatchWriteCommand({ RequestItems: { [table]: left } }),
    );
    left = (UnprocessedItems?.[table] ?? []) as typeof requests;
    if (attempt > 20) throw new Error('seeding: BatchWriteItem keeps leaving items unprocessed');
  }
};

/**
 * Creates one customer per input; returns their ids in order. `concurrency` customers are made at
 * a time (the data-key wrapping is CPU work; the writes are batched across them).
 */
export const seedCustomers = async (
  inputs: NewCustomer[],
  options: { concurrency?: number; writers?: number; onProgress?: (done: number) => void } = {},
): Promise<string[]> => {
  const queue: Pending[] = [];
  let writers = 0;
  const queued = () => queue.reduce((sum, pending) => sum + pending.items.length, 0);
  /** Takes up to 25 items' worth of waiting customers and writes them; up to `writers` at once. */
  const flush = async () => {
    if (writers >= (options.writers ?? 4)) return;
    writers++;
    try {
      while (queue.length > 0) {
        const batch: Pending[] = [];
        let size = 0;
        while (queue.length > 0 && size + (queue[0]?.items.length ?? 0) <= BATCH) {
          const next = queue.shift() as Pending;
          batch.push(next);
          size += next.items.length;
        }
        if (batch.length === 0) batch.push(queue.shift() as Pending);
        try {
          await writeBatch(
            batch.flatMap((pending) => pending.items.map((Item) => ({ PutRequest: { Item } }))),
          );
          for (const pending of batch) pending.resolve();
        } catch (error) {
          for (const pending of batch) pending.reject(error);
        }
      }
    } finally {
      writers--;
    }
  };
  interceptCalls(({ command, input, tag }) => {
    if (tag !== SEED_TAG || command !== 'TransactWriteCommand') return undefined;
    const items = (input.TransactItems as { Put?: { Item: Record<string, unknown> } }[])
      .flatMap((entry) => (entry.Put ? [entry.Put.Item] : []))
      .filter((item) => item.entityType !== 'OutboxEvent');
    return new Promise<unknown>((resolve, reject) => {
      queue.push({ items, resolve: () => resolve({}), reject });
      if (queued() >= BATCH) void flush();
      else setImmediate(() => void flush());
    });
  });
  const deps = { customers: new DynamoCustomerRepository(), clock: systemClock, ids: ulidIds };
  const ids: string[] = new Array<string>(inputs.length);
  let done = 0;
  try {
    await tagged(SEED_TAG, () =>
      inParallel(inputs, options.concurrency ?? 16, async (input, index) => {
        const customer = await registerCustomer(deps, input);
        ids[index] = customer.id;
        // As a fresh Lambda instance would: the key is read from the table on first use.
        customerKeys.forget(customer.id);
        if (++done % 1000 === 0) options.onProgress?.(done);
      }),
    );
  } finally {
    interceptCalls(undefined);
  }
  return ids;
};

/**
 * Many customers before the local stack starts, as a bulk import would load them: DynamoDB Local
 * alone on the stack's future data folder and port, the table's stream switched off while the
 * customers are written (DynamoDB's import from S3 emits no stream records either) and on again
 * after — a new, empty stream, so the stack's stream poller does not spend minutes reading past
 * records no stream consumer takes (no filter matches customers). Start the stack with the
 * returned `dataDir` and `dynamodbPort`.
 */
export const bulkLoadCustomers = async (
  inputs: NewCustomer[],
  options: { onProgress?: (done: number) => void } = {},
): Promise<{ dataDir: string; dynamodbPort: number; ids: string[] }> => {
  installSdkRecorder();
  const dataDir = mkdtempSync(join(benchDataRoot(), 'kefu-bench-'));
  const dynamodbPort = await freePort();
  const dynamo = await startDynamoDbLocal({
    port: dynamodbPort,
    dataDir: join(dataDir, 'dynamodb'),
    tableName: LOCAL_NAMES.table,
    idempotencyTableName: LOCAL_NAMES.idempotencyTable,
  });
  Object.assign(process.env, {
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    TABLE_NAME: LOCAL_NAMES.table,
    ...localKeyFiles(dataDir),
  });
  const admin = new DynamoDBClient({
    endpoint: dynamo.endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
  });
  const stream = (enabled: boolean) =>
    admin.send(
      new UpdateTableCommand({
        TableName: LOCAL_NAMES.table,
        StreamSpecification: enabled
          ? { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' }
          : { StreamEnabled: false },
      }),
    );
  let loaded = false;
  try {
    await stream(false);
    const ids = await seedCustomers(inputs, { concurrency: 64, writers: 8, ...options });
    await stream(true);
    // DynamoDB Local numbers stream records from the highest one it holds when it starts: with
    // the new stream empty it would restart at 1, below the new shard's first sequence number,
    // and the stack's poller would never see a record. One record in the stream prevents that.
    await admin.send(
      new PutItemCommand({
        TableName: LOCAL_NAMES.table,
        Item: {
          pk: { S: 'BENCH#bulk-load' },
          sk: { S: 'MARKER' },
          entityType: { S: 'BenchMarker' },
          customers: { N: String(ids.length) },
        },
      }),
    );
    loaded = true;
    return { dataDir, dynamodbPort, ids };
  } finally {
    admin.destroy();
    await dynamo.stop();
    if (!loaded) rmSync(dataDir, { recursive: true, force: true });
  }
};
