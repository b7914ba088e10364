import { loadStageConfig } from '../../infra/stack/stage-config';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintLocalToken } from '../../infra/local/local-auth';
import type { LocalStack } from '../../infra/local/local-stack';
import { freeStackPorts } from '../../infra/local/ports';
import type { Scope } from '../../wiring/manifest';

/**
 * A stack of its own in this process, logging at DEBUG, so that every line its handlers write is
 * captured: a whole scenario's logs must not hold one name, address, number or sentence of it.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'kefu-logs-'));
const captured: string[] = [];
let stack: LocalStack;
let token: string;

const person = {
  name: '欧阳娜娜',
  email: `nana.ouyang.${Date.now()}@example.org`,
  phone: '+8613912345678',
};
const secretWords = '我家住在幸福路88号，快递一直没到';

const call = async <T>(path: string, method = 'GET', body?: unknown) => {
  const response = await fetch(`${stack.urls.api}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json().catch(() => undefined)) as T };
};

const until = async <T>(check: () => Promise<T | undefined>, what: string): Promise<T> => {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
};

beforeAll(async () => {
  process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';
  for (const stream of [process.stdout, process.stderr]) {
    // Kept, not echoed: a DEBUG scenario would flood the test report.
    stream.write = ((chunk: unknown) => {
      captured.push(String(chunk));
      return true;
    }) as typeof stream.write;
  }
  const { startLocalStack } = await import('../../infra/local/local-stack');
  stack = await startLocalStack({
    callers: loadStageConfig('local-tests'),
    dataDir,
    ports: await freeStackPorts(),
    log: { error: (message) => console.error(message) },
  });
  const scopes: Scope[] = [
    'customers:read',
    'customers:write',
    'complaints:read',
    'complaints:write',
    'revisits:write',
    'customers:erase',
  ];
  token = await mintLocalToken(dataDir, { scopes, role: 'admin', subject: 'log-test' });
}, 120_000);

afterAll(async () => {
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('structured logs', () => {
  it('never hold the personal data of a whole scenario', { timeout: 60_000 }, async () => {
    const from = captured.length;
    const created = await call<{ id: string }>('/customers', 'POST', {
      ...person,
      consents: { surveys: { granted: true, source: 'web-form' } },
    });
    expect(created.status).toBe(201);
    const customerId = created.body.id;
    expect((await call('/customers', 'POST', person)).status).toBe(409);
    await call(`/customers/${customerId}/interactions`, 'POST', {
      channel: 'phone',
      occurredAt: new Date().toISOString(),
      need: secretWords,
    });
    const complaint = await call<{ id: string }>('/complaints', 'POST', {
      customerId,
      channel: 'web',
      subject: secretWords.slice(0, 10),
      description: `${secretWords}，请打 ${person.phone} 找 ${person.name}`,
    });
    expect(complaint.status).toBe(201);
    await until(async () => {
      const detail = await call<{ ownerId?: string; department?: string }>(
        `/complaints/${complaint.body.id}`,
      );
      return detail.body.department ? detail.body : undefined;
    }, 'the complaint to be routed');
    await call(`/complaints/${complaint.body.id}/respond`, 'POST', {
      message: `${person.name}您好，${secretWords}`,
    });
    await call(`/customers?email=${encodeURIComponent(person.email)}`);
    await call(`/customers/${customerId}/export`);
    await call(`/customers/${customerId}`, 'DELETE');
    await new Promise((resolve) => setTimeout(resolve, 1_000));

    const logs = captured.slice(from).join('');
    expect(logs.length).toBeGreaterThan(0);
    // The capture saw the consumers at work, not just the requests.
    expect(logs).toContain('route-complaint handled');
    expect(logs).toContain('send-notification handled');
    const localPart = person.email.split('@')[0] ?? person.email;
    for (const secret of [person.name, localPart, person.phone, '13912345678', '幸福路']) {
      expect(logs).not.toContain(secret);
    }
  });
});
