import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CognitoStaffAccounts } from '../../../shared/adapters/identity/cognito-staff-accounts';

/**
 * The Cognito adapter through the real SDK client against a stand-in of the user pool's admin
 * API: the JSON protocol (`X-Amz-Target: AWSCognitoIdentityProviderService.<Action>`), with the
 * error shape Cognito answers (`__type` and `message`, status 400), so the SDK's own
 * `UserNotFoundException` mapping is what the adapter relies on.
 */
interface Call {
  action: string;
  body: Record<string, unknown>;
}
const calls: Call[] = [];
const users = new Map<string, { enabled: boolean }>();
let server: Server;
const ENV_NAMES = [
  'AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER',
  'AWS_REGION',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
] as const;
const savedEnv = Object.fromEntries(ENV_NAMES.map((name) => [name, process.env[name]]));

const answer = (action: string, body: Record<string, unknown>): [number, unknown] => {
  const username = String(body.Username);
  const missing: [number, unknown] = [
    400,
    { __type: 'UserNotFoundException', message: 'User does not exist.' },
  ];
  switch (action) {
    case 'AdminGetUser': {
      const user = users.get(username);
      return user ? [200, { Username: username, Enabled: user.enabled }] : missing;
    }
    case 'AdminCreateUser':
      users.set(username, { enabled: true });
      return [200, { User: { Username: username, Enabled: true } }];
    case 'AdminEnableUser':
    case 'AdminDisableUser': {
      const user = users.get(username);
      if (!user) return missing;
      user.enabled = action === 'AdminEnableUser';
      return [200, {}];
    }
    default:
      return users.has(username) ? [200, {}] : missing;
  }
};

beforeAll(async () => {
  server = createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    request.on('end', () => {
      const action = String(request.headers['x-amz-target']).split('.')[1] ?? '';
      const body = JSON.parse(raw) as Record<string, unknown>;
      calls.push({ action, body });
      const [status, payload] = answer(action, body);
      response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
      response.end(JSON.stringify(payload));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    AWS_REGION: 'eu-west-1',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
  });
});
afterAll(async () => {
  for (const name of ENV_NAMES) {
    if (savedEnv[name] === undefined) Reflect.deleteProperty(process.env, name);
    else process.env[name] = savedEnv[name];
  }
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
beforeEach(() => {
  calls.length = 0;
  users.clear();
});

const accounts = new CognitoStaffAccounts('eu-west-1_Pool');
const person = { staffId: 'li-na', email: 'li.na@example.com', name: '李娜' };

describe('CognitoStaffAccounts', () => {
  it('creates a new person as a user named by the staff id, invited by email, email verified', async () => {
    expect(await accounts.provision(person)).toBe('invited');
    expect(calls.map((call) => call.action)).toEqual(['AdminGetUser', 'AdminCreateUser']);
    expect(calls[1]?.body).toEqual({
      UserPoolId: 'eu-west-1_Pool',
      Username: 'li-na',
      DesiredDeliveryMediums: ['EMAIL'],
      UserAttributes: [
        { Name: 'email', Value: 'li.na@example.com' },
        { Name: 'email_verified', Value: 'true' },
        { Name: 'name', Value: '李娜' },
      ],
    });
  });

  it('updates an existing person without a second invitation, and enables a disabled one', async () => {
    users.set('li-na', { enabled: false });
    expect(await accounts.provision({ ...person, email: 'na.li@example.com' })).toBe('updated');
    expect(calls.map((call) => call.action)).toEqual([
      'AdminGetUser',
      'AdminUpdateUserAttributes',
      'AdminEnableUser',
    ]);
    expect(users.get('li-na')?.enabled).toBe(true);
    calls.length = 0;
    await accounts.provision(person);
    expect(calls.map((call) => call.action)).toEqual(['AdminGetUser', 'AdminUpdateUserAttributes']);
  });

  it('disables and signs out everywhere; a person without an account is absent, not an error', async () => {
    users.set('li-na', { enabled: true });
    expect(await accounts.disable('li-na')).toBe('disabled');
    expect(calls.map((call) => call.action)).toEqual([
      'AdminGetUser',
      'AdminDisableUser',
      'AdminUserGlobalSignOut',
    ]);
    expect(users.get('li-na')?.enabled).toBe(false);
    calls.length = 0;
    expect(await accounts.disable('ghost')).toBe('absent');
    expect(calls.map((call) => call.action)).toEqual(['AdminGetUser']);
  });
});
