/**
 * The local stack as a benchmark uses it: started on free ports in a throw-away data folder,
 * with the SDK recorder installed first, tokens minted with the local key, and a small API client.
 */
import { loadStageConfig } from '../../infra/stack/stage-config';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { mintLocalToken, type TokenRequest } from '../../infra/local/local-auth';
import { type LocalStack, startLocalStack } from '../../infra/local/local-stack';
import { freePort } from '../../infra/local/ports';
import type { WiringManifest } from '../../wiring/manifest';
import type { NewCustomer } from '../../shared/domain/customers/customer';
import { DEPARTMENT_IDS } from '../../shared/domain/organization/departments';
import { DEFAULT_SURVEY_SETTINGS } from '../../shared/domain/surveys/settings';
import { benchDataRoot } from './results';
import { installSdkRecorder, tagged } from './sdk-calls';

export interface BenchStack {
  stack: LocalStack;
  dataDir: string;
  api: string;
  token(request: TokenRequest): Promise<string>;
  /** JSON in, JSON out; throws on an unexpected status. */
  call<T = Record<string, unknown>>(
    method: string,
    path: string,
    token: string,
    body?: unknown,
    expect?: number[],
  ): Promise<T>;
  stop(): Promise<void>;
}

/**
 * Starts the stack. Handlers log at ERROR (as the integration tests run them): the benchmarks
 * measure the work, not a terminal scrolling JSON lines. The per-client and link-guess limits are
 * lifted, since all load comes from one client id and one address.
 */
export const startBenchStack = async (
  options: { manifest?: WiringManifest; dataDir?: string; dynamodbPort?: number } = {},
): Promise<BenchStack> => {
  process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';
  process.env.INTEGRATOR_REQUESTS_PER_MINUTE ??= '1000000000';
  process.env.SURVEY_LINK_GUESS_LIMIT ??= '1000000000';
  installSdkRecorder();
  const dataDir = options.dataDir ?? mkdtempSync(join(benchDataRoot(), 'kefu-bench-'));
  let stack: LocalStack;
  try {
    stack = await startLocalStack({
      callers: loadStageConfig('local-tests'),
      dataDir,
      ports: {
        api: await freePort(),
        dynamodb: options.dynamodbPort ?? (await freePort()),
        sqs: await freePort(),
        ses: await freePort(),
        events: await freePort(),
      },
      ...(options.manifest ? { manifest: options.manifest } : {}),
      log: { error: (message) => console.error(`  [local stack] ${message}`) },
    });
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  // Each queue poller runs under a tag of its own, so that the calls its consumer makes can be
  // told apart (untagged calls are the gateway's handlers, the stream consumers and schedules).
  await Promise.all([...stack.queuePollers.keys()].map((queue) => restartPoller(stack, queue)));
  const api = stack.urls.api;
  const call = async <T>(
    method: string,
    path: string,
    token: string,
    body?: unknown,
    expect: number[] = [200, 201, 202],
  ): Promise<T> => {
    const response = await fetch(`${api}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!expect.includes(response.status)) {
      throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 300)}`);
    }
    return (text ? JSON.parse(text) : undefined) as T;
  };
  return {
    stack,
    dataDir,
    api,
    token: (request) => mintLocalToken(dataDir, request),
    call,
    stop: async () => {
      await stack.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
};

/** The tag of a queue consumer's calls. */
export const pollerTag = (queue: string) => `queue:${queue}`;

/** Calls made by Kefu's handlers (any consumer, the gateway's, the stream's), not the bench. */
export const isSystemCall = (call: { tag: string | undefined }) =>
  call.tag === undefined || call.tag.startsWith('queue:');

/** (Re)starts a queue poller with its calls tagged `queue:<name>`. */
export const restartPoller = async (stack: LocalStack, queue: string): Promise<void> => {
  const poller = stack.queuePollers.get(queue);
  if (!poller) throw new Error(`no poller for ${queue}`);
  await poller.stop();
  await tagged(pollerTag(queue), async () => poller.start());
};

/** Every department configured, with `perDepartment` agents on duty; quarterly campaigns off. */
export const configureOrganization = async (bench: BenchStack, perDepartment = 2) => {
  const admin = await bench.token({ scopes: ['admin'], role: 'admin' });
  for (const department of DEPARTMENT_IDS) {
    await bench.call('PUT', `/departments/${department}`, admin, { name: department });
    for (let index = 1; index <= perDepartment; index++) {
      await bench.call('PUT', `/staff/${department}-agent-${index}`, admin, {
        name: `${department} agent ${index}`,
        email: `${department}-agent-${index}@kefu.local`,
        department,
        role: 'agent',
        onDuty: true,
      });
    }
  }
  await bench.call('PUT', '/survey-settings', admin, {
    ...DEFAULT_SURVEY_SETTINGS,
    quarterlyCampaign: false,
  });
};

/** Subjects that the default routing rules send to each department (zh and en). */
export const COMPLAINT_SUBJECTS = [
  ['快递三天没收到', '订单的快递一直没有更新，物流显示停在中转站'],
  ['Refund not received', 'I was charged twice for the invoice and the refund has not arrived'],
  ['维修后又坏了', '保修期内维修过一次，现在又出现同样的故障'],
  ['Product is faulty', 'The device arrived broken, the screen shows a defect from day one'],
  ['客服态度不好', '电话客服态度很差，没有解决问题'],
  ['Question about my order', 'I would like to know more about the options available'],
] as const;

export const complaintBody = (customerId: string, index: number) => {
  const [subject, description] = COMPLAINT_SUBJECTS[index % COMPLAINT_SUBJECTS.length] ?? [
    'subject',
    'description',
  ];
  return { customerId, channel: 'web', subject, description: `${description} (#${index})` };
};

export const customerBody = (label: string): NewCustomer => ({
  name: `测试客户 ${label}`,
  email: `bench-${label}@example.com`,
  preferredLanguage: 'zh-CN',
  tier: 'gold',
  tags: ['bench'],
  consents: { surveys: { granted: true, source: 'bench' } },
});

/** Runs `work` over `items` with at most `concurrency` at a time. */
export const inParallel = async <T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<void>,
): Promise<void> => {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        await work(items[index] as T, index);
      }
    }),
  );
};

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
