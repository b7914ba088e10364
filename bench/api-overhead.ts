/**
 * API overhead: latency through the local gateway under load, divided by the latency of the bare
 * DynamoDB calls the same request makes, measured in the same run against the same emulators.
 *
 * For each endpoint, a few requests are first run straight through the handler with their SDK
 * calls recorded (support/replay.ts): that list — e.g. UpdateItem (client rate window) → GetItem
 * (profile) → GetItem (data key) → BatchWriteItem (access log) — is the floor. Then, at each
 * concurrency, autocannon drives the gateway for BENCH_API_SECONDS, bracketed by two runs (a third
 * of that each) of the recorded calls replayed by as many concurrent loops with the product's own
 * document client. Ratio = gateway median (and p99) ÷ floor median at the same concurrency.
 *
 * Queue pollers are paused during the load runs (the stream poller keeps publishing events), so
 * the routing pipeline does not compete with the API for the two cores; it is measured on its own
 * by complaint-routing.ts. Requests carry an integrator token (no role), like the README's
 * examples, so each one also counts against the per-client rate window (limit lifted).
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import autocannon from 'autocannon';
import { documentClient, tableName } from '../shared/adapters/dynamodb/document-client';
import { customerKeys } from '../shared/adapters/privacy/customer-keys';
import {
  elapsedSeconds,
  machine,
  median,
  numberFromEnv,
  numbersFromEnv,
  percentile,
  progress,
  round,
  writeResult,
} from './support/results';
import { recomputeTransactionCapacity } from './support/capacity';
import { describeWaves, type DirectRequest, probe, replayer, wavesOf } from './support/replay';
import { recordCalls, reportConsumedCapacity, type SdkCall, tagged } from './support/sdk-calls';
import { perOperation, usageOf } from './support/usage';
import { seedCustomers } from './support/seed';
import {
  type BenchStack,
  complaintBody,
  configureOrganization,
  customerBody,
  inParallel,
  sleep,
  startBenchStack,
} from './support/stack';

const CONNECTIONS = numbersFromEnv('BENCH_API_CONNECTIONS', [1, 4, 16]);
const SECONDS = numberFromEnv('BENCH_API_SECONDS', 3);
/** The bare calls run for this share of SECONDS, half before and half after the gateway run. */
const BARE_SHARE = 2 / 3;
const POOL = numberFromEnv('BENCH_API_CUSTOMERS', 600);
const PROBES = 5;
const TARGET_MEDIAN_RATIO = 1.5;
const LIST_DEPARTMENT = 'customer-service';
/** Complaints in one department's worklist (all routed to customer service). */
const LIST_COMPLAINTS = 24;
const CUSTOMER_SERVICE_SUBJECT = 4;

interface Endpoint {
  name: string;
  /** How customer data keys stand when a request comes: read from the table, or cached. */
  keys: string;
  /** The request for the probes. */
  probeRequest: (index: number) => DirectRequest;
  /** autocannon's request (a function fills in a different customer each time). */
  load: () => autocannon.Request;
  idReplacement?: boolean;
}

interface Measured {
  latencies: number[];
  requests: number;
  seconds: number;
  non2xx: number;
  errors: number;
  calls: SdkCall[];
}

/** Data-key reads are the calls a request makes only when the customer's key is not cached. */
const isDataKeyRead = (call: SdkCall) =>
  call.command === 'GetCommand' &&
  (call.input.Key as { sk?: string } | undefined)?.sk === 'DATA_KEY';

const callsPerRequest = (calls: SdkCall[], requests: number) => {
  const counts: Record<string, number> = {};
  for (const call of calls) {
    const name = isDataKeyRead(call) ? 'GetItem (data key)' : call.command.replace(/Command$/, '');
    counts[name] = (counts[name] ?? 0) + 1;
  }
  return Object.fromEntries(
    Object.entries(counts).map(([name, count]) => [name, round(count / Math.max(1, requests), 2)]),
  );
};

const runGateway = (
  bench: BenchStack,
  token: string,
  endpoint: Endpoint,
  connections: number,
): Promise<Measured> =>
  new Promise((resolve, reject) => {
    const latencies: number[] = [];
    let non2xx = 0;
    const stop = recordCalls((call) => call.service === 'dynamodb' && call.tag === undefined);
    const started = performance.now();
    const instance = autocannon(
      {
        url: bench.api,
        connections,
        duration: SECONDS,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        requests: [endpoint.load()],
        ...(endpoint.idReplacement ? { idReplacement: true } : {}),
      },
      (error: unknown, result: autocannon.Result) => {
        const calls = stop();
        if (error) return reject(error instanceof Error ? error : new Error(String(error)));
        resolve({
          latencies,
          requests: latencies.length + non2xx,
          seconds: (performance.now() - started) / 1000,
          non2xx,
          errors: result.errors + result.timeouts,
          calls,
        });
      },
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
      else non2xx++;
    });
  });

