import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startLocalStack } from '../../infra/local/local-stack';
import { freePort } from '../../infra/local/ports';

declare module 'vitest' {
  export interface ProvidedContext {
    stack: {
      dataDir: string;
      urls: { api: string; dynamodb: string; sqs: string; ses: string; events: string };
      tableName: string;
      idempotencyTableName: string;
      queueUrls: Record<string, string>;
    };
  }
}

/** Starts the real local stack (DynamoDB Local, fauxqs, SES emulator, gateway) on free ports. */
export default async function setup(project: TestProject) {
  process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';
  const dataDir = mkdtempSync(join(tmpdir(), 'kefu-test-'));
  const stack = await startLocalStack({
    dataDir,
    ports: {
      api: await freePort(),
      dynamodb: await freePort(),
      sqs: await freePort(),
      ses: await freePort(),
      events: await freePort(),
    },
    log: { error: (message) => console.error(`[local stack] ${message}`) },
  });
  project.provide('stack', {
    dataDir,
    urls: stack.urls,
    tableName: stack.names.table,
    idempotencyTableName: stack.names.idempotencyTable,
    queueUrls: Object.fromEntries(stack.queueUrls),
  });
  return async () => {
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
