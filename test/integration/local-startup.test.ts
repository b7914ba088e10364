import { loadStageConfig } from '../../infra/stack/stage-config';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startLocalStack } from '../../infra/local/local-stack';
import { BusinessCalendar } from '../../shared/domain/calendar/business-calendar';
import { DEFAULT_CALENDAR } from '../../shared/domain/calendar/settings';
import { assertPortFree, freeStackPorts } from '../../infra/local/ports';
import { LocalStartupError } from '../../infra/local/startup-error';

describe('npm start refuses to start with a one-line reason', () => {
  it('names the port in use and the component that wanted it', async () => {
    const blocker = createServer();
    const taken = await freeStackPorts();
    await new Promise<void>((resolve) => blocker.listen(taken.ses, '127.0.0.1', resolve));
    const dataDir = mkdtempSync(join(tmpdir(), 'kefu-startup-'));
    try {
      const failure = await startLocalStack({
        callers: loadStageConfig('local-tests'),
        dataDir,
        ports: taken,
      }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(LocalStartupError);
      expect((failure as Error).message).toBe(
        `port ${taken.ses} (ses) is already in use; stop what uses it or set another port (see README)`,
      );
    } finally {
      blocker.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('says that java is missing when it is not on PATH', async () => {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    const dataDir = mkdtempSync(join(tmpdir(), 'kefu-startup-'));
    try {
      const failure = await startLocalStack({
        callers: loadStageConfig('local-tests'),
        dataDir,
        ports: await freeStackPorts(),
      }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(LocalStartupError);
      expect((failure as Error).message).toMatch(/^java is not on PATH/);
      expect((failure as Error).message).not.toContain('\n');
    } finally {
      process.env.PATH = path;
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('npm start stops promptly on SIGTERM', () => {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const startScript = (
    JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: { start: string } }
  ).scripts.start;

  it('ends every component within 3 s, exits 0 and says so in one line', async () => {
    // The script runs node itself (no wrapper process that could kill it before it is done).
    const [command, ...args] = startScript.split(' ');
    expect(command).toBe('node');
    const stackPorts = await freeStackPorts();
    const dataDir = mkdtempSync(join(tmpdir(), 'kefu-stop-'));
    const child = spawn(process.execPath, args, {
      cwd: root,
      env: {
        ...process.env,
        KEFU_DATA_DIR: dataDir,
        KEFU_API_PORT: String(stackPorts.api),
        KEFU_DYNAMODB_PORT: String(stackPorts.dynamodb),
        KEFU_SQS_PORT: String(stackPorts.sqs),
        KEFU_SES_PORT: String(stackPorts.ses),
        KEFU_EVENTS_PORT: String(stackPorts.events),
        POWERTOOLS_LOG_LEVEL: 'ERROR',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
    try {
      const deadline = Date.now() + 90_000;
      while (!output.includes('Kefu is ready') && child.exitCode === null) {
        if (Date.now() > deadline) throw new Error(`npm start did not get ready:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(output).toContain('Kefu is ready');
      // A fresh data directory: the built-in default calendar, at today's date.
      const holidayNotices = new BusinessCalendar(DEFAULT_CALENDAR)
        .holidayScheduleWarnings(new Date())
        .map((warning) => `  ⚠ ${warning.message}`);
      const beforeReady = output.slice(0, output.indexOf('Kefu is ready')).split('\n');
      expect(beforeReady.filter((line) => line.startsWith('  ⚠'))).toEqual(holidayNotices);
      const stoppingAt = performance.now();
      child.kill('SIGTERM');
      const [code, signal] = await exited;
      const took = performance.now() - stoppingAt;
      expect({ code, signal }).toEqual({ code: 0, signal: null });
      expect(took).toBeLessThan(3_000);
      expect(output.match(/^Kefu stopped in \d+\.\d s\.$/gm)).toHaveLength(1);
      // DynamoDB Local runs on Java, a process of its own: it has ended too and freed its port.
      await assertPortFree(stackPorts.dynamodb, 'dynamodb');
      await assertPortFree(stackPorts.api, 'api');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
