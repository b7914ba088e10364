import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_STAGE_CONFIG,
  loadStageConfig,
  localIntegratorClients,
  parseStageConfig,
  STAGES_DIRECTORY,
} from '../../infra/stack/stage-config';
import { parseStage } from '../../infra/stack/stage';

const FILE = 'infra/stages/test.json';
const parse = (raw: unknown, stage = 'prod') => parseStageConfig(raw, stage, FILE);
/** The one error line of an invalid configuration. */
const refusal = (raw: unknown, stage = 'prod'): string => {
  try {
    parse(raw, stage);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('accepted');
};

describe('stage configuration', () => {
  it('fills every field a file leaves out with the safe default', () => {
    expect(parse({})).toEqual(DEFAULT_STAGE_CONFIG);
    expect(parse({ integrators: { crm: { scopes: ['customers:read'] } } })).toEqual({
      integrators: { crm: { scopes: ['customers:read'], generations: [1] } },
      staffClient: { callbackUrls: [], logoutUrls: [] },
      corsOrigins: [],
    });
  });

  it('gives a stage without a file no integrators, no callback URLs and no CORS origins', () => {
    const empty = mkdtempSync(join(tmpdir(), 'kefu-stages-'));
    expect(loadStageConfig('staging', empty)).toEqual({
      integrators: {},
      staffClient: { callbackUrls: [], logoutUrls: [] },
      corsOrigins: [],
    });
  });

  it('parses every file in infra/stages, named after a valid stage', () => {
    const files = readdirSync(STAGES_DIRECTORY).filter((f) => f.endsWith('.json'));
    expect(files).toContain('dev.json');
    for (const file of files) {
      const stage = parseStage(file.replace(/\.json$/, ''));
      expect(() => loadStageConfig(stage)).not.toThrow();
    }
  });

  it('gives the dev stage a staff client on localhost and no integrator every scope', () => {
    const dev = loadStageConfig('dev');
    expect(dev.staffClient.callbackUrls.length).toBeGreaterThan(0);
    for (const integrator of Object.values(dev.integrators)) {
      expect(integrator.scopes.length).toBeLessThan(13);
    }
  });

  it('names the file and the field of each problem, one line each', () => {
    const message = refusal({
      integrators: { crm: { scopes: ['customers:read', 'customers:wreck'] } },
      corsOrigins: ['*'],
    });
    expect(message.split('\n')).toEqual([
      'invalid stage configuration',
      `${FILE}: integrators.crm.scopes[1]: unknown scope "customers:wreck": use one of ` +
        'customers:read, customers:write, complaints:read, complaints:write, revisits:read, ' +
        'revisits:write, surveys:read, surveys:write, reports:read, improvements:read, ' +
        'improvements:write, customers:erase, audit:read, webhooks:manage, admin',
      `${FILE}: corsOrigins[0]: "*" is not an exact origin: https://host[:port] with no path, ` +
        'trailing slash or wildcard',
    ]);
  });

  it('names a file that is not JSON', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kefu-stages-'));
    writeFileSync(join(dir, 'prod.json'), '{ "integrators": ');
    expect(() => loadStageConfig('prod', dir)).toThrow(/prod\.json: not valid JSON/);
  });

  it.each([
    [{ integrator: {} }, '(top level): Unrecognized key: "integrator"'],
    [{ integrators: [] }, 'integrators: Invalid input: expected record, received array'],
    [{ integrators: { CRM: { scopes: ['admin'] } } }, 'integrators.CRM: integrator names are'],
    [{ integrators: { crm_1: { scopes: ['admin'] } } }, 'integrators.crm_1: integrator names'],
    [{ integrators: { 'crm-': { scopes: ['admin'] } } }, 'integrators.crm-: integrator names'],
    [{ integrators: { c: { scopes: ['admin'] } } }, 'integrators.c: integrator names'],
    [{ integrators: { crm: {} } }, 'integrators.crm.scopes: Invalid input: expected array'],
    [{ integrators: { crm: { scopes: [] } } }, 'integrators.crm.scopes: lists no scope'],
    [
      { integrators: { crm: { scopes: ['*'] } } },
      'integrators.crm.scopes[0]: there is no wildcard',
    ],
    [
      { integrators: { crm: { scopes: ['kefu/admin'] } } },
      'integrators.crm.scopes[0]: unknown scope "kefu/admin"',
    ],
    [
      { integrators: { crm: { scopes: ['admin', 'admin'] } } },
      'integrators.crm.scopes: lists a scope twice',
    ],
    [
      { integrators: { crm: { scopes: ['admin'], secret: 'x' } } },
      'integrators.crm: Unrecognized key: "secret"',
    ],
    [
      { integrators: { crm: { scopes: ['admin'], generations: [] } } },
      'integrators.crm.generations: lists no live generation',
    ],
    [
      { integrators: { crm: { scopes: ['admin'], generations: [0] } } },
      'integrators.crm.generations[0]: generations are whole numbers from 1',
    ],
    [
      { integrators: { crm: { scopes: ['admin'], generations: [2, 1] } } },
      'integrators.crm.generations: generations must be in ascending order',
    ],
    [
      { integrators: { crm: { scopes: ['admin'], generations: [1, 2, 3] } } },
      'integrators.crm.generations: at most 2 generations are live',
    ],
    [
      { staffClient: { callbackUrls: ['http://service.example.com/cb'] } },
      'staffClient.callbackUrls[0]: "http://service.example.com/cb" is not an absolute https URL',
    ],
    [
      { staffClient: { callbackUrls: ['http://localhost:5173/cb'] } },
      'staffClient.callbackUrls[0]: "http://localhost:5173/cb" is not an absolute https URL',
    ],
    [
      { staffClient: { callbackUrls: ['https://service.example.com/#/cb'] } },
      'staffClient.callbackUrls[0]: "https://service.example.com/#/cb" is not',
    ],
    [{ staffClient: { logoutUrls: ['/signed-out'] } }, 'staffClient.logoutUrls[0]: "/signed-out"'],
    [
      { staffClient: { callbackUrls: ['https://a.example.com/', 'https://a.example.com/'] } },
      'staffClient.callbackUrls: lists a URL twice',
    ],
    [{ staffClient: { callbackUrl: [] } }, 'staffClient: Unrecognized key: "callbackUrl"'],
    [{ corsOrigins: ['https://app.example.com/'] }, 'corsOrigins[0]: "https://app.example.com/"'],
    [
      { corsOrigins: ['https://app.example.com/ui'] },
      'corsOrigins[0]: "https://app.example.com/ui"',
    ],
    [{ corsOrigins: ['https://*.example.com'] }, 'corsOrigins[0]: "https://*.example.com"'],
    [
      { staffClient: { callbackUrls: ['https://*.example.com/cb'] } },
      'staffClient.callbackUrls[0]: "https://*.example.com/cb" is not',
    ],
    [{ corsOrigins: ['http://localhost:5173'] }, 'corsOrigins[0]: "http://localhost:5173"'],
    [
      { corsOrigins: ['https://app.example.com', 'https://app.example.com'] },
      'corsOrigins: lists a origin twice',
    ],
  ])('refuses %j on prod', (raw, expected) => {
    expect(refusal(raw)).toContain(`${FILE}: ${expected}`);
  });

  it('lets only the dev stage use http://localhost', () => {
    const local = {
      staffClient: {
        callbackUrls: ['http://localhost:5173/auth/callback'],
        logoutUrls: ['http://127.0.0.1:5173/'],
      },
      corsOrigins: ['http://localhost:5173'],
    };
    expect(parse(local, 'dev').corsOrigins).toEqual(['http://localhost:5173']);
    expect(refusal(local, 'staging')).toMatch(/callbackUrls\[0\]/);
    expect(refusal({ corsOrigins: ['http://example.com'] }, 'dev')).toContain(
      'corsOrigins[0]: "http://example.com" is not an exact origin: https (or http://localhost on dev)',
    );
  });

  it('gives the local runtime one kefu-local-<name> client per integrator, with its scopes', () => {
    const config = parse({
      integrators: {
        crm: { scopes: ['customers:read'], generations: [3, 4] },
        dpo: { scopes: ['customers:erase', 'audit:read'] },
      },
    });
    expect(localIntegratorClients(config)).toEqual([
      { name: 'crm', clientId: 'kefu-local-crm', scopes: ['customers:read'] },
      { name: 'dpo', clientId: 'kefu-local-dpo', scopes: ['customers:erase', 'audit:read'] },
    ]);
    expect(localIntegratorClients(DEFAULT_STAGE_CONFIG)).toEqual([]);
  });
});
