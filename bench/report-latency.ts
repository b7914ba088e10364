/**
 * The service-quality report against 1 000 000 records' worth of aggregates (BENCH_RECORDS).
 *
 * Seeds a fresh DynamoDB Local with the counters a year of 1 000 000 source records (complaints,
 * surveys, services, revisits) would leave, then times GET-report's own work (six partition
 * reads and the figures) against the floor: one consistent GetItem on the same table. Prints a
 * table of ratios measured in one run and writes it to bench-results/report-latency.json.
 *
 * The counters are what `sliceAdditions` (the aggregation consumer's own rule) makes of the
 * records. Since what a record adds depends only on its day and dimensions, records of the same
 * Asia/Shanghai day and dimensions are summed before the rule is applied — checked on the first
 * batch to give exactly what the records one by one give (else every record goes alone).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { BatchWriteCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { startDynamoDbLocal } from '../infra/local/dynamodb-local';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../infra/local/local-env';
import { freePort } from '../infra/local/ports';
import type { Contribution } from '../shared/domain/reports/contributions';
import { benchDataRoot, elapsedSeconds, progress, round, writeResult } from './support/results';

const RECORDS = Number(process.env.BENCH_RECORDS ?? 1_000_000);
const RUNS = 60;
const BUDGET_MS = 50;
const TABLE = 'kefu-bench';

const started = performance.now();
console.log(
  `Service-quality report (×1 GetItem), ${RECORDS.toLocaleString('en')} records' counters`,
);
const dataDir = mkdtempSync(join(benchDataRoot(), 'kefu-bench-'));
const dynamo = await startDynamoDbLocal({
  port: await freePort(),
  dataDir,
  tableName: TABLE,
  idempotencyTableName: `${TABLE}-idempotency`,
});
Object.assign(process.env, {
  AWS_REGION: LOCAL_REGION,
  AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
  AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
  TABLE_NAME: TABLE,
});

// Imported once the environment points at the bench table.
const { documentClient } = await import('../shared/adapters/dynamodb/document-client');
const { DynamoAggregateStore } = await import('../shared/adapters/dynamodb/aggregate-store');
const { DynamoOrganizationRepository } =
  await import('../shared/adapters/dynamodb/organization-repository');
const { sliceAdditions } = await import('../shared/domain/reports/slices');
const { serviceQualityReport } = await import('../shared/services/reports/service-quality');
const { syntheticContributions } = await import('./synthetic-history');

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const p99 = (values: number[]) =>
  [...values].sort((a, b) => a - b)[
    Math.min(values.length - 1, Math.floor(values.length * 0.99))
  ] ?? 0;

const shanghaiDay = (at: string) =>
  new Date(Date.parse(at) + 8 * 3_600_000).toISOString().slice(0, 10);

/** Records of one day and the same dimensions, summed into one. */
const merged = (batch: Contribution[]): Contribution[] => {
  const groups = new Map<string, Contribution & { terms: Record<string, number> }>();
  for (const record of batch) {
    const { department = '', category = '', channel = '' } = record.dimensions;
    const key = `${shanghaiDay(record.at)}|${department}|${category}|${channel}`;
    const group = groups.get(key);
    if (!group) {
      groups.set(key, { ...record, add: { ...record.add }, terms: { ...record.terms } });
      continue;
    }
    for (const [name, value] of Object.entries(record.add)) {
      group.add[name] = (group.add[name] ?? 0) + value;
    }
    for (const [term, value] of Object.entries(record.terms ?? {})) {
      group.terms[term] = (group.terms[term] ?? 0) + value;
    }
  }
  return [...groups.values()];
};

const canonical = (additions: ReturnType<typeof sliceAdditions>) =>
  JSON.stringify(
    additions
      .map((item) => [
        `${item.period}|${item.slice}`,
        Object.entries(item.add).sort(([a], [b]) => a.localeCompare(b)),
      ])
      .sort(([a], [b]) => String(a).localeCompare(String(b))),
  );

