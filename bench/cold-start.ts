/**
 * Cold start: every function of the wiring manifest bundled as infra/stack/functions.ts bundles
 * it for Lambda (esbuild: ESM, node24, minified, `module,main` fields, the createRequire banner,
 * source maps without sources, the AWS SDK inside), then
 * - its size (the .mjs Lambda loads; the map is listed apart), and
 * - its module init time: a fresh Node process (with NODE_OPTIONS=--enable-source-maps, as the
 *   functions are deployed) imports the bundle; the time from `import()` to its settling,
 *   median of BENCH_COLD_RUNS processes,
 * each divided by the same figures for a bare bundle that imports only the AWS SDK clients the
 * function's bundle contains (from esbuild's metafile). Target ≤ 1.25 for both. The largest
 * dependencies come from the metafile's bytes in output per package.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { handlerUsages } from '../infra/stack/manifest';
import { functionName, wiring } from '../wiring/manifest';
import {
  benchDataRoot,
  elapsedSeconds,
  machine,
  median,
  numberFromEnv,
  progress,
  round,
  writeResult,
} from './support/results';

const RUNS = Math.max(1, Math.round(numberFromEnv('BENCH_COLD_RUNS', 1)));
const TARGET = 1.25;
const ROOT = resolve(import.meta.dirname, '..');

/** The client class each AWS SDK package stands for. */
const SDK_CLIENTS: Record<string, string> = {
  '@aws-sdk/client-dynamodb': 'DynamoDBClient',
  '@aws-sdk/lib-dynamodb': 'DynamoDBDocumentClient',
  '@aws-sdk/client-dynamodb-streams': 'DynamoDBStreamsClient',
  '@aws-sdk/client-eventbridge': 'EventBridgeClient',
  '@aws-sdk/client-kms': 'KMSClient',
  '@aws-sdk/client-s3': 'S3Client',
  '@aws-sdk/client-secrets-manager': 'SecretsManagerClient',
  '@aws-sdk/client-sesv2': 'SESv2Client',
  '@aws-sdk/client-sns': 'SNSClient',
  '@aws-sdk/client-sqs': 'SQSClient',
};

/** As infra/stack/functions.ts configures NodejsFunction's bundling. */
const LAMBDA_BUNDLING: esbuild.BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node24',
  mainFields: ['module', 'main'],
  banner: {
    js: "import { createRequire as __kefuCreateRequire } from 'node:module'; const require = __kefuCreateRequire(import.meta.url);",
  },
  minify: true,
  sourcemap: true,
  sourcesContent: false,
  outExtension: { '.js': '.mjs' },
  metafile: true,
  logLevel: 'warning',
  absWorkingDir: ROOT,
};

