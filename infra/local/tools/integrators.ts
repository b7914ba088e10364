import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { parseStage } from '../../stack/stage';
import {
  INTEGRATOR_NAME,
  isScope,
  MAX_LIVE_GENERATIONS,
  parseStageConfig,
  STAGES_DIRECTORY,
  stageConfigFile,
  type StageConfig,
} from '../../stack/stage-config';
import { SCOPES } from '../../../wiring/names';
import { fail, toolArguments } from './tool-cli';

const usage = `Usage: npm run integrators -- list [--stage dev]
       npm run integrators -- add NAME --scopes "customers:read complaints:write" [--stage dev]
       npm run integrators -- rotate NAME [--retire-previous] [--stage dev]
       npm run integrators -- remove NAME [--stage dev]
Edits who may call a stage: infra/stages/<stage>.json. Nothing here calls AWS. The file is the
one place integrators are configured: the change is reviewed in git like code and goes out with
\`npx cdk deploy -c stage=<stage>\`, which gives each integrator generation its own Cognito app
client with exactly its scopes, so the user pool never drifts from what the repository says.
  list       each integrator with its live generations and scopes
  add        a new integrator (a lower-case slug) with the scopes it needs, listed one by one
             (${Object.values(SCOPES).join(', ')}); no wildcard
  rotate     a new secret without an outage: adds the next generation's app client beside the
             current one; once the integrator uses the new secret, --retire-previous removes the
             older client (and with it the old secret)
  remove     the integrator and all its app clients (offboarding)
Afterwards: deploy, then read the client id from the stack output Integrator<Name>G<n>ClientId and
its secret with \`aws cognito-idp describe-user-pool-client\` (docs/RUNBOOK.md).`;

const { values, positionals } = toolArguments(usage, {
  options: {
    stage: { type: 'string', default: 'dev' },
    scopes: { type: 'string' },
    'retire-previous': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
  allowPositionals: true,
  strict: true,
});

const [command, name, ...extra] = positionals;
const commands = ['list', 'add', 'rotate', 'remove'];
if (command === undefined || !commands.includes(command)) {
  fail(`Say what to do: ${commands.join(', ')}.\n${usage}`);
}
if (extra.length > 0) fail(`Unexpected arguments: ${extra.join(' ')}.\n${usage}`);
if (command === 'list' && name !== undefined) fail(`list takes no name.\n${usage}`);
if (command !== 'list' && name === undefined)
  fail(`${command} needs the integrator's NAME.\n${usage}`);
if (values.scopes !== undefined && command !== 'add') fail(`--scopes belongs to add.\n${usage}`);
if (values['retire-previous'] && command !== 'rotate') {
  fail(`--retire-previous belongs to rotate.\n${usage}`);
}

let stage = '';
try {
  stage = parseStage(values.stage);
} catch (error) {
  fail((error as Error).message);
}
// Tests point the tool at a directory of their own.
const directory = process.env.KEFU_STAGES_DIR ?? STAGES_DIRECTORY;
const file = stageConfigFile(stage, directory);
const shown = relative(process.cwd(), file).startsWith('..') ? file : relative(process.cwd(), file);

type RawIntegrator = { scopes: string[]; generations?: number[] };
type RawConfig = { integrators?: Record<string, RawIntegrator>; [field: string]: unknown };

/** The file as written (defaults stay implicit), checked as `cdk synth` would check it. */
const readRaw = (): RawConfig => {
  if (!existsSync(file)) return {};
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    return fail(`${shown}: not valid JSON: ${(error as Error).message}`, 1);
  }
  check(raw);
  return raw as RawConfig;
};

const check = (raw: unknown): StageConfig => {
  try {
    return parseStageConfig(raw, stage, shown);
  } catch (error) {
    return fail((error as Error).message, 1);
  }
};

