/**
 * Complaint routing throughput: complaints per second from intake (POST /complaints) to
 * assignment (the complaint has an owner), through the table stream, the event bus, the
 * complaint-intake queue (route-complaint) and the department queues (auto-assign-complaint),
 * as the local pollers run them: one poller per queue, each invocation handling its batch.
 *
 * 1. As configured (the manifest's batch sizes), everything running: N complaints filed by
 *    8 concurrent clients; time from the first POST to the last assignment. The SDK calls of
 *    this run, until the acknowledgement and owner emails are out, are the complaint's cost.
 * 2. The lifecycle after assignment (reply, resolve, close) for a few of them, counted likewise,
 *    as are POST /customers, GET /customers/{id} and a department's worklist (cost model).
 * 3. For each batch size in BENCH_ROUTING_BATCH_SIZES (complaint-intake and every department
 *    queue): N complaints filed with the intake poller stopped, then the poller started and the
 *    backlog timed until all N are assigned — the pipeline's capacity alone. The batch size is
 *    set on the stack's own copy of the manifest, which the pollers read at each receive; the
 *    receives the pollers make are checked to ask for that many messages.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { wiring, type WiringManifest } from '../wiring/manifest';
import { documentClient, tableName } from '../shared/adapters/dynamodb/document-client';
import { recomputeTransactionCapacity } from './support/capacity';
import { waitForQuiet, queueDepth } from './support/quiet';
import {
  elapsedSeconds,
  machine,
  numberFromEnv,
  numbersFromEnv,
  progress,
  round,
  writeResult,
} from './support/results';
import { recordCalls, reportConsumedCapacity, type SdkCall, tagged } from './support/sdk-calls';
import { seedCustomers } from './support/seed';
import {
  type BenchStack,
  complaintBody,
  configureOrganization,
  customerBody,
  inParallel,
  isSystemCall,
  restartPoller,
  sleep,
  startBenchStack,
} from './support/stack';
import { breakdownOf, perOperation, type Usage, usageOf } from './support/usage';

const COMPLAINTS = numberFromEnv('BENCH_ROUTING_COMPLAINTS', 40);
const BATCH_SIZES = numbersFromEnv('BENCH_ROUTING_BATCH_SIZES', [1, 5, 10]);
const LIFECYCLE = numberFromEnv('BENCH_LIFECYCLE_COMPLAINTS', 10);
const FLOW_REQUESTS = 12;
const CLIENTS = 8;
const ROUTING_QUEUES = (queue: string) =>
  queue === 'complaint-intake' || queue.startsWith('department-');

const countInStatus = async (status: string): Promise<number> => {
  let total = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await tagged('bench', () =>
      documentClient().send(
        new QueryCommand({
          TableName: tableName(),
          IndexName: 'gsi5',
          KeyConditionExpression: 'gsi5pk = :pk',
          ExpressionAttributeValues: { ':pk': `COMPLAINTS_STATUS#${status}` },
          Select: 'COUNT',
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      ),
    );
    total += page.Count ?? 0;
    start = page.LastEvaluatedKey;
  } while (start);
  return total;
};

const waitUntil = async (what: string, done: () => Promise<boolean>, timeoutMs = 180_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
};

/** Files `count` complaints through the API with CLIENTS concurrent clients; returns their ids. */
const fileComplaints = async (
  bench: BenchStack,
  token: string,
  customers: string[],
  count: number,
  offset: number,
): Promise<{ ids: string[]; seconds: number }> => {
  const ids: string[] = [];
  const started = performance.now();
  await inParallel(
    Array.from({ length: count }, (_, index) => offset + index),
    CLIENTS,
    async (index) => {
      const filed = await bench.call<{ id: string }>(
        'POST',
        '/complaints',
        token,
        complaintBody(customers[index % customers.length] ?? '', index),
      );
      ids.push(filed.id);
    },
  );
  return { ids, seconds: (performance.now() - started) / 1000 };
};

