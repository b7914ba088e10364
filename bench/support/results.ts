import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const RESULTS_DIR = 'bench-results';

/** A value of the nearest-rank percentile `p` (0–100) of `values`; 0 for none. */
export const percentile = (values: readonly number[], p: number): number => {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? 0;
};

export const median = (values: readonly number[]): number => percentile(values, 50);

export const round = (value: number, digits = 2): number => Number(value.toFixed(digits));

/** A line of progress, indented under the benchmark's heading. */
export const progress = (message: string): void => {
  console.log(`  ${message}`);
};

export const elapsedSeconds = (since: number): string =>
  `${((performance.now() - since) / 1000).toFixed(1)} s`;

/** Reads a number from `BENCH_<NAME>`, or the default. */
export const numberFromEnv = (name: string, fallback: number): number => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number: ${raw}`);
  return value;
};

/** Reads a comma-separated list of numbers from `BENCH_<NAME>`, or the default. */
export const numbersFromEnv = (name: string, fallback: number[]): number[] => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const values = raw.split(',').map((part) => Number(part.trim()));
  if (values.some((value) => !Number.isFinite(value) || value <= 0)) {
    throw new Error(`${name} must be a comma-separated list of positive numbers: ${raw}`);
  }
  return values;
};

export const writeResult = (name: string, result: unknown): string => {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `${name}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
};

export const readResult = <T>(name: string): T | undefined => {
  try {
    return JSON.parse(readFileSync(join(RESULTS_DIR, `${name}.json`), 'utf8')) as T;
  } catch {
    return undefined;
  }
};

/** Where the results came from: the machine, so that a table is read for what it is. */
export const machine = async () => {
  const os = await import('node:os');
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGb: round(os.totalmem() / 2 ** 30, 1),
    loadAverageAtStart: os.loadavg().map((value) => round(value, 2)),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
};

/**
 * Where the emulators and bundles keep their files: BENCH_DATA_DIR, else a RAM disk (/dev/shm)
 * when there is one, else the temp folder. DynamoDB Local writes through SQLite; on a disk every
 * write waits for it, which would measure the disk rather than Kefu (or DynamoDB).
 */
export const benchDataRoot = (): string =>
  process.env.BENCH_DATA_DIR ?? (existsSync('/dev/shm') ? '/dev/shm' : tmpdir());