/** The recorded calls replayed by `connections` loops for `seconds`. */
const runBare = async (
  replays: (() => Promise<void>)[],
  connections: number,
  seconds: number,
): Promise<{ latencies: number[]; failures: number }> => {
  const latencies: number[] = [];
  let failures = 0;
  let next = 0;
  const end = performance.now() + seconds * 1000;
  await tagged('bare', () =>
    Promise.all(
      Array.from({ length: connections }, async () => {
        while (performance.now() < end) {
          const replay = replays[next++ % replays.length] as () => Promise<void>;
          const at = performance.now();
          try {
            await replay();
            latencies.push(performance.now() - at);
          } catch {
            failures++;
          }
        }
      }),
    ),
  );
  return { latencies, failures };
};

const assignedCount = async (): Promise<number> => {
  const { Count = 0 } = await tagged('bench', () =>
    documentClient().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: 'gsi5',
        KeyConditionExpression: 'gsi5pk = :pk',
        ExpressionAttributeValues: { ':pk': 'COMPLAINTS_STATUS#assigned' },
        Select: 'COUNT',
      }),
    ),
  );
  return Count;
};

const main = async () => {
  const started = performance.now();
  console.log('API overhead (gateway under load ÷ the bare DynamoDB calls of the same request)');
  const bench = await startBenchStack();
  try {
    progress(`local stack up (${elapsedSeconds(started)})`);
    await configureOrganization(bench);
    const token = await bench.token({
      scopes: ['customers:read', 'customers:write', 'complaints:read', 'complaints:write'],
    });

    progress(`seeding ${POOL} customers through the customer repository …`);
    const seeded = performance.now();
    const pool = await seedCustomers(
      Array.from({ length: POOL }, (_, index) => customerBody(`pool-${index}`)),
      { onProgress: (done) => done < POOL && progress(`  ${done} customers`) },
    );
    progress(`  ${POOL} customers in ${elapsedSeconds(seeded)}`);

    progress(`filing ${LIST_COMPLAINTS} complaints for the worklist and waiting for assignment …`);
    const before = await assignedCount();
    await inParallel(
      Array.from({ length: LIST_COMPLAINTS }, (_, index) => index),
      4,
      async (index) => {
        await bench.call(
          'POST',
          '/complaints',
          token,
          complaintBody(pool[index] ?? '', CUSTOMER_SERVICE_SUBJECT),
        );
      },
    );
    const deadline = Date.now() + 120_000;
    while ((await assignedCount()) - before < LIST_COMPLAINTS) {
      if (Date.now() > deadline) throw new Error('the worklist complaints were not assigned');
      await sleep(250);
    }
    await Promise.all([...bench.stack.queuePollers.values()].map((poller) => poller.stop()));
    progress('queue pollers paused for the load runs');

    let cursor = 0;
    const nextCustomer = () => pool[cursor++ % pool.length] ?? '';
    const forgetKeys = () => {
      for (const id of pool) customerKeys.forget(id);
    };
    const listPath = `/complaints?department=${LIST_DEPARTMENT}&status=assigned&limit=20`;
    const endpoints: Endpoint[] = [
      {
        name: 'POST /customers',
        keys: 'a new key per customer (wrapped and written with it)',
        probeRequest: (index) => ({
          method: 'POST',
          path: '/customers',
          token,
          body: customerBody(`probe-${index}-${Date.now()}`),
        }),
        load: () => ({
          method: 'POST',
          path: '/customers',
          body: JSON.stringify(customerBody('load-[<id>]')),
        }),
        idReplacement: true,
      },
      {
        name: 'GET /customers/{id}',
        keys: 'read from table (cache cleared before each run)',
        probeRequest: () => ({ method: 'GET', path: `/customers/${nextCustomer()}`, token }),
        load: () => ({
          method: 'GET',
          path: '/customers',
          setupRequest: (request) => ({ ...request, path: `/customers/${nextCustomer()}` }),
        }),
      },
      {
        name: 'POST /complaints',
        keys: 'read from table (cache cleared before each run)',
        probeRequest: (index) => ({
          method: 'POST',
          path: '/complaints',
          token,
          body: complaintBody(nextCustomer(), index),
        }),
        load: () => ({
          method: 'POST',
          path: '/complaints',
          setupRequest: (request) => ({
            ...request,
            body: JSON.stringify(complaintBody(nextCustomer(), cursor)),
          }),
        }),
      },
      {
        name: 'GET /complaints?department&status',
        keys: 'cached (same page listed again)',
        probeRequest: () => ({ method: 'GET', path: listPath, token }),
        load: () => ({ method: 'GET', path: listPath }),
      },
    ];

    const rows = [];
    const usagePerRequest: Record<string, ReturnType<typeof perOperation>> = {};
    for (const endpoint of endpoints) {
      const cold = endpoint.keys.startsWith('read from table');
      // One warm-up request through the gateway: handler modules and connections are warm.
      const warm = endpoint.probeRequest(-1);
      await bench.call(warm.method, warm.path, token, warm.body);
      const probes = [];
      reportConsumedCapacity(true);
      try {
        for (let index = 0; index < PROBES; index++) {
          if (cold) forgetKeys();
          const result = await probe(endpoint.probeRequest(index));
          if (result.status >= 300) {
            throw new Error(`${endpoint.name}: probe answered ${result.status}`);
          }
          probes.push(result);
        }
      } finally {
        reportConsumedCapacity(false);
      }
      await recomputeTransactionCapacity(probes.flatMap((result) => result.calls));
      usagePerRequest[endpoint.name] = perOperation(
        usageOf(
          probes.flatMap((result) => result.calls),
          PROBES,
        ),
        PROBES,
      );
      const waves = probes.map((result) => wavesOf(result.calls));
      const replays = waves.map(replayer);
      const plan = describeWaves(waves[0] ?? []);
      progress(`${endpoint.name}: ${plan}`);
      // Warm the replay path and the gateway path once more at the highest concurrency.
      await runBare(replays, Math.max(...CONNECTIONS), 1);
      if (cold) forgetKeys();
      for (const connections of CONNECTIONS) {
        const half = (SECONDS * BARE_SHARE) / 2;
        const bareBefore = await runBare(replays, connections, half);
        if (cold) forgetKeys();
        const gateway = await runGateway(bench, token, endpoint, connections);
        const bareAfter = await runBare(replays, connections, half);
        const bare = [...bareBefore.latencies, ...bareAfter.latencies];
        const row = {
          endpoint: endpoint.name,
          connections,
          requests: gateway.requests,
          requestsPerSecond: round(gateway.requests / gateway.seconds, 1),
          gatewayMedianMs: round(median(gateway.latencies)),
          gatewayP99Ms: round(percentile(gateway.latencies, 99)),
          bareMedianMs: round(median(bare)),
          bareP99Ms: round(percentile(bare, 99)),
          bareRuns: bare.length,
          overheadMs: round(median(gateway.latencies) - median(bare)),
          ratioMedian: round(median(gateway.latencies) / median(bare)),
          ratioP99: round(percentile(gateway.latencies, 99) / median(bare)),
          targetMedianRatio: TARGET_MEDIAN_RATIO,
          met: median(gateway.latencies) / median(bare) <= TARGET_MEDIAN_RATIO,
          non2xx: gateway.non2xx,
          errors: gateway.errors,
          bareFailures: bareBefore.failures + bareAfter.failures,
          bareCalls: plan,
          customerKeys: endpoint.keys,
          callsPerRequestUnderLoad: callsPerRequest(gateway.calls, gateway.requests),
        };
        rows.push(row);
        progress(
          `  ${String(connections).padStart(2)} connections: ${row.requestsPerSecond} req/s, ` +
            `gateway p50 ${row.gatewayMedianMs} ms / p99 ${row.gatewayP99Ms} ms, ` +
            `bare p50 ${row.bareMedianMs} ms → ×${row.ratioMedian} (p99 ×${row.ratioP99})` +
            (row.non2xx || row.errors ? ` [${row.non2xx} non-2xx, ${row.errors} errors]` : ''),
        );
      }
    }
    const file = writeResult('api-overhead', {
      benchmark: 'api-overhead',
      machine: await machine(),
      settings: { connections: CONNECTIONS, secondsPerRun: SECONDS, customers: POOL },
      targetMedianRatio: TARGET_MEDIAN_RATIO,
      rows,
      usagePerRequest,
      seconds: round((performance.now() - started) / 1000, 1),
    });
    progress(`wrote ${file} (${elapsedSeconds(started)})`);
  } finally {
    await bench.stop();
  }
};

await main();
