import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { check, resolveConfig } from 'prettier';
import { loadStageConfig, STAGES_DIRECTORY } from '../../infra/stack/stage-config';
import { runTool } from '../support/tool-cli';

let dir: string;
const tool = (...args: string[]) => runTool('integrators', args, { KEFU_STAGES_DIR: dir });
const file = (stage = 'dev') => join(dir, `${stage}.json`);
const config = (stage = 'dev') => loadStageConfig(stage, dir);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kefu-integrators-'));
});

describe('npm run integrators', () => {
  it('adds an integrator with its scopes to infra/stages/<stage>.json, formatted as prettier would', async () => {
    writeFileSync(
      file(),
      JSON.stringify({ staffClient: { callbackUrls: ['http://localhost:5173/cb'] } }),
    );
    const added = await tool('add', 'crm', '--scopes', 'customers:read complaints:write');
    expect(added.exitCode, added.stderr).toBe(0);
    expect(added.stdout).toMatch(/Added integrator crm \(customers:read complaints:write\)/);
    expect(added.stdout).toMatch(/cdk deploy -c stage=dev/);
    expect(config()).toEqual({
      integrators: { crm: { scopes: ['customers:read', 'complaints:write'], generations: [1] } },
      staffClient: { callbackUrls: ['http://localhost:5173/cb'], logoutUrls: [] },
      corsOrigins: [],
    });
    // What the file had stays as written, laid out as the repository's prettier settings say.
    const written = readFileSync(file(), 'utf8');
    expect(Object.keys(JSON.parse(written) as object)).toEqual(['staffClient', 'integrators']);
    const options = await resolveConfig(join(STAGES_DIRECTORY, 'dev.json'));
    expect(await check(written, { ...options, parser: 'json' })).toBe(true);
    const listed = await tool('list');
    expect(listed.stdout).toBe('crm\tgenerations 1\tcustomers:read complaints:write\n');
  });

  it('creates the file of a stage that has none, on the stage --stage names', async () => {
    const added = await tool(
      'add',
      'dpo',
      '--scopes',
      'customers:erase audit:read',
      '--stage',
      'prod',
    );
    expect(added.exitCode, added.stderr).toBe(0);
    expect(config('prod').integrators).toEqual({
      dpo: { scopes: ['customers:erase', 'audit:read'], generations: [1] },
    });
    expect((await tool('list', '--stage', 'staging')).stdout).toMatch(
      /No integrators on stage staging/,
    );
  });

  it('rotates without an outage: a second generation beside the first, then retires the first', async () => {
    await tool('add', 'crm', '--scopes', 'customers:read');
    const rotated = await tool('rotate', 'crm');
    expect(rotated.exitCode, rotated.stderr).toBe(0);
    expect(config().integrators.crm?.generations).toEqual([1, 2]);
    const again = await tool('rotate', 'crm');
    expect(again.exitCode).toBe(2);
    expect(again.stderr).toMatch(/already has 2 live generations .*--retire-previous/);
    const retired = await tool('rotate', 'crm', '--retire-previous');
    expect(retired.exitCode, retired.stderr).toBe(0);
    expect(config().integrators.crm).toEqual({ scopes: ['customers:read'], generations: [2] });
    const nothing = await tool('rotate', 'crm', '--retire-previous');
    expect(nothing.exitCode).toBe(2);
    expect(nothing.stderr).toMatch(/one live generation \(2\): there is none to retire/);
    expect((await tool('rotate', 'crm')).exitCode).toBe(0);
    expect(config().integrators.crm?.generations).toEqual([2, 3]);
  });

  it('removes an integrator', async () => {
    await tool('add', 'crm', '--scopes', 'customers:read');
    await tool('add', 'erp', '--scopes', 'reports:read');
    expect((await tool('remove', 'crm')).exitCode).toBe(0);
    expect(Object.keys(config().integrators)).toEqual(['erp']);
    const missing = await tool('remove', 'crm');
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toMatch(/No integrator crm on stage dev/);
  });

  it.each([
    [['add', 'crm', '--scopes', 'customers:read', '--scopes-x'], /Unknown option '--scopes-x'/],
    [[], /Say what to do: list, add, rotate, remove/],
    [['grant', 'crm'], /Say what to do/],
    [['add'], /add needs the integrator's NAME/],
    [['add', 'crm'], /add needs --scopes/],
    [['list', 'crm'], /list takes no name/],
    [['rotate', 'crm', '--scopes', 'admin'], /--scopes belongs to add/],
    [['add', 'crm', 'erp', '--scopes', 'admin'], /Unexpected arguments: erp/],
  ])('refuses %j with the usage (exit 2)', async (args, reason) => {
    const outcome = await tool(...args);
    expect(outcome.exitCode).toBe(2);
    expect(outcome.stderr).toMatch(reason);
    expect(outcome.stderr).toMatch(/Usage: npm run integrators -- list/);
  });

  it.each([
    [['add', 'CRM', '--scopes', 'admin'], /"CRM" is not an integrator name: a lower-case slug/],
    [['add', 'crm', '--scopes', 'customers:read everything'], /Unknown scope everything: use /],
    [['add', 'crm', '--scopes', '*'], /Unknown scope \*: .*there is no wildcard/],
    [['add', 'crm', '--scopes', 'admin admin'], /lists a scope twice/],
    [['rotate', 'crm'], /No integrator crm on stage dev/],
    [['list', '--stage', 'Prod'], /invalid stage "Prod"/],
  ])('refuses %j (exit 2) and leaves the file alone', async (args, reason) => {
    const outcome = await tool(...args);
    expect(outcome.exitCode).toBe(2);
    expect(outcome.stderr).toMatch(reason);
    expect(config().integrators).toEqual({});
  });

  it('refuses an existing name, leaving its scopes as they were', async () => {
    await tool('add', 'crm', '--scopes', 'customers:read');
    const again = await tool('add', 'crm', '--scopes', 'admin');
    expect(again.exitCode).toBe(2);
    expect(again.stderr).toMatch(/Integrator crm already exists on stage dev: rotate its secret/);
    expect(config().integrators.crm?.scopes).toEqual(['customers:read']);
  });

  it('prints the usage on --help', async () => {
    const help = await tool('--help');
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toMatch(/reviewed in git like code and goes out with/);
  });
});
