import { loadStageConfig } from '../../infra/stack/stage-config';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startLocalStack } from '../../infra/local/local-stack';
import { mintLocalToken } from '../../infra/local/local-auth';
import { freeStackPorts } from '../../infra/local/ports';
import { DEFAULT_SURVEY_SETTINGS } from '../../shared/domain/surveys/settings';

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

/**
 * Test files move the shared clock by weeks; should it cross 10:00 on a quarter's first working
 * day, the quarterly campaign would survey every customer of every file at once. Tests run the
 * quarterly schedule themselves, switched on.
 */
const withoutQuarterlyCampaigns = async (api: string, dataDir: string) => {
  const token = await mintLocalToken(dataDir, { scopes: ['admin'] });
  const response = await fetch(`${api}/survey-settings`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ ...DEFAULT_SURVEY_SETTINGS, quarterlyCampaign: false }),
  });
  if (response.status !== 200)
    throw new Error(`cannot set survey settings: ${await response.text()}`);
};

/** Starts the real local stack (DynamoDB Local, fauxqs, SES emulator, gateway) on free ports. */
export default async function setup(project: TestProject) {
  process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';
  // Every test calls from 127.0.0.1, and several open forged survey links on purpose; the limit
  // itself is tested per address in test/integration/survey-link-guessing.test.ts.
  process.env.SURVEY_LINK_GUESS_LIMIT ??= '1000000';
  // Test tokens share one client id; the per-client limit is tested in client-rate-limit.test.ts.
  process.env.INTEGRATOR_REQUESTS_PER_MINUTE ??= '1000000';
  const dataDir = mkdtempSync(join(tmpdir(), 'kefu-test-'));
  const stack = await startLocalStack({
    callers: loadStageConfig('local-tests'),
    dataDir,
    ports: await freeStackPorts(),
    log: { error: (message) => console.error(`[local stack] ${message}`) },
  });
  await withoutQuarterlyCampaigns(stack.urls.api, dataDir);
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