const write = async (raw: RawConfig, done: string): Promise<void> => {
  check(raw);
  // The repository's prettier settings, wherever the file is, so `npm run lint` passes on it.
  const options = (await resolveConfig(join(STAGES_DIRECTORY, basename(file)))) ?? {};
  writeFileSync(file, await format(JSON.stringify(raw), { ...options, parser: 'json' }));
  console.log(`${done} in ${shown}.`);
  console.log(
    `Next: review and commit the change, then \`npx cdk deploy -c stage=${stage}\` ` +
      '(docs/RUNBOOK.md, "Onboarding and offboarding integrators").',
  );
};

const raw = readRaw();
const integrators = raw.integrators ?? {};
const existing = name === undefined ? undefined : integrators[name];
const generationsOf = (integrator: RawIntegrator) => integrator.generations ?? [1];

switch (command) {
  case 'list': {
    const config = check(raw);
    const entries = Object.entries(config.integrators);
    if (entries.length === 0) console.log(`No integrators on stage ${stage} (${shown}).`);
    for (const [integrator, { scopes, generations }] of entries) {
      console.log(`${integrator}\tgenerations ${generations.join(',')}\t${scopes.join(' ')}`);
    }
    break;
  }
  case 'add': {
    if (!INTEGRATOR_NAME.test(name ?? '')) {
      fail(`"${name}" is not an integrator name: a lower-case slug (${INTEGRATOR_NAME.source}).`);
    }
    if (existing) {
      fail(
        `Integrator ${name} already exists on stage ${stage}: rotate its secret with ` +
          `\`rotate ${name}\`, or remove it first.`,
      );
    }
    const scopes = (values.scopes ?? '').split(/[\s,]+/).filter(Boolean);
    if (scopes.length === 0)
      fail(`add needs --scopes "a b", the scopes ${name} may hold.\n${usage}`);
    const unknown = scopes.filter((scope) => !isScope(scope));
    if (unknown.length > 0) {
      fail(
        `Unknown scope${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}: use ` +
          `${Object.values(SCOPES).join(', ')} (there is no wildcard).`,
      );
    }
    if (new Set(scopes).size !== scopes.length) fail('--scopes lists a scope twice.');
    await write(
      { ...raw, integrators: { ...integrators, [name as string]: { scopes } } },
      `Added integrator ${name} (${scopes.join(' ')})`,
    );
    break;
  }
  case 'rotate': {
    if (!existing) fail(`No integrator ${name} on stage ${stage} (${shown}).`);
    const integrator = existing as RawIntegrator;
    const generations = generationsOf(integrator);
    const current = generations[generations.length - 1] ?? 1;
    if (values['retire-previous']) {
      if (generations.length < 2) {
        fail(`Integrator ${name} has one live generation (${current}): there is none to retire.`);
      }
      await write(
        {
          ...raw,
          integrators: {
            ...integrators,
            [name as string]: { ...integrator, generations: [current] },
          },
        },
        `Retired generation ${generations.slice(0, -1).join(', ')} of ${name}; ${current} stays`,
      );
      break;
    }
    if (generations.length >= MAX_LIVE_GENERATIONS) {
      fail(
        `Integrator ${name} already has ${generations.length} live generations ` +
          `(${generations.join(', ')}): once it uses generation ${current}'s secret, ` +
          `\`rotate ${name} --retire-previous\`, then rotate again.`,
      );
    }
    await write(
      {
        ...raw,
        integrators: {
          ...integrators,
          [name as string]: { ...integrator, generations: [...generations, current + 1] },
        },
      },
      `Added generation ${current + 1} of ${name} beside ${current}`,
    );
    break;
  }
  case 'remove': {
    if (!existing) fail(`No integrator ${name} on stage ${stage} (${shown}).`);
    const rest = Object.fromEntries(Object.entries(integrators).filter(([key]) => key !== name));
    await write({ ...raw, integrators: rest }, `Removed integrator ${name}`);
    break;
  }
}