const main = async () => {
  const started = performance.now();
  console.log('Complaint routing throughput (intake → routed → assigned, local pollers)');
  const manifest = structuredClone(wiring) as WiringManifest;
  const bench = await startBenchStack({ manifest });
  try {
    progress(`local stack up (${elapsedSeconds(started)})`);
    await configureOrganization(bench, 3);
    const token = await bench.token({
      scopes: ['customers:read', 'customers:write', 'complaints:read', 'complaints:write'],
    });
    const staff = await bench.token({
      scopes: ['complaints:read', 'complaints:write'],
      role: 'admin',
      subject: 'bench-supervisor',
    });
    const customers = await seedCustomers(
      Array.from({ length: 300 }, (_, index) => customerBody(`routing-${index}`)),
    );
    await waitForQuiet(bench);
    let filed = 0;

    // The customer archive's everyday requests, with all they set off, for the cost model.
    reportConsumedCapacity(true);
    const flows: Record<string, { usage: Usage; breakdown: ReturnType<typeof breakdownOf> }> = {};
    const flow = async (
      name: string,
      count: number,
      request: (index: number) => Promise<unknown>,
    ) => {
      const stop = recordCalls(isSystemCall);
      await inParallel(
        Array.from({ length: count }, (_, index) => index),
        4,
        async (index) => {
          await request(index);
        },
      );
      await waitForQuiet(bench);
      const calls = stop();
      await recomputeTransactionCapacity(calls);
      flows[name] = {
        usage: perOperation(usageOf(calls, count), count),
        breakdown: breakdownOf(calls, count),
      };
    };
    progress('counting the calls of POST /customers and GET /customers/{id} …');
    await flow('registerCustomer', FLOW_REQUESTS, (index) =>
      bench.call('POST', '/customers', token, customerBody(`flow-${index}`)),
    );
    await flow('readCustomer', FLOW_REQUESTS, (index) =>
      bench.call('GET', `/customers/${customers[index] ?? ''}`, token),
    );
    reportConsumedCapacity(false);

    // 1. As configured, end to end.
    const configured = Object.fromEntries(
      manifest.queues
        .filter((queue) => ROUTING_QUEUES(queue.name))
        .map((queue) => [queue.name, queue.consumer.batchSize]),
    );
    progress(`as configured (${describeBatches(configured)}): filing ${COMPLAINTS} complaints …`);
    const assignedBefore = await countInStatus('assigned');
    reportConsumedCapacity(true);
    const stopFlow = recordCalls(isSystemCall);
    const endToEndStart = performance.now();
    const intake = await fileComplaints(bench, token, customers, COMPLAINTS, filed);
    filed += COMPLAINTS;
    await waitUntil(
      'assignment',
      async () => (await countInStatus('assigned')) - assignedBefore >= COMPLAINTS,
    );
    const endToEndSeconds = (performance.now() - endToEndStart) / 1000;
    await waitForQuiet(bench);
    const flowCalls = stopFlow();
    const endToEnd = {
      batchSizes: configured,
      complaints: COMPLAINTS,
      intakeSeconds: round(intake.seconds),
      intakePerSecond: round(COMPLAINTS / intake.seconds, 1),
      seconds: round(endToEndSeconds),
      complaintsPerSecond: round(COMPLAINTS / endToEndSeconds, 1),
      routingKeepsUpWithIntake: round(COMPLAINTS / endToEndSeconds / (COMPLAINTS / intake.seconds)),
    };
    progress(
      `  intake ${endToEnd.intakePerSecond}/s; all assigned after ${endToEnd.seconds} s → ` +
        `${endToEnd.complaintsPerSecond} complaints/s (×${endToEnd.routingKeepsUpWithIntake} of intake)`,
    );

    // 2. The rest of a complaint's life, for the cost model.
    progress(`reply, resolve and close ${LIFECYCLE} of them …`);
    const stopLifecycle = recordCalls(isSystemCall);
    await inParallel(intake.ids.slice(0, LIFECYCLE), 4, async (id) => {
      await bench.call('POST', `/complaints/${id}/responses`, staff, {
        message: '已联系快递公司，明天送达。We contacted the courier; it arrives tomorrow.',
      });
      await bench.call('POST', `/complaints/${id}/resolve`, staff, {
        plan: '补发并赔偿运费',
        customerAgreed: true,
      });
      await bench.call('POST', `/complaints/${id}/close`, staff, {});
    });
    await waitForQuiet(bench);
    const lifecycleCalls = stopLifecycle();
    // A page of 20 assigned complaints (across departments: a department's own list would hold
    // only a third of these few).
    await flow('listWorklist', FLOW_REQUESTS, () =>
      bench.call('GET', '/complaints?status=assigned&limit=20', staff),
    );
    reportConsumedCapacity(false);
    await recomputeTransactionCapacity([...flowCalls, ...lifecycleCalls]);
    const usage: Record<string, Usage> = {
      ...Object.fromEntries(Object.entries(flows).map(([name, entry]) => [name, entry.usage])),
      fileAndAssign: perOperation(usageOf(flowCalls, COMPLAINTS), COMPLAINTS),
      replyResolveClose: perOperation(usageOf(lifecycleCalls, 3 * LIFECYCLE), LIFECYCLE),
    };
    const breakdown = {
      ...Object.fromEntries(Object.entries(flows).map(([name, entry]) => [name, entry.breakdown])),
      fileAndAssign: breakdownOf(flowCalls, COMPLAINTS),
      replyResolveClose: breakdownOf(lifecycleCalls, LIFECYCLE),
    };

    // 3. The pipeline alone, by batch size.
    const intakePoller = bench.stack.queuePollers.get('complaint-intake');
    if (!intakePoller) throw new Error('no complaint-intake poller');
    const byBatchSize = [];
    for (const batchSize of BATCH_SIZES) {
      for (const queue of manifest.queues) {
        if (ROUTING_QUEUES(queue.name)) queue.consumer.batchSize = batchSize;
      }
      await intakePoller.stop();
      const before = await countInStatus('assigned');
      const backlog = await fileComplaints(bench, token, customers, COMPLAINTS, filed);
      filed += COMPLAINTS;
      await waitUntil(
        'the ComplaintFiled events in the intake queue',
        async () => (await queueDepth(bench, 'complaint-intake')) >= COMPLAINTS,
      );
      const receives = recordCalls(
        (call) =>
          call.command === 'ReceiveMessageCommand' &&
          ROUTING_QUEUES(String(call.input.QueueUrl).split('/').pop() ?? ''),
      );
      const at = performance.now();
      await restartPoller(bench.stack, 'complaint-intake');
      await waitUntil(
        'assignment',
        async () => (await countInStatus('assigned')) - before >= COMPLAINTS,
      );
      const seconds = (performance.now() - at) / 1000;
      const received = receives();
      await waitForQuiet(bench);
      const asked = Math.max(...received.map((call) => Number(call.input.MaxNumberOfMessages)));
      if (asked !== Math.min(batchSize, 10)) {
        throw new Error(
          `batch size ${batchSize}: the pollers asked for up to ${asked} messages — does the ` +
            'local poller still read its batch size from the manifest at each receive?',
        );
      }
      const row = {
        batchSize,
        complaints: COMPLAINTS,
        seconds: round(seconds),
        complaintsPerSecond: round(COMPLAINTS / seconds, 1),
        meanMessagesPerInvocation: meanBatch(received),
        meanIntakeBatch: meanBatch(received.filter(isIntake)),
        meanDepartmentBatch: meanBatch(received.filter((call) => !isIntake(call))),
        intakePerSecond: round(COMPLAINTS / backlog.seconds, 1),
      };
      byBatchSize.push(row);
      progress(
        `batch size ${batchSize}: ${COMPLAINTS} queued complaints assigned in ${row.seconds} s → ` +
          `${row.complaintsPerSecond}/s (messages per invocation: intake ${row.meanIntakeBatch}, ` +
          `departments ${row.meanDepartmentBatch})`,
      );
    }
    const base = byBatchSize[0]?.complaintsPerSecond ?? 1;
    const rows = byBatchSize.map((row) => ({
      ...row,
      ratioToFirst: round(row.complaintsPerSecond / base),
    }));
    const file = writeResult('complaint-routing', {
      benchmark: 'complaint-routing',
      machine: await machine(),
      settings: {
        complaints: COMPLAINTS,
        clients: CLIENTS,
        lifecycleComplaints: LIFECYCLE,
        flowRequests: FLOW_REQUESTS,
      },
      endToEnd,
      byBatchSize: rows,
      usage,
      breakdown,
      seconds: round((performance.now() - started) / 1000, 1),
    });
    progress(`wrote ${file} (${elapsedSeconds(started)})`);
  } finally {
    await bench.stop();
  }
};

const describeBatches = (sizes: Record<string, number>) => {
  const intake = sizes['complaint-intake'];
  const departments = [
    ...new Set(
      Object.entries(sizes)
        .filter(([queue]) => queue.startsWith('department-'))
        .map(([, size]) => size),
    ),
  ];
  return `complaint-intake ${intake}, department queues ${departments.join('/')}`;
};

const isIntake = (call: SdkCall) => String(call.input.QueueUrl).endsWith('/complaint-intake');

const meanBatch = (receives: SdkCall[]) => {
  const productive = receives.filter((call) => (call.items ?? 0) > 0);
  const messages = productive.reduce((sum, call) => sum + (call.items ?? 0), 0);
  return round(messages / Math.max(1, productive.length), 1);
};

await main();
