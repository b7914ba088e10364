import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { transform } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateWebhookSecret, signWebhook } from '../../../shared/adapters/webhooks/signature';

type Verify = (
  headers: Record<string, string | string[] | undefined>,
  body: Buffer,
  secrets: string[],
) => boolean;

let directory: string;
let verify: Verify;

/** The verification sample in docs/WEBHOOKS.md, run as receivers would copy it. */
beforeAll(async () => {
  const page = await readFile('docs/WEBHOOKS.md', 'utf8');
  const section = page.slice(page.indexOf('## Verifying a signature'));
  const sample = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
  if (!sample) throw new Error('no TypeScript sample under "Verifying a signature"');
  const { code } = await transform(sample, { loader: 'ts', format: 'esm' });
  directory = await mkdtemp(join(tmpdir(), 'kefu-docs-sample-'));
  const file = join(directory, 'verify.mjs');
  await writeFile(file, code);
  ({ verifyKefuWebhook: verify } = (await import(pathToFileURL(file).href)) as {
    verifyKefuWebhook: Verify;
  });
});

afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('the verification sample in docs/WEBHOOKS.md', () => {
  const secret = generateWebhookSecret();
  const body = '{"id":"E1","type":"ComplaintRouted","time":"t","data":{}}';
  const signedAt = (timestamp: number, secrets = [secret]) =>
    signWebhook({ id: 'E1', timestamp, body, secrets });
  const nowSeconds = () => Math.floor(Date.now() / 1000);

  it('accepts what Kefu signs, with either secret during a rotation', () => {
    expect(verify(signedAt(nowSeconds()), Buffer.from(body), [secret])).toBe(true);
    const rotated = signedAt(nowSeconds(), [generateWebhookSecret(), secret]);
    expect(verify(rotated, Buffer.from(body), [secret])).toBe(true);
  });

  it('refuses an altered body, another secret, a stale timestamp and missing headers', () => {
    expect(verify(signedAt(nowSeconds()), Buffer.from(`${body} `), [secret])).toBe(false);
    expect(verify(signedAt(nowSeconds()), Buffer.from(body), [generateWebhookSecret()])).toBe(
      false,
    );
    expect(verify(signedAt(nowSeconds() - 301), Buffer.from(body), [secret])).toBe(false);
    expect(verify({}, Buffer.from(body), [secret])).toBe(false);
  });
});
