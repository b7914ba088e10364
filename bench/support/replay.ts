/**
 * "The bare calls a request must make": one request is run straight through its handler (the
 * gateway's event, the same handler module the gateway invokes) under a tag, its DynamoDB and SQS
 * calls are recorded with their timing, and the benchmark can then send the same calls again —
 * in the same order, overlapping where the handler overlapped them — with the same document
 * client, without any of Kefu's code around them.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import * as lib from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { decodeJwt } from 'jose';
import { matchRoute, toApiGatewayEvent } from '../../infra/local/gateway-event';
import { invoke } from '../../infra/local/lambda-runtime';
import { wiring } from '../../wiring/manifest';
import { documentClient } from '../../shared/adapters/dynamodb/document-client';
import { recordCalls, type SdkCall, tagged } from './sdk-calls';

export interface DirectRequest {
  method: string;
  path: string;
  token: string;
  body?: unknown;
}

/** The claims as API Gateway's JWT authorizer hands them to Lambda (strings; arrays bracketed). */
const authorizerOf = (token: string) => {
  const claims = decodeJwt(token);
  const stringClaims = Object.fromEntries(
    Object.entries(claims).map(([name, value]) => [
      name,
      Array.isArray(value) ? `[${value.join(' ')}]` : String(value),
    ]),
  );
  const scopes = typeof claims.scope === 'string' ? claims.scope.split(' ') : [];
  return { claims: stringClaims, scopes };
};

/** Invokes the route's handler with the event the gateway would build (the token is trusted). */
export const invokeDirect = async (
  request: DirectRequest,
): Promise<APIGatewayProxyStructuredResultV2> => {
  const url = new URL(request.path, 'http://localhost');
  const matched = matchRoute(wiring.routes, request.method, url.pathname);
  if (!matched) throw new Error(`no route for ${request.method} ${url.pathname}`);
  const body =
    request.body === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(request.body));
  const incoming = {
    headers: {
      host: 'localhost',
      authorization: `Bearer ${request.token}`,
      ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    httpVersion: '1.1',
    socket: { remoteAddress: '127.0.0.1' },
  } as unknown as IncomingMessage;
  const event = toApiGatewayEvent(incoming, url, body, matched, authorizerOf(request.token));
  return (await invoke(matched.route.handler, event)) as APIGatewayProxyStructuredResultV2;
};

/** Calls that ran one after another form waves; calls that overlapped share one. */
export type Waves = SdkCall[][];

export const wavesOf = (calls: SdkCall[]): Waves => {
  const waves: Waves = [];
  let current: SdkCall[] = [];
  let currentEnd = -Infinity;
  for (const call of [...calls].sort((a, b) => a.startedAt - b.startedAt)) {
    if (current.length > 0 && call.startedAt >= currentEnd) {
      waves.push(current);
      current = [];
      currentEnd = -Infinity;
    }
    current.push(call);
    currentEnd = Math.max(currentEnd, call.endedAt);
  }
  if (current.length > 0) waves.push(current);
  return waves;
};

/** One request straight through its handler, with the item-level calls it made. */
export const probe = async (
  request: DirectRequest,
): Promise<{ status: number; body: unknown; calls: SdkCall[] }> => {
  const tag = `probe-${randomUUID()}`;
  const stop = recordCalls(
    (call) => call.tag === tag && (call.service === 'dynamodb' || call.service === 'sqs'),
  );
  let result: APIGatewayProxyStructuredResultV2;
  try {
    result = await tagged(tag, () => invokeDirect(request));
  } catch (error) {
    stop();
    throw error;
  }
  const calls = stop();
  return {
    status: result.statusCode ?? 200,
    body: result.body ? (JSON.parse(result.body) as unknown) : undefined,
    calls,
  };
};

type Item = Record<string, unknown> & { pk?: string; entityType?: string };

let replays = 0;

/**
 * A new item where the original created one (no condition, or `attribute_not_exists`): the same
 * attributes under a fresh key, so the condition holds again; `entityType` gets a `Bench` prefix
 * so the stream consumers' filters pass it by, as they would pass by nothing the request wrote.
 */
const freshItem = (item: Item, condition: unknown): Item => {
  if (condition !== undefined && !String(condition).includes('attribute_not_exists')) return item;
  return {
    ...item,
    pk: `${item.pk ?? ''}#replay-${++replays}`,
    ...(item.entityType ? { entityType: `Bench${item.entityType}` } : {}),
  };
};

const rewriteInput = (command: string, original: Record<string, unknown>) => {
  const input = structuredClone(original);
  delete input.ReturnConsumedCapacity;
  if (command === 'PutCommand') {
    input.Item = freshItem(input.Item as Item, input.ConditionExpression);
  }
  if (command === 'TransactWriteCommand') {
    for (const entry of input.TransactItems as { Put?: Record<string, unknown> }[]) {
      if (entry.Put)
        entry.Put.Item = freshItem(entry.Put.Item as Item, entry.Put.ConditionExpression);
    }
  }
  if (command === 'BatchWriteCommand') {
    for (const requests of Object.values(
      input.RequestItems as Record<string, { PutRequest?: { Item: Item } }[]>,
    )) {
      for (const request of requests) {
        if (request.PutRequest)
          request.PutRequest.Item = freshItem(request.PutRequest.Item, undefined);
      }
    }
  }
  return input;
};

type CommandClass = new (input: Record<string, unknown>) => unknown;

const commandClass = (call: SdkCall): CommandClass => {
  const found = (lib as unknown as Record<string, unknown>)[call.command];
  if (call.service !== 'dynamodb' || typeof found !== 'function') {
    throw new Error(`cannot replay ${call.service} ${call.command}`);
  }
  return found as CommandClass;
};

/** Sends the recorded calls again, wave after wave, with the product's document client. */
export const replayer = (waves: Waves) => {
  const plan = waves.map((wave) => wave.map((call) => ({ call, Command: commandClass(call) })));
  return async (): Promise<void> => {
    for (const wave of plan) {
      await Promise.all(
        wave.map(({ call, Command }) =>
          documentClient().send(
            new Command(rewriteInput(call.command, call.input)) as lib.GetCommand,
          ),
        ),
      );
    }
  };
};

/** `GetCommand ×2 → TransactWriteCommand → BatchWriteCommand`: a wave plan, readable. */
export const describeWaves = (waves: Waves): string =>
  waves
    .map((wave) => {
      const counts = new Map<string, number>();
      for (const call of wave) {
        const name = call.command.replace(/Command$/, '');
        counts.set(name, (counts.get(name) ?? 0) + 1);
      }
      const parts = [...counts].map(([name, count]) => (count > 1 ? `${name}×${count}` : name));
      return parts.length > 1 ? `(${parts.join(' ∥ ')})` : (parts[0] ?? '');
    })
    .join(' → ');
