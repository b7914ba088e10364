import { describe, expect, it } from 'vitest';
import {
  api,
  expectCleanProblem,
  contactGuardPk,
  itemsUnder,
  newCustomer,
  readWrite,
  uniqueContact,
} from '../support/harness';

interface Customer {
  id: string;
  name: string;
  email?: string;
  phone?: string;
  version: number;
  consents: { surveys: { granted: boolean; source: string; recordedAt: string } };
  tags: string[];
}

const create = async (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  api<Customer>('/customers', { token: await readWrite(), body, headers });

describe('POST /customers', () => {
  it('creates a customer with normalized contact data, an ETag and a Location', async () => {
    const { email } = uniqueContact();
    const response = await create(
      newCustomer({
        email: email.toUpperCase(),
        phone: '139 1234 5678'.replace('1234 5678', String(Date.now()).slice(-8)),
      }),
    );
    expect(response.status).toBe(201);
    expect(response.body.email).toBe(email);
    expect(response.body.phone).toMatch(/^\+86139\d{8}$/);
    expect(response.body.version).toBe(1);
    expect(response.body.consents.surveys).toMatchObject({ granted: true, source: 'web-form' });
    expect(response.headers.get('etag')).toBe('"v1"');
    expect(response.headers.get('location')).toBe(`/customers/${response.body.id}`);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('stores the sealed profile, its data key, and one blind-indexed guard per contact in one write', async () => {
    const body = newCustomer();
    const { body: customer } = await create(body);
    const stored = await itemsUnder(`CUSTOMER#${customer.id}`);
    expect(stored.map((item) => item.sk).sort()).toEqual(['DATA_KEY', 'PROFILE']);
    const profile = stored.find((item) => item.sk === 'PROFILE');
    for (const field of ['name', 'email', 'phone'] as const) {
      expect(profile?.[field]).toMatch(/^pd1:/);
    }
    const everything = JSON.stringify(stored);
    for (const value of [body.name, body.email, body.phone]) {
      expect(everything).not.toContain(String(value));
    }
    const [emailGuard] = await itemsUnder(await contactGuardPk('email', String(body.email)));
    const [phoneGuard] = await itemsUnder(await contactGuardPk('phone', String(body.phone)));
    expect(emailGuard?.customerId).toBe(customer.id);
    expect(phoneGuard?.customerId).toBe(customer.id);
  });

  it('refuses a second customer with the same email (any case) or phone (any format), naming the first', async () => {
    const first = newCustomer();
    const { body: existing } = await create(first);
    const sameEmail = await create(newCustomer({ email: String(first.email).toUpperCase() }));
    expectCleanProblem(sameEmail, 409, 'duplicate');
    expect(sameEmail.body).toMatchObject({ field: 'email', existingId: existing.id });
    const localPhone = String(first.phone).replace('+86', '');
    const samePhone = await create(newCustomer({ phone: localPhone }));
    expectCleanProblem(samePhone, 409, 'duplicate');
    expect(samePhone.body).toMatchObject({ field: 'phone', existingId: existing.id });
  });

  it('lets exactly one of many parallel creates with the same email win', async () => {
    const { email } = uniqueContact();
    const token = await readWrite();
    const attempts = await Promise.all(
      Array.from({ length: 8 }, () =>
        api<Customer>('/customers', { token, body: newCustomer({ email }) }),
      ),
    );
    const statuses = attempts.map((attempt) => attempt.status).sort();
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(7);
    const [guard] = await itemsUnder(await contactGuardPk('email', String(email)));
    const winner = attempts.find((attempt) => attempt.status === 201)?.body;
    expect(guard?.customerId).toBe(winner?.id);
    for (const loser of attempts.filter((attempt) => attempt.status === 409)) {
      expect(loser.body).toMatchObject({ existingId: winner?.id });
    }
  });
});

describe('Idempotency-Key', () => {
  it('returns the first response for a retry with the same key and body, creating one customer', async () => {
    const body = newCustomer();
    const key = `retry-${Date.now()}`;
    const first = await create(body, { 'idempotency-key': key });
    const retry = await create(body, { 'idempotency-key': key });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body.id).toBe(first.body.id);
    expect(retry.headers.get('etag')).toBe('"v1"');
    expect(retry.headers.get('x-content-type-options')).toBe('nosniff');
    const [guard] = await itemsUnder(await contactGuardPk('email', String(body.email)));
    expect(guard?.customerId).toBe(first.body.id);
  });

  it('answers 422 when the same key comes with a different body, and creates nothing for it', async () => {
    const key = `reuse-${Date.now()}`;
    await create(newCustomer(), { 'idempotency-key': key });
    const other = newCustomer();
    const reused = await create(other, { 'idempotency-key': key });
    expectCleanProblem(reused, 422, 'idempotency-key-reused');
    expect(await itemsUnder(await contactGuardPk('email', String(other.email)))).toHaveLength(0);
  });

  it('creates one customer when the same keyed request arrives many times in parallel', async () => {
    const body = newCustomer();
    const key = `parallel-${Date.now()}`;
    const token = await readWrite();
    const attempts = await Promise.all(
      Array.from({ length: 6 }, () =>
        api<Customer>('/customers', { token, body, headers: { 'idempotency-key': key } }),
      ),
    );
    const created = attempts.filter((attempt) => attempt.status === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(new Set(created.map((attempt) => attempt.body.id)).size).toBe(1);
    for (const attempt of attempts.filter((a) => a.status !== 201)) {
      expectCleanProblem(attempt, 409, 'request-in-progress');
    }
  });

  it('keeps keys apart per caller: another caller with the same key gets its own result', async () => {
    const key = `shared-key-${Date.now()}`;
    const mine = await create(newCustomer(), { 'idempotency-key': key });
    const theirs = await api<Customer>('/customers', {
      token: await (
        await import('../support/harness')
      ).tokenFor(['customers:write'], { subject: 'other-integrator' }),
      body: newCustomer(),
      headers: { 'idempotency-key': key },
    });
    expect(theirs.status).toBe(201);
    expect(theirs.body.id).not.toBe(mine.body.id);
  });

  it('rejects a malformed key', async () => {
    const response = await create(newCustomer(), { 'idempotency-key': 'x'.repeat(300) });
    expectCleanProblem(response, 400, 'validation-failed');
  });
});

describe('GET /customers/{id}', () => {
  it('reads a customer with its ETag', async () => {
    const { body: created } = await create(newCustomer());
    const response = await api<Customer>(`/customers/${created.id}`, { token: await readWrite() });
    expect(response.status).toBe(200);
    expect(response.body).toEqual(created);
    expect(response.headers.get('etag')).toBe('"v1"');
  });

  it('answers 404 for an unknown id and 400 for something that is not an id', async () => {
    const token = await readWrite();
    expectCleanProblem(
      await api('/customers/01ARZ3NDEKTSV4RRFFQ69G5FAV', { token }),
      404,
      'not-found',
    );
    expectCleanProblem(
      await api(`/customers/${'x'.repeat(300)}`, { token }),
      400,
      'validation-failed',
    );
  });
});

describe('GET /customers lookups and listing', () => {
  it('finds a customer by email in any case and by phone in any format', async () => {
    const body = newCustomer();
    const { body: created } = await create(body);
    const token = await readWrite();
    const byEmail = await api<{ items: Customer[] }>(
      `/customers?email=${encodeURIComponent(String(body.email).toUpperCase())}`,
      { token },
    );
    expect(byEmail.body.items.map((c) => c.id)).toEqual([created.id]);
    const national = String(body.phone).replace('+86', '');
    const byPhone = await api<{ items: Customer[] }>(
      `/customers?phone=${encodeURIComponent(national)}`,
      { token },
    );
    expect(byPhone.body.items.map((c) => c.id)).toEqual([created.id]);
    const none = await api<{ items: Customer[] }>(
      `/customers?email=nobody.${Date.now()}@example.com`,
      { token },
    );
    expect(none.status).toBe(200);
    expect(none.body.items).toEqual([]);
  });

  it('rejects asking for both email and phone, and invalid lookups', async () => {
    const token = await readWrite();
    expectCleanProblem(
      await api('/customers?email=a@example.com&phone=13800138000', { token }),
      400,
      'validation-failed',
    );
    expectCleanProblem(
      await api('/customers?email=not-an-email', { token }),
      400,
      'validation-failed',
    );
    expectCleanProblem(await api('/customers?phone=12', { token }), 400, 'validation-failed');
    expectCleanProblem(await api('/customers?limit=0', { token }), 400, 'validation-failed');
    expectCleanProblem(await api('/customers?limit=abc', { token }), 400, 'validation-failed');
    expectCleanProblem(await api('/customers?colour=blue', { token }), 400, 'validation-failed');
  });

  it('pages through every customer once, newest first, with opaque cursors', async () => {
    const token = await readWrite();
    for (let i = 0; i < 3; i++) await create(newCustomer());
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const query = cursor ? `?limit=2&cursor=${encodeURIComponent(cursor)}` : '?limit=2';
      const page = await api<{ items: Customer[]; nextCursor?: string }>(`/customers${query}`, {
        token,
      });
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((c) => c.id));
      cursor = page.body.nextCursor;
      pages++;
    } while (cursor && pages < 500);
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort().reverse()).toEqual(seen);
  });

  it('rejects garbage, tampered and foreign cursors with 400', async () => {
    const token = await readWrite();
    for (let i = 0; i < 2; i++) await create(newCustomer());
    const page = await api<{ nextCursor?: string }>('/customers?limit=1', { token });
    const cursor = page.body.nextCursor ?? '';
    expect(cursor).not.toBe('');
    const [payload, signature] = cursor.split('.');
    const decoded = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as {
      p: Record<string, string>;
    };
    decoded.p.gsi1sk = '0'.repeat(26);
    const forged = `${Buffer.from(JSON.stringify(decoded)).toString('base64url')}.${signature}`;
    for (const bad of ['garbage', forged, `${cursor}x`, `${cursor}.extra`]) {
      expectCleanProblem(
        await api(`/customers?cursor=${encodeURIComponent(bad)}`, { token }),
        400,
        'invalid-cursor',
      );
    }
    const { body: customer } = await create(newCustomer());
    expectCleanProblem(
      await api(`/customers/${customer.id}/interactions?cursor=${encodeURIComponent(cursor)}`, {
        token,
      }),
      400,
      'invalid-cursor',
    );
  });
});

