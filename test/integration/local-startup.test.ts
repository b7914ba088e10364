import { createServer } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startLocalStack } from '../../infra/local/local-stack';
import { freePort } from '../../infra/local/ports';
import { LocalStartupError } from '../../infra/local/startup-error';

const ports = async () => ({
  api: await freePort(),
  dynamodb: await freePort(),
  sqs: await freePort(),
  ses: await freePort(),
  events: await freePort(),
});

describe('npm start refuses to start with a one-line reason', () => {
  it('names the port in use and the component that wanted it', async () => {
    const blocker = createServer();
    const taken = await ports();
    await new Promise<void>((resolve) => blocker.listen(taken.ses, '127.0.0.1', resolve));
    const dataDir = mkdtempSync(join(tmpdir(), 'kefu-startup-'));
    try {
      const failure = await startLocalStack({ dataDir, ports: taken }).catch(
        (error: unknown) => error,
      );
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
      const failure = await startLocalStack({ dataDir, ports: await ports() }).catch(
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(LocalStartupError);
      expect((failure as Error).message).toMatch(/^java is not on PATH/);
      expect((failure as Error).message).not.toContain('\n');
    } finally {
      process.env.PATH = path;
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