try {
  progress(`aggregating ${RECORDS.toLocaleString('en')} synthetic records of 2026 …`);
  const aggregating = performance.now();
  const items = new Map<string, { period: string; slice: string; add: Record<string, number> }>();
  let merging: boolean | undefined;
  for (const records of syntheticContributions(RECORDS, 20_000)) {
    merging ??= canonical(sliceAdditions(records)) === canonical(sliceAdditions(merged(records)));
    const batch = merging ? merged(records) : records;
    for (const addition of sliceAdditions(batch)) {
      const id = `${addition.period}|${addition.slice}`;
      const item = items.get(id) ?? { period: addition.period, slice: addition.slice, add: {} };
      for (const [name, value] of Object.entries(addition.add)) {
        item.add[name] = (item.add[name] ?? 0) + value;
      }
      items.set(id, item);
    }
  }
  progress(
    `${items.size.toLocaleString('en')} counter items (${Math.round(performance.now() - aggregating)} ms` +
      `${merging ? ', records summed per day and dimensions' : ''}); writing …`,
  );
  const all = [...items.values()];
  const chunks = Array.from({ length: Math.ceil(all.length / 25) }, (_, index) =>
    all.slice(index * 25, index * 25 + 25),
  );
  // Four batches in flight: the writes are setup, not measured.
  const writeChunk = async (chunk: typeof all) => {
    let request: Record<string, unknown[]> | undefined = {
      [TABLE]: chunk.map((item) => ({
        PutRequest: {
          Item: { pk: `AGG#${item.period}`, sk: item.slice, entityType: 'Aggregate', ...item.add },
        },
      })),
    };
    while (request && Object.keys(request).length > 0) {
      const { UnprocessedItems } = await documentClient().send(
        new BatchWriteCommand({ RequestItems: request as never }),
      );
      request = UnprocessedItems as Record<string, unknown[]> | undefined;
    }
  };
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < chunks.length) await writeChunk(chunks[next++] ?? []);
    }),
  );
  progress(`written (${elapsedSeconds(started)}); timing ${RUNS} reports …`);

  let reads = 0;
  documentClient().middlewareStack.add(
    (next) => async (args) => {
      reads++;
      return next(args);
    },
    { step: 'initialize', name: 'countReads' },
  );
  const deps = {
    aggregates: new DynamoAggregateStore(TABLE),
    organization: new DynamoOrganizationRepository(TABLE),
    clock: { now: () => new Date() },
  };
  const floor: number[] = [];
  const report: number[] = [];
  const readsPerReport: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    let at = performance.now();
    await documentClient().send(
      new GetCommand({
        TableName: TABLE,
        Key: { pk: 'AGG#2026-Q3', sk: 'ALL' },
        ConsistentRead: true,
      }),
    );
    floor.push(performance.now() - at);
    reads = 0;
    at = performance.now();
    const result = await serviceQualityReport(deps, { period: run % 2 ? '2026-Q3' : '2026-11' });
    report.push(performance.now() - at);
    readsPerReport.push(reads);
    if (result.figures.complaints.received === 0) throw new Error('the seeded period reads empty');
  }
  const results = {
    benchmark: 'report-latency',
    records: RECORDS,
    counterItems: items.size,
    runs: RUNS,
    getItemMedianMs: Number(median(floor).toFixed(2)),
    reportMedianMs: Number(median(report).toFixed(2)),
    reportP99Ms: Number(p99(report).toFixed(2)),
    reportReadsMedian: median(readsPerReport),
    ratioToGetItem: Number((median(report) / median(floor)).toFixed(2)),
    budgetMs: BUDGET_MS,
    withinBudget: median(report) <= BUDGET_MS,
    seconds: round((performance.now() - started) / 1000, 1),
  };
  console.table([
    { measure: 'one GetItem (floor)', 'median ms': results.getItemMedianMs },
    {
      measure: 'service-quality report',
      'median ms': results.reportMedianMs,
      'p99 ms': results.reportP99Ms,
      reads: results.reportReadsMedian,
      '× floor': results.ratioToGetItem,
    },
  ]);
  console.log(
    `Budget ≤ ${BUDGET_MS} ms for ${RECORDS.toLocaleString('en')} records' worth: ${results.withinBudget ? 'met' : 'MISSED'}`,
  );
  progress(`wrote ${writeResult('report-latency', results)} (${elapsedSeconds(started)})`);
} finally {
  await dynamo.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
