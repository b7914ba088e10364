/**
 * `npm run bench`: every benchmark in turn, each in a fresh Node process of its own (a local stack
 * of its own, no state shared), then one table of the ratios measured in this run, written to
 * bench-results/summary.json and summary.md. BENCH_ONLY=api-overhead,cold-start runs a subset
 * (the summary then reads the other results from earlier runs, marked as such).
 *
 * Sizes come from BENCH_* variables (see each benchmark's header); the defaults keep the whole
 * run under ten minutes on two cores.
 */
import { spawn } from 'node:child_process';
import { existsSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { machine, readResult, RESULTS_DIR, round, writeResult } from './support/results';

const STAGES = [
  'api-overhead',
  'complaint-routing',
  'survey-sending',
  'cost-model',
  'cold-start',
  'report-latency',
] as const;
type Stage = (typeof STAGES)[number];

const selected = (process.env.BENCH_ONLY ?? '')
  .split(',')
  .map((name) => name.trim())
  .filter(Boolean);
for (const name of selected) {
  if (!(STAGES as readonly string[]).includes(name)) {
    throw new Error(`BENCH_ONLY: unknown benchmark ${name} (known: ${STAGES.join(', ')})`);
  }
}
const toRun = STAGES.filter((stage) => selected.length === 0 || selected.includes(stage));

const runStage = (stage: Stage): Promise<number> =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join('bench', `${stage}.ts`)], {
      stdio: 'inherit',
      env: process.env,
    });
    child.on('close', (code) => resolve(code ?? 1));
  });

interface Row {
  benchmark: string;
  measure: string;
  figures: string;
  ratio: string;
  target: string;
  result: string;
}

const yes = (met: boolean) => (met ? 'met' : 'MISSED');

/* eslint-disable @typescript-eslint/no-explicit-any -- results are read back as plain JSON */
const summaryRows = (): Row[] => {
  const rows: Row[] = [];
  const api = readResult<any>('api-overhead');
  for (const row of api?.rows ?? []) {
    rows.push({
      benchmark: 'API overhead',
      measure: `${row.endpoint}, ${row.connections} conn.`,
      figures: `${row.requestsPerSecond} req/s; p50 ${row.gatewayMedianMs} ms (+${row.overheadMs}), p99 ${row.gatewayP99Ms} ms; bare p50 ${row.bareMedianMs} ms`,
      ratio: `×${row.ratioMedian} p50, ×${row.ratioP99} p99`,
      target: `p50 ≤ ×${row.targetMedianRatio}`,
      result: yes(row.met),
    });
  }
  const routing = readResult<any>('complaint-routing');
  if (routing) {
    const e2e = routing.endToEnd;
    rows.push({
      benchmark: 'Complaint routing',
      measure: `intake → assigned, as configured (intake ${e2e.batchSizes['complaint-intake']}, departments ${e2e.batchSizes['department-logistics']})`,
      figures: `${e2e.complaintsPerSecond} complaints/s; intake alone ${e2e.intakePerSecond}/s`,
      ratio: `×${e2e.routingKeepsUpWithIntake} of intake`,
      target: '—',
      result: '—',
    });
    for (const row of routing.byBatchSize ?? []) {
      rows.push({
        benchmark: 'Complaint routing',
        measure: `queued backlog, batch size ${row.batchSize}`,
        figures: `${row.complaintsPerSecond} complaints/s (messages per invocation: intake ${row.meanIntakeBatch}, departments ${row.meanDepartmentBatch})`,
        ratio: `×${row.ratioToFirst} of batch ${routing.byBatchSize[0].batchSize}`,
        target: '—',
        result: '—',
      });
    }
  }
  const survey = readResult<any>('survey-sending');
  if (survey) {
    const at = survey.atConfigured;
    rows.push({
      benchmark: 'Survey sending',
      measure: `${survey.settings.customers.toLocaleString('en')}-customer campaign at ${at.configuredPerSecond}/s configured${at.timeBoxed ? ` (${at.windowSeconds} s window)` : ''}`,
      figures: `${at.achievedPerSecond} emails/s (steady ${at.steadyPerSecond}); audience enumerated at ${at.enumerationPerSecond}/s`,
      ratio: `×${at.ratio} (steady ×${at.steadyRatio}); enumeration ×${at.enumerationRatio}`,
      target: '≥ ×0.95',
      result:
        `${yes(at.ratio >= 0.95)}; ` +
        (at.timeBoxed
          ? `time-boxed, whole campaign ≈ ${at.projectedCampaignMinutes} min`
          : 'completed'),
    });
    if (survey.atHighRate) {
      const high = survey.atHighRate;
      rows.push({
        benchmark: 'Survey sending',
        measure: `same campaign at ${high.configuredPerSecond}/s configured (${high.windowSeconds} s)`,
        figures: `${high.achievedPerSecond} emails/s; bound by ${high.boundBy}`,
        ratio: `×${high.ratio}`,
        target: '—',
        result: '—',
      });
    }
  }
  const cold = readResult<any>('cold-start');
  if (cold) {
    const s = cold.summary;
    rows.push({
      benchmark: 'Cold start',
      measure: `bundle size, ${s.functions} functions`,
      figures: `median ${s.kbMedian} KB`,
      ratio: `×${s.sizeRatioMedian} median, ×${s.sizeRatioMax} max`,
      target: `≤ ×${s.target}`,
      result: `${s.sizeMet}/${s.functions} met`,
    });
    rows.push({
      benchmark: 'Cold start',
      measure: `module init, ${s.functions} functions`,
      figures: `median ${s.initMsMedian} ms`,
      ratio: `×${s.initRatioMedian} median, ×${s.initRatioMax} max`,
      target: `≤ ×${s.target}`,
      result: `${s.initMet}/${s.functions} met`,
    });
  }
  const report = readResult<any>('report-latency');
  if (report) {
    rows.push({
      benchmark: 'Report',
      measure: `service-quality report, ${Number(report.records).toLocaleString('en')} records`,
      figures: `p50 ${report.reportMedianMs} ms, p99 ${report.reportP99Ms} ms; GetItem ${report.getItemMedianMs} ms`,
      ratio: `×${report.ratioToGetItem} of one GetItem`,
      target: `p50 ≤ ${report.budgetMs} ms`,
      result: yes(report.withinBudget),
    });
  }
  const cost = readResult<any>('cost-model');
  for (const month of cost?.monthly ?? []) {
    rows.push({
      benchmark: 'Cost model',
      measure: `${Number(month.customers).toLocaleString('en')} customers`,
      figures: `$${month.totalUsd} a month`,
      ratio: `$${month.perCustomerUsd} per customer`,
      target: '—',
      result: 'docs/COST.md',
    });
  }
  return rows;
};
/* eslint-enable @typescript-eslint/no-explicit-any */

