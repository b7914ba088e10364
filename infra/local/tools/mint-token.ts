import { resolve } from 'node:path';
import { SCOPES, type Scope } from '../../../wiring/manifest';
import { mintLocalToken } from '../local-auth';
import { DEFAULT_PORTS } from '../ports';
import { fail, toolArguments } from './tool-cli';

const usage = `Usage: npm run token -- --staff STAFF_ID [--scopes "complaints:read …"]
       npm run token -- --scopes "customers:read customers:write" [--expires 12h]
Prints a bearer token the local API accepts.
  --staff  signs the person in as Cognito would (npm start must be running): their account is
           made by PUT /staff/{id}, and their /staff record decides role, department and the
           scopes the role may hold (all of the role's when --scopes is left out).
  without  an integrator's token (the local integrator client) with exactly --scopes; an
  --staff  integrator token with admin adds the first staff member.
Known scopes: ${Object.values(SCOPES).join(', ')}.`;

const { values } = toolArguments(usage, {
  options: {
    staff: { type: 'string' },
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
    fail(`--expires is for integrator tokens; staff tokens last an hour.\n${usage}`);
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
  if (scopes.length === 0) fail(`--scopes is required for an integrator token.\n${usage}`);
  console.log(
    await mintLocalToken(resolve(process.env.KEFU_DATA_DIR ?? '.data'), {
      scopes: scopes as Scope[],
      ...(values.expires ? { expiresIn: values.expires } : {}),
    }),
  );
}
