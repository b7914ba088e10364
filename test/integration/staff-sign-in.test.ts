import { readFileSync } from 'node:fs';
import { decodeJwt } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { localAccountsFile } from '../../infra/local/local-auth';
import {
  api,
  eventually,
  expectCleanProblem,
  newCustomer,
  signIn,
  stack,
  tokenFor,
} from '../support/harness';
import { runTool } from '../support/tool-cli';

/**
 * Staff identity end to end on the local stack: an admin adds people through PUT /staff, which
 * makes their sign-in account; they sign in through the same pre-token trigger Cognito invokes,
 * and their /staff record — not a command-line flag — decides what the token says.
 */
const run = Date.now().toString(36);
const adminId = `admin-${run}`;
const agentId = `agent-${run}`;
const salesId = `sales-${run}`;

interface Complaint {
  id: string;
  department?: string;
  status: string;
}

const person = (name: string, department: string, role: string, extra = {}) => ({
  name,
  email: `${name}.${run}@example.com`,
  department,
  role,
  onDuty: false,
  ...extra,
});

const tokenOf = async (staffId: string, scopes?: string[]) => {
  const response = await signIn(staffId, scopes);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  expect(response.body.token_type).toBe('Bearer');
  return response.body.access_token;
};

let admin: string;
let integrator: string;

beforeAll(async () => {
  // Bootstrap as in AWS: an integrator client allowed `admin` adds the first administrator.
  integrator = await tokenFor(['admin', 'complaints:read', 'complaints:write', 'customers:write']);
  const created = await api(`/staff/${adminId}`, {
    method: 'PUT',
    token: integrator,
    body: person('Admin', 'logistics', 'head', { administrator: true }),
  });
  expect(created.status).toBe(201);
  admin = await tokenOf(adminId);
  // Routing sends complaints only to configured departments (else customer service triages).
  for (const department of ['logistics', 'finance']) {
    const configured = await api(`/departments/${department}`, {
      method: 'PUT',
      token: admin,
      body: { name: department },
    });
    expect(configured.status).toBeLessThan(300);
  }
});