/** `node_modules/@aws-sdk/client-kms/dist-es/…` → `@aws-sdk/client-kms`; own code → `kefu`. */
const packageOf = (input: string): string => {
  const at = input.lastIndexOf('node_modules/');
  if (at < 0) return 'kefu (functions, shared, infra, events)';
  const parts = input.slice(at + 'node_modules/'.length).split('/');
  return parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1] ?? ''}` : (parts[0] ?? input);
};

interface Bundle {
  name: string;
  file: string;
  bytes: number;
  mapBytes: number;
  packages: Map<string, number>;
}

const bundlesOf = (result: esbuild.BuildResult, outdir: string): Map<string, Bundle> => {
  const bundles = new Map<string, Bundle>();
  for (const [output, meta] of Object.entries(result.metafile?.outputs ?? {})) {
    if (!output.endsWith('.mjs')) continue;
    const file = resolve(ROOT, output);
    const name = file.slice(resolve(outdir).length + 1).replace(/\.mjs$/, '');
    const packages = new Map<string, number>();
    for (const [input, { bytesInOutput }] of Object.entries(meta.inputs)) {
      const name = packageOf(input);
      packages.set(name, (packages.get(name) ?? 0) + bytesInOutput);
    }
    bundles.set(name, {
      name,
      file,
      bytes: meta.bytes,
      mapBytes: statSync(`${file}.map`).size,
      packages,
    });
  }
  return bundles;
};

const INIT_SCRIPT = `const started = performance.now();
const module = await import(process.argv[2]);
const ms = performance.now() - started;
if (typeof module.handler !== 'function') throw new Error('no handler export');
process.stdout.write(JSON.stringify({ ms }));
`;

/** What a Lambda environment holds at init (values are placeholders; nothing is called). */
const LAMBDA_ENV = {
  PATH: process.env.PATH ?? '',
  NODE_OPTIONS: '--enable-source-maps',
  AWS_REGION: 'us-east-1',
  AWS_DEFAULT_REGION: 'us-east-1',
  AWS_LAMBDA_FUNCTION_NAME: 'kefu-bench',
  AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '1024',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  TABLE_NAME: 'kefu-bench',
  IDEMPOTENCY_TABLE_NAME: 'kefu-bench-idempotency',
  EVENT_BUS_NAME: 'kefu-bench',
  POWERTOOLS_SERVICE_NAME: 'kefu',
  MAIL_FROM: 'Kefu <service@kefu.local>',
  COMPLAINTS_REPLY_TO: 'complaints@kefu.local',
  SURVEY_REPLY_DOMAIN: 'surveys.kefu.local',
};

const initTime = (script: string, file: string): Promise<number> =>
  new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [script, pathToFileURL(file).href], {
      env: LAMBDA_ENV,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`init of ${file} failed: ${err.trim().slice(-500)}`));
      resolvePromise((JSON.parse(out) as { ms: number }).ms);
    });
  });

const topPackages = (packages: Map<string, number>, count: number) =>
  [...packages]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, bytes]) => ({ package: name, kb: round(bytes / 1024, 1) }));

const main = async () => {
  const started = performance.now();
  console.log(
    'Cold start (bundle size and module init time ÷ a bare bundle of the same SDK clients)',
  );
  const work = mkdtempSync(join(benchDataRoot(), 'kefu-cold-start-'));
  try {
    const handlers = [...handlerUsages(wiring).keys()];
    const outdir = join(work, 'functions');
    const built = await esbuild.build({
      ...LAMBDA_BUNDLING,
      entryPoints: Object.fromEntries(handlers.map((handler) => [functionName(handler), handler])),
      outdir,
    });
    const functions = bundlesOf(built, outdir);
    progress(`${functions.size} functions bundled (${elapsedSeconds(started)})`);

    // One bare bundle per distinct set of SDK clients.
    const clientsOf = new Map<string, string[]>();
    const sets = new Map<string, string[]>();
    for (const bundle of functions.values()) {
      const clients = Object.keys(SDK_CLIENTS).filter((name) => bundle.packages.has(name));
      const key = clients.map((name) => name.replace('@aws-sdk/', '')).join('+') || 'none';
      clientsOf.set(bundle.name, [key, ...clients]);
      sets.set(key, clients);
    }
    const sources = join(work, 'bare-src');
    mkdirSync(sources);
    const bareEntries: Record<string, string> = {};
    for (const [key, clients] of sets) {
      const file = join(sources, `${key}.ts`);
      writeFileSync(
        file,
        [
          ...clients.map((name) => `import { ${SDK_CLIENTS[name]} } from '${name}';`),
          `export const clients = [${clients.map((name) => SDK_CLIENTS[name]).join(', ')}];`,
          'export const handler = async () => clients.length;',
          '',
        ].join('\n'),
      );
      bareEntries[key] = file;
    }
    const bareOut = join(work, 'bare');
    const bareBuilt = await esbuild.build({
      ...LAMBDA_BUNDLING,
      entryPoints: bareEntries,
      outdir: bareOut,
      nodePaths: [join(ROOT, 'node_modules')],
    });
    const bares = bundlesOf(bareBuilt, bareOut);
    progress(`${bares.size} bare bundles: ${[...bares.keys()].join(', ')}`);

    const script = join(work, 'init.mjs');
    writeFileSync(script, INIT_SCRIPT);
    const times = new Map<string, number[]>();
    const measure = async (key: string, file: string) => {
      const list = times.get(key) ?? [];
      list.push(await initTime(script, file));
      times.set(key, list);
    };
    for (let run = 1; run <= RUNS; run++) {
      // Interleaved, so that a busy moment of the machine falls on both kinds alike.
      const order = [...functions.values()];
      for (const [index, bundle] of order.entries()) {
        await measure(bundle.name, bundle.file);
        if (index % 15 === 0) {
          for (const bare of bares.values()) await measure(`bare:${bare.name}`, bare.file);
        }
      }
      progress(`init run ${run}/${RUNS} done (${elapsedSeconds(started)})`);
    }

    const rows = [...functions.values()].map((bundle) => {
      const [key = 'none', ...clients] = clientsOf.get(bundle.name) ?? [];
      const bare = bares.get(key);
      const initMs = median(times.get(bundle.name) ?? []);
      const bareInitMs = median(times.get(`bare:${key}`) ?? []);
      const sizeRatio = bundle.bytes / (bare?.bytes ?? 1);
      const initRatio = initMs / Math.max(0.001, bareInitMs);
      return {
        function: bundle.name,
        sdkClients: clients.map((name) => SDK_CLIENTS[name]),
        kb: round(bundle.bytes / 1024, 1),
        mapKb: round(bundle.mapBytes / 1024, 1),
        bareKb: round((bare?.bytes ?? 0) / 1024, 1),
        sizeRatio: round(sizeRatio),
        initMs: round(initMs, 1),
        bareInitMs: round(bareInitMs, 1),
        initRatio: round(initRatio),
        sizeMet: sizeRatio <= TARGET,
        initMet: initRatio <= TARGET,
        largestDependencies: topPackages(bundle.packages, 6),
      };
    });
    const overall = new Map<string, number>();
    for (const bundle of functions.values()) {
      for (const [name, bytes] of bundle.packages)
        overall.set(name, (overall.get(name) ?? 0) + bytes);
    }
    const summary = {
      functions: rows.length,
      target: TARGET,
      sizeRatioMedian: round(median(rows.map((row) => row.sizeRatio))),
      sizeRatioMax: round(Math.max(...rows.map((row) => row.sizeRatio))),
      initRatioMedian: round(median(rows.map((row) => row.initRatio))),
      initRatioMax: round(Math.max(...rows.map((row) => row.initRatio))),
      sizeMet: rows.filter((row) => row.sizeMet).length,
      initMet: rows.filter((row) => row.initMet).length,
      kbMedian: round(median(rows.map((row) => row.kb)), 1),
      initMsMedian: round(median(rows.map((row) => row.initMs)), 1),
      largestDependenciesAverageKb: topPackages(
        new Map([...overall].map(([name, bytes]) => [name, bytes / rows.length])),
        12,
      ),
      bare: [...bares.values()].map((bare) => ({
        clients: bare.name,
        kb: round(bare.bytes / 1024, 1),
        initMs: round(median(times.get(`bare:${bare.name}`) ?? []), 1),
      })),
    };
    progress(
      `size ×${summary.sizeRatioMedian} median (max ×${summary.sizeRatioMax}), ` +
        `init ×${summary.initRatioMedian} median (max ×${summary.initRatioMax}); ` +
        `within ×${TARGET}: size ${summary.sizeMet}/${rows.length}, init ${summary.initMet}/${rows.length}`,
    );
    progress(
      `largest dependencies (average KB per bundle): ${summary.largestDependenciesAverageKb
        .slice(0, 8)
        .map((entry) => `${entry.package} ${entry.kb}`)
        .join(', ')}`,
    );
    const file = writeResult('cold-start', {
      benchmark: 'cold-start',
      machine: await machine(),
      settings: { runs: RUNS, nodeOptions: LAMBDA_ENV.NODE_OPTIONS },
      summary,
      rows,
      seconds: round((performance.now() - started) / 1000, 1),
    });
    progress(`wrote ${file} (${elapsedSeconds(started)})`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
};

await main();
