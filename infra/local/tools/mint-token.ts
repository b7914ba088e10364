import { resolve } from 'node:path';
import { SCOPES, type Scope } from '../../../wiring/manifest';
import { STAFF_ACCESS_TOKEN_MINUTES } from '../../token-lifetimes';
import { mintLocalToken } from '../local-auth';
import { loadStageConfig, localIntegratorClients } from '../../stack/stage-config';
import { DEFAULT_PORTS } from '../ports';
import { fail, toolArguments } from './tool-cli';

const callers = loadStageConfig('dev');
const integrators = localIntegratorClients(callers);

const usage = `Usage: npm run token -- --staff STAFF_ID [--scopes "complaints:read …"]
       npm run token -- --integrator NAME [--scopes "customers:read …"] [--expires 1h]
Prints a bearer token the local API accepts.
  --staff       signs the person in as Cognito would (npm start must be running): their account
                is made by PUT /staff/{id}, and their /staff record decides role, department and
                the scopes the role may hold (all of the role's when --scopes is left out).
  --integrator  a client-credentials token of that integrator of infra/stages/dev.json (client
                kefu-local-NAME): the scopes asked for, each one the integrator was given, or
                all of them when --scopes is left out. The bootstrap integrator (admin) adds the
                first staff member.
Integrators: ${integrators.map((client) => `${client.name} (${client.scopes.join(' ')})`).join('; ') || 'none'}.
Known scopes: ${Object.values(SCOPES).join(', ')}.`;

const { values } = toolArguments(usage, {
  options: {
    staff: { type: 'string' },
    integrator: { type: 'string' },
    scopes: { type: 'string' },
    expires: { type: 'string' },
    help: { type: 'boolean' },
  },
  strict: true,
  allowPositionals: false,
});
const scopes = (values.scopes ?? '').split(/[\s,]+/).filter(Boolean);
const known = new Set<string>(Object.values(SCOPES));
const unknown = scopes.filter((scope) => !known.has(scope));
if (unknown.length > 0) fail(`Unknown scope(s): ${unknown.join(', ')}.\n${usage}`);

if (values.staff !== undefined) {
  if (values.expires)
    fail(
      `--expires is for integrator tokens; staff tokens last ${STAFF_ACCESS_TOKEN_MINUTES} minutes, as in AWS.\n${usage}`,
    );
  const api = `http://127.0.0.1:${process.env.KEFU_API_PORT ?? DEFAULT_PORTS.api}`;
  const response = await fetch(`${api}/_local/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ staffId: values.staff, ...(scopes.length ? { scopes } : {}) }),
  }).catch(() => fail(`Cannot reach the local API at ${api}: is \`npm start\` running?`, 1));
  const body = (await response.json()) as { access_token?: string; detail?: string };
  if (!response.ok || !body.access_token) {
    fail(`Sign-in refused: ${body.detail ?? response.status}`, 1);
  }
  console.log(body.access_token);
} else {
  if (values.integrator === undefined) fail(`Name --staff or --integrator.\n${usage}`);
  const client =
    integrators.find((candidate) => candidate.name === values.integrator) ??
    fail(`No integrator ${values.integrator} in infra/stages/dev.json.\n${usage}`);
  // Cognito answers invalid_scope for a scope the client was not given.
  const refused = scopes.filter((scope) => !(client.scopes as string[]).includes(scope));
  if (refused.length > 0) {
    fail(`invalid_scope: ${values.integrator} was not given ${refused.join(', ')}.`);
  }
  console.log(
    await mintLocalToken(resolve(process.env.KEFU_DATA_DIR ?? '.data'), {
      scopes: (scopes.length > 0 ? scopes : client.scopes) as Scope[],
      clientId: client.clientId,
      subject: client.clientId,
      ...(values.expires ? { expiresIn: values.expires } : {}),
    }),
  );
}
