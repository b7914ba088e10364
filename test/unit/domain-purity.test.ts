import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const lint = async (code: string, filePath = 'shared/domain/probe.ts') => {
  const eslint = new ESLint({ cwd: process.cwd() });
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((message) => message.ruleId);
};

describe('the lint rule that keeps shared/domain pure', () => {
  it.each([
    [
      "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nexport const c = DynamoDBClient;",
      'no-restricted-imports',
    ],
    ["import { request } from 'node:https';\nexport const r = request;", 'no-restricted-imports'],
    ["import { ulid } from 'ulid';\nexport const u = ulid;", 'no-restricted-imports'],
    [
      "import { logger } from '../adapters/logger';\nexport const l = logger;",
      'no-restricted-imports',
    ],
    ['export const now = () => Date.now();', 'no-restricted-properties'],
    ['export const pick = () => Math.random();', 'no-restricted-properties'],
    ['export const today = () => new Date();', 'no-restricted-syntax'],
    ["export const get = () => fetch('https://example.com');", 'no-restricted-syntax'],
  ])('flags %s', async (code, rule) => {
    expect(await lint(code)).toContain(rule);
  });

  it('allows pure code that is handed the time', async () => {
    expect(
      await lint('export const later = (now: Date) => new Date(now.getTime() + 1000);'),
    ).toEqual([]);
  });
});

describe('the lint rule that keeps shared/presentation pure and below nothing', () => {
  const probe = 'shared/presentation/pages/probe.ts';

  it.each([
    ["import { logger } from '../../adapters/logger';\nexport const l = logger;"],
    ["import { apiHandler } from '../../http/api-handler';\nexport const a = apiHandler;"],
    ["import { readFileSync } from 'node:fs';\nexport const r = readFileSync;"],
    ['export const today = () => new Date();'],
  ])('flags %s', async (code) => {
    expect(await lint(code, probe)).not.toEqual([]);
  });

  it('allows the domain and the operation contracts', async () => {
    expect(
      await lint(
        "import type { Language } from '../../domain/customers/customer';\n" +
          "import { MESSAGE_MAX_LENGTH } from '../../http/contracts/complaints';\n" +
          'export const f = (l: Language) => `${l}${MESSAGE_MAX_LENGTH}`;',
        probe,
      ),
    ).toEqual([]);
  });

  it('keeps the domain from importing presentation', async () => {
    expect(
      await lint(
        "import { escapeHtml } from '../presentation/html';\nexport const e = escapeHtml;",
      ),
    ).toContain('no-restricted-imports');
  });
});

describe('the lint rule that keeps shared/inbound-mail pure, but for its MIME parser', () => {
  it('flags I/O and outer layers in the readers', async () => {
    const probe = 'shared/inbound-mail/probe.ts';
    expect(
      await lint("import { logger } from '../adapters/logger';\nexport const l = logger;", probe),
    ).toContain('no-restricted-imports');
    expect(await lint('export const now = () => Date.now();', probe)).toContain(
      'no-restricted-properties',
    );
  });

  it('lets the parser use its library and hash the raw bytes', async () => {
    expect(
      await lint(
        "import { createHash } from 'node:crypto';\nexport const h = createHash;",
        'shared/inbound-mail/parse-mime.ts',
      ),
    ).toEqual([]);
  });

  it('keeps the domain from importing it', async () => {
    expect(
      await lint(
        "import { readReply } from '../inbound-mail/survey-score';\nexport const r = readReply;",
      ),
    ).toContain('no-restricted-imports');
  });
});
