import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import { logsWithContext } from '../../shared/adapters/logger';
import { functionName } from '../../wiring/manifest';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- handlers of every trigger type
type AnyHandler = (event: any, context: Context) => Promise<unknown>;

const REPO_ROOT = resolve(import.meta.dirname, '../..');
const loaded = new Map<string, Promise<AnyHandler>>();

const load = (handlerPath: string): Promise<AnyHandler> => {
  let handler = loaded.get(handlerPath);
  if (!handler) {
    handler = import(pathToFileURL(resolve(REPO_ROOT, handlerPath)).href).then(
      (module: { handler?: AnyHandler }) => {
        if (typeof module.handler !== 'function') {
          throw new Error(`${handlerPath} does not export a handler`);
        }
        // On Lambda its log lines would lack the request id and cold start: refuse it here.
        if (!logsWithContext(module.handler)) {
          throw new Error(
            `${handlerPath} does not log with its Lambda context: build it with withLogContext ` +
              '(shared/adapters/logger.ts) or a wrapper that uses it',
          );
        }
        return module.handler;
      },
    );
    loaded.set(handlerPath, handler);
  }
  return handler;
};

const TIMEOUT_MS = 30_000;

const contextFor = (handlerPath: string): Context => {
  const started = Date.now();
  const name = functionName(handlerPath);
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: name,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${name}`,
    memoryLimitInMB: '1024',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${name}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, TIMEOUT_MS - (Date.now() - started)),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
};

/** Invokes a handler file the way Lambda would: same module kept warm, a fresh context each call. */
export const invoke = async (handlerPath: string, event: unknown): Promise<unknown> =>
  (await load(handlerPath))(event, contextFor(handlerPath));

/** Imports every handler up front so a broken one fails `npm start`, not the first request. */
export const preload = (handlerPaths: string[]): Promise<unknown> =>
  Promise.all([...new Set(handlerPaths)].map(load));