describe('PATCH /customers/{id}', () => {
  const patch = async (
    id: string,
    body: unknown,
    ifMatch?: string,
    contentType = 'application/merge-patch+json',
  ) =>
    api<Customer>(`/customers/${id}`, {
      method: 'PATCH',
      token: await readWrite(),
      body,
      headers: { 'content-type': contentType, ...(ifMatch ? { 'if-match': ifMatch } : {}) },
    });

  it('requires If-Match (428) and refuses a stale one (412)', async () => {
    const { body: customer } = await create(newCustomer());
    expectCleanProblem(await patch(customer.id, { name: '王芳' }), 428, 'if-match-required');
    const updated = await patch(customer.id, { name: '王芳' }, '"v1"');
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ name: '王芳', version: 2 });
    expect(updated.headers.get('etag')).toBe('"v2"');
    expectCleanProblem(await patch(customer.id, { name: '张三' }, '"v1"'), 412, 'stale-version');
    expectCleanProblem(await patch(customer.id, { name: '张三' }, 'W/"v2"'), 412, 'stale-version');
  });

  it('lets exactly one of two concurrent edits of the same version win', async () => {
    const { body: customer } = await create(newCustomer());
    const [a, b] = await Promise.all([
      patch(customer.id, { name: 'A' }, '"v1"'),
      patch(customer.id, { name: 'B' }, '"v1"'),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 412]);
  });

  it('moves the email guard with the email, freeing the old address', async () => {
    const body = newCustomer();
    const { body: customer } = await create(body);
    const { email: newEmail } = uniqueContact();
    const moved = await patch(customer.id, { email: newEmail }, '"v1"', 'application/json');
    expect(moved.status).toBe(200);
    expect(await itemsUnder(await contactGuardPk('email', String(body.email)))).toHaveLength(0);
    expect((await itemsUnder(await contactGuardPk('email', String(newEmail))))[0]?.customerId).toBe(
      customer.id,
    );
    const reuse = await create(newCustomer({ email: body.email }));
    expect(reuse.status).toBe(201);
  });

  it("refuses to take another customer's phone, changing nothing", async () => {
    const other = newCustomer();
    const { body: otherCustomer } = await create(other);
    const { body: customer } = await create(newCustomer());
    const taken = await patch(customer.id, { phone: other.phone, name: 'changed' }, '"v1"');
    expectCleanProblem(taken, 409, 'duplicate');
    expect(taken.body).toMatchObject({ existingId: otherCustomer.id });
    const after = await api<Customer>(`/customers/${customer.id}`, { token: await readWrite() });
    expect(after.body).toEqual(customer);
  });

  it('removes optional fields with null but never both ways to reach the customer', async () => {
    const body = newCustomer();
    const { body: customer } = await create(body);
    const withoutPhone = await patch(customer.id, { phone: null }, '"v1"');
    expect(withoutPhone.status).toBe(200);
    expect(withoutPhone.body.phone).toBeUndefined();
    expect(await itemsUnder(await contactGuardPk('phone', String(body.phone)))).toHaveLength(0);
    expectCleanProblem(await patch(customer.id, { email: null }, '"v2"'), 422, 'rule-violated');
  });

  it('records consent changes with their time and source', async () => {
    const { body: customer } = await create(newCustomer());
    const at = '2026-10-01T08:00:00.000Z';
    const withdrawn = await patch(
      customer.id,
      { consents: { surveys: { granted: false, source: 'email-unsubscribe', at } } },
      '"v1"',
    );
    expect(withdrawn.body.consents.surveys).toEqual({
      granted: false,
      source: 'email-unsubscribe',
      recordedAt: at,
    });
  });

  it('rejects empty, unknown-field and wrongly typed patches, and patches of unknown customers', async () => {
    const { body: customer } = await create(newCustomer());
    expectCleanProblem(await patch(customer.id, {}, '"v1"'), 400, 'validation-failed');
    expectCleanProblem(await patch(customer.id, { version: 9 }, '"v1"'), 400, 'validation-failed');
    expectCleanProblem(
      await patch(customer.id, { tier: 'diamond' }, '"v1"'),
      400,
      'validation-failed',
    );
    expectCleanProblem(
      await patch(customer.id, { name: 'x' }, '"v1"', 'text/plain'),
      415,
      'unsupported-media-type',
    );
    expectCleanProblem(
      await patch('01ARZ3NDEKTSV4RRFFQ69G5FAV', { name: 'x' }, '"v1"'),
      404,
      'not-found',
    );
  });
});
