import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as z from '../../shared/zod';
import { SCOPES, type Scope } from '../../wiring/names';

/**
 * Who may call one stage, kept in `infra/stages/<stage>.json` and reviewed in git like code: the
 * integrators (one Cognito client-credentials app client per live generation, each allowed exactly
 * its listed scopes), the staff app client's callback and logout URLs, and the browser origins
 * CORS admits. `cdk deploy` makes the user pool match the file, so nothing is configured by hand
 * in the console and nothing drifts. A stage without a file gets `DEFAULT_STAGE_CONFIG`: no
 * integrators, no staff sign-in pages, no CORS.
 *
 * ```json
 * {
 *   "integrators": {
 *     "crm": { "scopes": ["customers:read", "complaints:write"], "generations": [1] }
 *   },
 *   "staffClient": {
 *     "callbackUrls": ["https://service.example.com/auth/callback"],
 *     "logoutUrls": ["https://service.example.com/"]
 *   },
 *   "corsOrigins": ["https://service.example.com"]
 * }
 * ```
 *
 * - `integrators`: names are lower-case slugs (`INTEGRATOR_NAME`). `scopes` lists manifest scopes
 *   one by one; there is no wildcard, so `admin`, `customers:erase`, `audit:read` and
 *   `webhooks:manage` are held only where written. `generations` (default `[1]`) are the live
 *   client generations: `npm run integrators -- rotate` adds the next one beside the current one
 *   (two secrets work at once), `--retire-previous` drops the older. At most two are live.
 * - `staffClient`: the authorization-code (PKCE) redirect targets of managed login. https only;
 *   `http://localhost` only on the `dev` stage. None: the staff client has no hosted sign-in.
 * - `corsOrigins`: exact origins (`https://host[:port]`, no path, no `*`); same scheme rule.
 */
export interface StageConfig {
  integrators: Record<string, IntegratorConfig>;
  staffClient: { callbackUrls: string[]; logoutUrls: string[] };
  corsOrigins: string[];
}

export interface IntegratorConfig {
  scopes: Scope[];
  /** Live generations, ascending: one app client each. */
  generations: number[];
}

/** What a stage without `infra/stages/<stage>.json` gets: nobody but administrators' tools. */
export const DEFAULT_STAGE_CONFIG: StageConfig = {
  integrators: {},
  staffClient: { callbackUrls: [], logoutUrls: [] },
  corsOrigins: [],
};

/** `crm`, `erp-sync`: 2–32 lower-case letters, digits and inner hyphens, starting with a letter. */
export const INTEGRATOR_NAME = /^[a-z](?:[a-z0-9-]{0,30}[a-z0-9])$/;
/** Overlapping secrets during a rotation: the current generation and the one before it. */
export const MAX_LIVE_GENERATIONS = 2;

const KNOWN_SCOPES: readonly string[] = Object.values(SCOPES);
export const isScope = (value: string): value is Scope => KNOWN_SCOPES.includes(value);

export const STAGES_DIRECTORY = resolve(dirname(fileURLToPath(import.meta.url)), '../stages');
export const stageConfigFile = (stage: string, directory = STAGES_DIRECTORY): string =>
  join(directory, `${stage}.json`);

const unique = <T>(items: readonly T[]) => new Set(items).size === items.length;

/** http is for a developer's own machine, on the throwaway dev stage only. */
const LOCALHOST = new Set(['localhost', '127.0.0.1', '[::1]']);
const schemeAllowed = (url: URL, stage: string): boolean =>
  url.protocol === 'https:' ||
  (url.protocol === 'http:' && stage === 'dev' && LOCALHOST.has(url.hostname));
const schemeRule = (stage: string) =>
  stage === 'dev' ? 'https (or http://localhost on dev)' : 'https';

const parseUrl = (value: string): URL | undefined => {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
};

/**
 * A URL field of the stage's scheme rule (https; http://localhost on dev), no wildcard, and what
 * else `shape` demands of it; `refusal` says what it should have been.
 */
const urlField = (
  stage: string,
  shape: (url: URL, value: string) => boolean,
  refusal: (scheme: string) => string,
) =>
  z.string().check(
    z.refine(
      (value) => {
        const url = parseUrl(value);
        return (
          url !== undefined &&
          schemeAllowed(url, stage) &&
          !value.includes('*') &&
          shape(url, value)
        );
      },
      { error: (issue) => `${JSON.stringify(issue.input)} is not ${refusal(schemeRule(stage))}` },
    ),
  );

/** A redirect target: absolute, no fragment (Cognito refuses them), no user info. */
const redirectUrl = (stage: string) =>
  urlField(
    stage,
    (url, value) => !value.includes('#') && !url.username && !url.password,
    (scheme) => `an absolute ${scheme} URL without fragment, wildcard or credentials`,
  );

