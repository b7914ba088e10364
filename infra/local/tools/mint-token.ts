import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { STAFF_ROLES } from '../../../shared/http/principal';
import { SCOPES, type Scope } from '../../../wiring/manifest';
import { mintLocalToken } from '../local-auth';

const usage = `Usage: npm run token -- --scopes "customers:read customers:write" [--role staff|supervisor|admin --sub STAFF_ID [--department cs]] [--expires 12h]
Prints a bearer token the local API accepts: with --role a staff token (staff_id from --sub,
the local staff client), without it an integrator token (the local integrator client). Known scopes: ${Object.values(SCOPES).join(', ')}.`;

const fail = (message: string): never => {
  console.error(`${message}\n${usage}`);
  process.exit(2);
};

const { values } = parseArgs({
  options: {
    scopes: { type: 'string' },
    role: { type: 'string' },
    department: { type: 'string' },
    sub: { type: 'string' },
    expires: { type: 'string' },
    help: { type: 'boolean' },
  },
  strict: true,
});
if (values.help) {
  console.log(usage);
  process.exit(0);
}
if (!values.scopes) fail('--scopes is required.');
const scopes = (values.scopes ?? '').split(/[\s,]+/).filter(Boolean);
const known = new Set<string>(Object.values(SCOPES));
const unknown = scopes.filter((scope) => !known.has(scope));
if (unknown.length > 0) fail(`Unknown scope(s): ${unknown.join(', ')}.`);
if (values.role && !(STAFF_ROLES as readonly string[]).includes(values.role))
  fail(`Unknown role: ${values.role}.`);

const token = await mintLocalToken(resolve(process.env.KEFU_DATA_DIR ?? '.data'), {
  scopes: scopes as Scope[],
  subject: values.sub ?? 'local-user',
  ...(values.role ? { role: values.role } : {}),
  ...(values.department ? { department: values.department } : {}),
  ...(values.expires ? { expiresIn: values.expires } : {}),
});
console.log(token);