const markdown = (rows: Row[]) =>
  [
    '| benchmark | measure | figures | ratio | target | result |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map(
      (row) =>
        `| ${[row.benchmark, row.measure, row.figures, row.ratio, row.target, row.result]
          .map((cell) => cell.replaceAll('|', '\\|'))
          .join(' | ')} |`,
    ),
  ].join('\n');

const main = async () => {
  const started = performance.now();
  const host = await machine();
  console.log(
    `Kefu benchmarks — ${host.cpus} × ${host.cpuModel}, ${host.node}, load ${host.loadAverageAtStart.join(' ')}`,
  );
  const outcomes: Record<string, { seconds: number; ok: boolean }> = {};
  for (const stage of toRun) {
    const file = join(RESULTS_DIR, `${stage}.json`);
    if (existsSync(file)) rmSync(file);
    console.log(`\n[${toRun.indexOf(stage) + 1}/${toRun.length}] ${stage}`);
    const at = performance.now();
    const code = await runStage(stage);
    outcomes[stage] = { seconds: round((performance.now() - at) / 1000, 1), ok: code === 0 };
    console.log(
      `  ${code === 0 ? 'done' : `FAILED (exit ${code})`} in ${outcomes[stage].seconds} s`,
    );
  }
  const rows = summaryRows();
  const totalSeconds = round((performance.now() - started) / 1000, 1);
  const stale = STAGES.filter(
    (stage) => !toRun.includes(stage) && existsSync(join(RESULTS_DIR, `${stage}.json`)),
  ).map((stage) => ({
    stage,
    from: statSync(join(RESULTS_DIR, `${stage}.json`)).mtime.toISOString(),
  }));
  console.log('\nRatios measured in this run');
  console.table(
    rows.map((row) => ({
      benchmark: row.benchmark,
      measure: row.measure,
      ratio: row.ratio,
      target: row.target,
      result: row.result,
    })),
  );
  for (const entry of stale) {
    console.log(`(${entry.stage}: from an earlier run, ${entry.from})`);
  }
  writeResult('summary', {
    machine: host,
    stages: outcomes,
    totalSeconds,
    rows,
    earlierResults: stale,
  });
  writeFileSync(
    join(RESULTS_DIR, 'summary.md'),
    `${markdown(rows)}\n\nTotal: ${totalSeconds} s on ${host.cpus} × ${host.cpuModel} (load ${host.loadAverageAtStart.join(' ')} at start).\n`,
  );
  console.log(
    `\nTotal ${totalSeconds} s (${Object.entries(outcomes)
      .map(([stage, outcome]) => `${stage} ${outcome.seconds} s`)
      .join(', ')}); bench-results/summary.json, summary.md`,
  );
  if (Object.values(outcomes).some((outcome) => !outcome.ok)) process.exitCode = 1;
};

await main();
