/**
 * Sees every AWS SDK call made in this process — by the handlers the local stack runs in
 * process, by its pollers and by the bench itself — by wrapping `send` of each client class the
 * product uses. Calls are recorded only while someone listens, with the async context's tag, so
 * a benchmark can tell its own calls (tagged) from the handlers' and pick out the calls of one
 * invocation it made under a tag.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export type Service = 'dynamodb' | 'streams' | 'sqs' | 'ses' | 'events';

export interface ConsumedCapacity {
  read: number;
  write: number;
}

export interface SdkCall {
  service: Service;
  /** The command's class name: `GetCommand`, `TransactWriteCommand`, `SendMessageBatchCommand`. */
  command: string;
  /** The command's input (the object the SDK was given; not copied). */
  input: Record<string, unknown>;
  tag: string | undefined;
  startedAt: number;
  endedAt: number;
  failed: boolean;
  /** From `ConsumedCapacity` of the answer, when capacity reporting is on. */
  capacity?: ConsumedCapacity;
  /** Messages received (ReceiveMessage), entries sent (batches, PutEvents). */
  items?: number;
  /** The answer, for the few calls whose output a benchmark reads (stream records). */
  output?: unknown;
}

const context = new AsyncLocalStorage<string>();
const listeners = new Set<(call: SdkCall) => void>();
let reportCapacity = false;
type Intercept = (call: {
  command: string;
  input: Record<string, unknown>;
  tag: string | undefined;
}) => Promise<unknown> | undefined;
let intercept: Intercept | undefined;

/** Runs `work` with its SDK calls (and those of everything it awaits) tagged. */
export const tagged = <T>(tag: string, work: () => Promise<T>): Promise<T> =>
  context.run(tag, work);

/** The tag of the running async context, if any. */
export const currentTag = (): string | undefined => context.getStore();

/**
 * Asks DynamoDB for `ConsumedCapacity` (table and indexes) on every call that can return it, while
 * recording. DynamoDB Local computes it by DynamoDB's rules: 4 KB read units (halved for
 * eventually consistent reads), 1 KB write units, index writes, transactions doubled.
 */
export const reportConsumedCapacity = (on: boolean): void => {
  reportCapacity = on;
};

/**
 * Lets a benchmark answer some calls itself (say, to write seeded items in batches): `fn` returns
 * the answer's promise for a call it takes over, undefined for calls the SDK should send.
 */
export const interceptCalls = (fn: Intercept | undefined): void => {
  intercept = fn;
};

/**
 * Records calls until the returned function is called; it returns what was recorded (also
 * readable meanwhile as its `calls`).
 */
export const recordCalls = (filter: (call: SdkCall) => boolean = () => true) => {
  const calls: SdkCall[] = [];
  const listener = (call: SdkCall) => {
    if (filter(call)) calls.push(call);
  };
  listeners.add(listener);
  return Object.assign(
    (): SdkCall[] => {
      listeners.delete(listener);
      return calls;
    },
    { calls },
  );
};

const CAPACITY_COMMANDS = new Set([
  'GetCommand',
  'PutCommand',
  'UpdateCommand',
  'DeleteCommand',
  'QueryCommand',
  'BatchGetCommand',
  'BatchWriteCommand',
  'TransactWriteCommand',
  'TransactGetCommand',
  'GetItemCommand',
  'PutItemCommand',
  'UpdateItemCommand',
  'DeleteItemCommand',
  'BatchGetItemCommand',
  'BatchWriteItemCommand',
  'TransactWriteItemsCommand',
  'TransactGetItemsCommand',
]);

interface CapacityEntry {
  CapacityUnits?: number;
  ReadCapacityUnits?: number;
  WriteCapacityUnits?: number;
}

const capacityOf = (command: string, output: unknown): ConsumedCapacity | undefined => {
  const consumed = (output as { ConsumedCapacity?: CapacityEntry | CapacityEntry[] } | undefined)
    ?.ConsumedCapacity;
  if (!consumed) return undefined;
  const entries = Array.isArray(consumed) ? consumed : [consumed];
  let read = 0;
  let write = 0;
  for (const entry of entries) {
    if (entry.ReadCapacityUnits !== undefined || entry.WriteCapacityUnits !== undefined) {
      read += entry.ReadCapacityUnits ?? 0;
      write += entry.WriteCapacityUnits ?? 0;
    } else if (/Get|Query|Scan/.test(command)) {
      read += entry.CapacityUnits ?? 0;
    } else {
      write += entry.CapacityUnits ?? 0;
    }
  }
  return { read, write };
};

const itemsOf = (command: string, input: Record<string, unknown>, output: unknown) => {
  if (command === 'ReceiveMessageCommand') {
    return ((output as { Messages?: unknown[] } | undefined)?.Messages ?? []).length;
  }
  const entries = (input as { Entries?: unknown[] }).Entries;
  if (Array.isArray(entries)) return entries.length;
  return undefined;
};

type Send = (this: unknown, command: unknown, ...rest: unknown[]) => Promise<unknown>;

const wrap = (service: Service, prototype: { send: unknown }) => {
  const original = prototype.send as Send;
  prototype.send = async function (this: unknown, command: unknown, ...rest: unknown[]) {
    const name = (command as { constructor: { name: string } }).constructor.name;
    const input = ((command as { input?: Record<string, unknown> }).input ?? {}) as Record<
      string,
      unknown
    >;
    const tag = context.getStore();
    const answer = intercept?.({ command: name, input, tag });
    if (answer) return answer;
    if (listeners.size === 0) return original.call(this, command, ...rest);
    if (service === 'dynamodb' && reportCapacity && CAPACITY_COMMANDS.has(name)) {
      input.ReturnConsumedCapacity ??= 'INDEXES';
    }
    const startedAt = performance.now();
    let failed = false;
    let output: unknown;
    try {
      output = await original.call(this, command, ...rest);
      return output;
    } catch (error) {
      failed = true;
      throw error;
    } finally {
      const call: SdkCall = {
        service,
        command: name,
        input,
        tag,
        startedAt,
        endedAt: performance.now(),
        failed,
      };
      const capacity = capacityOf(name, output);
      if (capacity) call.capacity = capacity;
      const items = itemsOf(name, input, output);
      if (items !== undefined) call.items = items;
      if (service === 'streams' && name === 'GetRecordsCommand') call.output = output;
      for (const listener of listeners) listener(call);
    }
  };
};

let installed = false;

/** Wraps the clients once per process; call before the local stack starts. */
export const installSdkRecorder = (): void => {
  if (installed) return;
  installed = true;
  wrap('dynamodb', DynamoDBClient.prototype);
  wrap('dynamodb', DynamoDBDocumentClient.prototype);
  wrap('streams', DynamoDBStreamsClient.prototype);
  wrap('sqs', SQSClient.prototype);
  wrap('ses', SESv2Client.prototype);
  wrap('events', EventBridgeClient.prototype);
};