describe('staff sign-in', () => {
  it('gives an administrator an admin token with every scope, named by the staff id', () => {
    const claims = decodeJwt(admin);
    expect(claims).toMatchObject({
      staff_id: adminId,
      role: 'admin',
      department: 'logistics',
      token_use: 'access',
      username: adminId,
    });
    // Cognito's sub is a UUID no /staff record knows: Kefu names the person by staff_id.
    expect(claims.sub).toMatch(/^[0-9a-f-]{36}$/);
    expect(String(claims.scope).split(' ')).toEqual(
      expect.arrayContaining(['openid', 'kefu/admin', 'kefu/audit:read', 'kefu/complaints:write']),
    );
  });

  it('lets an admin add an agent, who signs in and sees only their department’s complaints', async () => {
    const added = await api(`/staff/${agentId}`, {
      method: 'PUT',
      token: admin,
      body: person('Agent', 'logistics', 'agent'),
    });
    expect(added.status).toBe(201);
    const accounts = JSON.parse(readFileSync(localAccountsFile(stack.dataDir), 'utf8'));
    expect(accounts[agentId]).toMatchObject({ email: `Agent.${run}@example.com`, enabled: true });

    const agent = await tokenOf(agentId);
    const claims = decodeJwt(agent);
    expect(claims).toMatchObject({ staff_id: agentId, role: 'staff', department: 'logistics' });
    const scopes = String(claims.scope).split(' ');
    expect(scopes).toContain('kefu/complaints:read');
    expect(scopes).not.toContain('kefu/admin');
    expect(scopes).not.toContain('kefu/reports:read');

    const customer = await api<{ id: string }>('/customers', {
      token: integrator,
      body: newCustomer(),
    });
    const file = (subject: string) =>
      api<Complaint>('/complaints', {
        token: integrator,
        body: { customerId: customer.body.id, channel: 'web', subject, description: 'x' },
      });
    const logistics = (await file(`sign-in ${run} 快递丢了`)).body;
    const other = (await file(`sign-in ${run} 发票开错了`)).body;
    // Other test files replace the routing rules on the shared stack at any time: wherever the
    // rules send each complaint, an admin transfers it to the department this test needs.
    const placeIn = async (id: string, department: string) => {
      const routed = await eventually(async () => {
        const { body } = await api<Complaint>(`/complaints/${id}`, { token: admin });
        return body.department ? body : undefined;
      }, 'routing');
      if (routed.department !== department) {
        const moved = await api(`/complaints/${id}/transfer`, {
          token: admin,
          body: { department, reason: 'sign-in test' },
        });
        expect(moved.status, moved.text).toBe(200);
      }
      const placed = await eventually(async () => {
        const { body } = await api<Complaint>(`/complaints/${id}`, { token: admin });
        return body.department === department ? body : undefined;
      }, `the complaint in ${department}`);
      expect(placed.department).toBe(department);
    };
    await placeIn(logistics.id, 'logistics');
    await placeIn(other.id, 'finance');

    expect((await api(`/complaints/${logistics.id}`, { token: agent })).status).toBe(200);
    expectCleanProblem(await api(`/complaints/${other.id}`, { token: agent }), 404, 'not-found');
  });

  it('lists an agent’s own revisits by their staff id, not by the token’s sub', async () => {
    const agent = await tokenOf(agentId);
    const customer = await api<{ id: string }>('/customers', {
      token: integrator,
      body: newCustomer(),
    });
    const planned = await api<{ id: string }>('/revisits', {
      token: admin,
      body: {
        customerId: customer.body.id,
        dueAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
        channel: 'phone',
        reason: 'sign-in test',
        assigneeId: agentId,
      },
    });
    expect(planned.status).toBe(201);
    const mine = await api<{ items: { id: string; assigneeId?: string }[] }>(
      '/revisits?status=planned',
      { token: agent },
    );
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((item) => item.id)).toContain(planned.body.id);
    expect(mine.body.items.every((item) => item.assigneeId === agentId)).toBe(true);
  });

  it('grants only the scopes the role may hold, whatever the sign-in asks for', async () => {
    const agent = await tokenOf(agentId, ['complaints:read', 'admin', 'audit:read']);
    expect(String(decodeJwt(agent).scope).split(' ').sort()).toEqual([
      'kefu/complaints:read',
      'openid',
    ]);
    expect(
      (
        await api(`/staff/${salesId}`, {
          method: 'PUT',
          token: agent,
          body: person('S', 'sales', 'agent'),
        })
      ).status,
    ).toBe(403);
  });

  it('refuses a sign-in without an account, and a token whose caller has no role', async () => {
    const unknown = await signIn(`nobody-${run}`);
    expectCleanProblem(unknown, 400, 'sign-in-refused');
    // A genuine token with no role from a client that is no integrator's: refused by the function.
    const roleless = await tokenFor(['complaints:read'], { clientId: 'kefu-local-client' });
    expectCleanProblem(
      await api('/complaints?status=new', { token: roleless }),
      403,
      'caller-not-permitted',
    );
  });

  it('refuses an integrator client the scope it was not given', async () => {
    // The `read-only` integrator of infra/stages/local-tests.json holds complaints:read alone.
    const readOnly = await tokenFor(['complaints:read'], { clientId: 'kefu-local-read-only' });
    const response = await api('/complaints', {
      token: readOnly,
      body: { customer: newCustomer(), channel: 'web', subject: 'x', description: 'x' },
    });
    expect(response.status).toBe(403);
    expect(response.body).toEqual({ message: 'Forbidden' });
    // A client the stage configuration does not list is no caller at all.
    const unlisted = await tokenFor(['complaints:read'], { clientId: 'kefu-local-sandbox' });
    const unlistedAnswer = await api('/complaints?status=new', { token: unlisted });
    expect(unlistedAnswer.status, unlistedAnswer.text).toBe(401);
  });

  it('removes a staff member: off duty, account disabled, no further token, audited', async () => {
    await api(`/staff/${salesId}`, {
      method: 'PUT',
      token: admin,
      body: person('Sales', 'sales', 'agent', { onDuty: true }),
    });
    expect((await signIn(salesId)).status).toBe(200);

    const removed = await api<{ onDuty: boolean; removedAt?: string }>(`/staff/${salesId}`, {
      method: 'DELETE',
      token: admin,
    });
    expect(removed.status).toBe(200);
    expect(removed.body.onDuty).toBe(false);
    expect(removed.body.removedAt).toBeDefined();
    const refused = await signIn(salesId);
    expectCleanProblem(refused, 400, 'sign-in-refused');
    expect((refused.body as { detail?: string }).detail).toBe('User is disabled.');

    // Removing again changes nothing.
    const again = await api<{ removedAt?: string }>(`/staff/${salesId}`, {
      method: 'DELETE',
      token: admin,
    });
    expect(again.status).toBe(200);
    expect(again.body.removedAt).toBe(removed.body.removedAt);

    const audit = await eventually(async () => {
      const { body } = await api<{
        items: { 'detail-type': string; detail: { data: Record<string, unknown> } }[];
      }>('/_local/events');
      const changes = body.items.filter(
        (event) =>
          event['detail-type'] === 'StaffMemberChanged' && event.detail.data.staffId === salesId,
      );
      return changes.length >= 2 ? changes.map((event) => event.detail.data) : undefined;
    }, 'the audit events of the sales agent');
    expect(audit).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ change: 'added', changedBy: adminId }),
        expect.objectContaining({ change: 'removed', changedBy: adminId }),
      ]),
    );

    // Put back by a PUT: enabled again.
    const back = await api(`/staff/${salesId}`, {
      method: 'PUT',
      token: admin,
      body: person('Sales', 'sales', 'agent'),
    });
    expect(back.status).toBe(200);
    expect((await signIn(salesId)).status).toBe(200);
  });

  it('answers DELETE of an unknown staff member with 404 and writes nothing', async () => {
    expectCleanProblem(
      await api(`/staff/ghost-${run}`, { method: 'DELETE', token: admin }),
      404,
      'not-found',
    );
    const accounts = JSON.parse(readFileSync(localAccountsFile(stack.dataDir), 'utf8'));
    expect(accounts[`ghost-${run}`]).toBeUndefined();
  });

  it('refuses malformed sign-in requests precisely', async () => {
    for (const body of [
      {},
      { staffId: '' },
      { staffId: 'x'.repeat(65) },
      { staffId: 'a', scopes: 'admin' },
    ]) {
      expectCleanProblem(
        await api('/_local/sign-in', { method: 'POST', body }),
        400,
        'validation-failed',
      );
    }
  });

  it('npm run token -- --staff prints the token the person’s record decides, or says why not', async () => {
    const env = {
      KEFU_API_PORT: new URL(stack.urls.api).port,
      KEFU_DATA_DIR: stack.dataDir,
    };
    const signedIn = await runTool('mint-token', ['--staff', agentId], env);
    expect(signedIn.exitCode, signedIn.stderr).toBe(0);
    expect(decodeJwt(signedIn.stdout.trim())).toMatchObject({ staff_id: agentId, role: 'staff' });

    const unknown = await runTool('mint-token', ['--staff', `nobody-${run}`], env);
    expect(unknown.exitCode).toBe(1);
    expect(unknown.stderr.trim()).toBe('Sign-in refused: Incorrect username or password.');

    const flags = await runTool('mint-token', ['--scopes', 'admin', '--role', 'admin'], env);
    expect(flags.exitCode).toBe(2);
    expect(flags.stderr).toContain("Unknown option '--role'");

    const sandbox = await runTool(
      'mint-token',
      ['--integrator', 'sandbox', '--scopes', 'complaints:read'],
      env,
    );
    expect(sandbox.exitCode, sandbox.stderr).toBe(0);
    expect(decodeJwt(sandbox.stdout.trim())).toMatchObject({
      scope: 'kefu/complaints:read',
      client_id: 'kefu-local-sandbox',
      sub: 'kefu-local-sandbox',
    });
    // Without --scopes: every scope the integrator was given (infra/stages/dev.json), as Cognito.
    const bootstrap = await runTool('mint-token', ['--integrator', 'bootstrap'], env);
    expect(decodeJwt(bootstrap.stdout.trim()).scope).toBe('kefu/admin');
    const widened = await runTool(
      'mint-token',
      ['--integrator', 'bootstrap', '--scopes', 'admin complaints:read'],
      env,
    );
    expect(widened.exitCode).toBe(2);
    expect(widened.stderr.trim()).toBe('invalid_scope: bootstrap was not given complaints:read.');
    const nameless = await runTool('mint-token', ['--scopes', 'complaints:read'], env);
    expect(nameless.exitCode).toBe(2);
    expect(nameless.stderr).toContain('Name --staff or --integrator.');
  });
});
