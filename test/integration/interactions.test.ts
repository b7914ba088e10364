import { describe, expect, it } from 'vitest';
import { api, expectCleanProblem, newCustomer, readWrite, tokenFor } from '../support/harness';

interface Interaction {
  id: string;
  occurredAt: string;
  channel: string;
  need: string;
  recordedBy: string;
}

const customer = async () =>
  (await api<{ id: string }>('/customers', { token: await readWrite(), body: newCustomer() })).body
    .id;

const record = async (
  customerId: string,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
) =>
  api<Interaction>(`/customers/${customerId}/interactions`, {
    token: await readWrite(),
    body,
    headers,
  });

const contact = (occurredAt: string, need = '咨询退货流程') => ({
  channel: 'phone',
  occurredAt,
  need,
  result: '已告知退货地址',
  staff: 'agent-7',
});

describe('communication records', () => {
  it('records contacts and lists them newest first across pages', async () => {
    const id = await customer();
    const times = ['2026-09-01T10:00:00Z', '2026-11-01T10:00:00Z', '2026-10-01T10:00:00Z'];
    for (const time of times) expect((await record(id, contact(time))).status).toBe(201);
    const token = await readWrite();
    const first = await api<{ items: Interaction[]; nextCursor?: string }>(
      `/customers/${id}/interactions?limit=2`,
      { token },
    );
    const second = await api<{ items: Interaction[]; nextCursor?: string }>(
      `/customers/${id}/interactions?limit=2&cursor=${encodeURIComponent(first.body.nextCursor ?? '')}`,
      { token },
    );
    const order = [...first.body.items, ...second.body.items].map((item) => item.occurredAt);
    expect(order).toEqual([
      '2026-11-01T10:00:00.000Z',
      '2026-10-01T10:00:00.000Z',
      '2026-09-01T10:00:00.000Z',
    ]);
    expect(second.body.nextCursor).toBeUndefined();
  });

  it('records who recorded the contact from the token', async () => {
    const id = await customer();
    const response = await api<Interaction>(`/customers/${id}/interactions`, {
      token: await tokenFor(['customers:write'], { subject: 'agent-42' }),
      body: contact('2026-11-01T10:00:00Z'),
    });
    expect(response.body.recordedBy).toBe('agent-42');
  });

  it('does not record a retried contact twice', async () => {
    const id = await customer();
    const headers = { 'idempotency-key': `contact-${id}` };
    const first = await record(id, contact('2026-11-02T10:00:00Z'), headers);
    const again = await record(id, contact('2026-11-02T10:00:00Z'), headers);
    expect(again.body.id).toBe(first.body.id);
    const list = await api<{ items: Interaction[] }>(`/customers/${id}/interactions`, {
      token: await readWrite(),
    });
    expect(list.body.items).toHaveLength(1);
  });

  it('rejects contacts for unknown customers, in the future, or malformed', async () => {
    const id = await customer();
    expectCleanProblem(
      await record('01ARZ3NDEKTSV4RRFFQ69G5FAV', contact('2026-11-01T10:00:00Z')),
      404,
      'not-found',
    );
    expectCleanProblem(await record(id, contact('2999-01-01T00:00:00Z')), 422, 'rule-violated');
    expectCleanProblem(
      await record(id, { ...contact('2026-11-01T10:00:00Z'), channel: 'pigeon' }),
      400,
      'validation-failed',
    );
    expectCleanProblem(await record(id, { ...contact('not a time') }), 400, 'validation-failed');
    expectCleanProblem(
      await record(id, { ...contact('2026-11-01T10:00:00Z'), need: 'n'.repeat(2001) }),
      400,
      'validation-failed',
    );
    const list = await api<{ items: unknown[] }>(`/customers/${id}/interactions`, {
      token: await readWrite(),
    });
    expect(list.body.items).toHaveLength(0);
    expectCleanProblem(
      await api('/customers/01ARZ3NDEKTSV4RRFFQ69G5FAV/interactions', { token: await readWrite() }),
      404,
      'not-found',
    );
  });
});