const origin = (stage: string) =>
  urlField(
    stage,
    (url, value) => url.origin === value,
    (scheme) => `an exact origin: ${scheme}://host[:port] with no path, trailing slash or wildcard`,
  );

const distinct = <T>(what: string) =>
  z.refine<T[]>((items) => unique(items), { error: `lists a ${what} twice` });

const scope = z.string().check(
  z.refine(isScope, {
    error: (issue) =>
      issue.input === '*'
        ? 'there is no wildcard scope: list each scope the integrator needs'
        : `unknown scope ${JSON.stringify(issue.input)}: use one of ${KNOWN_SCOPES.join(', ')}`,
  }),
);

const integrator = z.strictObject({
  scopes: z.array(scope).check(z.minLength(1, 'lists no scope'), distinct('scope')),
  generations: z._default(
    z.array(z.int().check(z.gte(1, 'generations are whole numbers from 1'))).check(
      z.minLength(1, 'lists no live generation'),
      z.maxLength(MAX_LIVE_GENERATIONS, `at most ${MAX_LIVE_GENERATIONS} generations are live`),
      z.refine((gens) => gens.every((g, i) => i === 0 || g > (gens[i - 1] ?? 0)), {
        error: 'generations must be in ascending order without repeats',
      }),
    ),
    [1],
  ),
});

const schemaFor = (stage: string) =>
  z.strictObject({
    integrators: z._default(
      z.record(
        z
          .string()
          .check(
            z.regex(
              INTEGRATOR_NAME,
              `integrator names are lower-case slugs matching ${INTEGRATOR_NAME.source}`,
            ),
          ),
        integrator,
      ),
      {},
    ),
    staffClient: z._default(
      z.strictObject({
        callbackUrls: z._default(
          z.array(redirectUrl(stage)).check(z.maxLength(100), distinct('URL')),
          [],
        ),
        logoutUrls: z._default(
          z.array(redirectUrl(stage)).check(z.maxLength(100), distinct('URL')),
          [],
        ),
      }),
      { callbackUrls: [], logoutUrls: [] },
    ),
    corsOrigins: z._default(z.array(origin(stage)).check(distinct('origin')), []),
  });

/** `integrators.crm.scopes[1]`. */
const fieldPath = (path: readonly PropertyKey[]): string =>
  path.reduce<string>(
    (text, key) =>
      typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key),
    '',
  ) || '(top level)';

interface Issue {
  path: PropertyKey[];
  message: string;
  issues?: Issue[];
}
const describeIssue = (issue: Issue): string => {
  const nested = issue.issues?.[0];
  return `${fieldPath(issue.path)}: ${nested ? nested.message : issue.message}`;
};

/**
 * Validates the parsed JSON of one stage's file; every problem is one line naming the file and
 * the field (`infra/stages/dev.json: integrators.crm.scopes[0]: unknown scope "x"`).
 */
export const parseStageConfig = (raw: unknown, stage: string, file: string): StageConfig => {
  const result = z.safeParse(schemaFor(stage), raw);
  if (!result.success) {
    const lines = (result.error.issues as Issue[]).map(
      (issue) => `${file}: ${describeIssue(issue)}`,
    );
    throw new Error(`invalid stage configuration\n${lines.join('\n')}`);
  }
  return result.data as StageConfig;
};

const displayName = (file: string) => {
  const shown = relative(process.cwd(), file);
  return shown.startsWith('..') ? file : shown;
};

/** Reads `infra/stages/<stage>.json`, or `DEFAULT_STAGE_CONFIG` when the stage has no file. */
export const loadStageConfig = (stage: string, directory = STAGES_DIRECTORY): StageConfig => {
  const file = stageConfigFile(stage, directory);
  if (!existsSync(file)) return structuredClone(DEFAULT_STAGE_CONFIG);
  const name = displayName(file);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${name}: not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  return parseStageConfig(raw, stage, name);
};

/** The app-client name of one integrator generation: `integrator-crm`, then `integrator-crm-g2`. */
export const integratorClientName = (name: string, generation: number): string =>
  generation === 1 ? `integrator-${name}` : `integrator-${name}-g${generation}`;

export interface LocalIntegratorClient {
  name: string;
  clientId: `kefu-local-${string}`;
  scopes: Scope[];
}

/** The local runtime's integrator clients: one per configured integrator (generations are Cognito's). */
export const localIntegratorClients = (config: StageConfig): LocalIntegratorClient[] =>
  Object.entries(config.integrators).map(([name, integrator]) => ({
    name,
    clientId: `kefu-local-${name}`,
    scopes: [...integrator.scopes],
  }));
