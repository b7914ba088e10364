import { describe, expect, it } from 'vitest';
import { api, newCustomer, readWrite } from '../support/harness';

interface BusEvent {
  'detail-type': string;
  source: string;
  detail: { eventId: string; occurredAt: string; data: Record<string, unknown> };
}

const eventsFor = async (customerId: string) => {
  const { body } = await api<{ items: BusEvent[] }>('/_local/events');
  return body.items.filter((event) => event.detail.data.customerId === customerId);
};

const waitForEvents = async (customerId: string, count: number) => {
  for (let attempt = 0; attempt < 100; attempt++) {
    const events = await eventsFor(customerId);
    if (events.length >= count) return events;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`expected ${count} events for ${customerId}`);
};

describe('domain events through the outbox, the table stream and the bus', () => {
  it('publishes CustomerCreated, CustomerUpdated and InteractionRecorded, with ids only', async () => {
    const body = newCustomer();
    const token = await readWrite();
    const { body: customer } = await api<{ id: string }>('/customers', { token, body });
    await api(`/customers/${customer.id}`, {
      method: 'PATCH',
      token,
      body: { tier: 'platinum' },
      headers: { 'if-match': '"v1"' },
    });
    await api(`/customers/${customer.id}/interactions`, {
      token,
      body: { channel: 'email', occurredAt: '2026-11-01T00:00:00Z', need: 'invoice copy' },
    });
    const events = await waitForEvents(customer.id, 3);
    expect(events.map((event) => event['detail-type']).sort()).toEqual([
      'CustomerCreated',
      'CustomerUpdated',
      'InteractionRecorded',
    ]);
    expect(events.every((event) => event.source === 'kefu.customers')).toBe(true);
    expect(
      events.find((event) => event['detail-type'] === 'CustomerUpdated')?.detail.data,
    ).toMatchObject({ changedFields: ['tier'], version: 2 });
    const serialized = JSON.stringify(events);
    for (const personal of [body.email, body.phone, body.name])
      expect(serialized).not.toContain(personal);
    expect(new Set(events.map((event) => event.detail.eventId)).size).toBe(3);
  });

  it('publishes nothing for a rejected write', async () => {
    const body = newCustomer();
    const token = await readWrite();
    const { body: first } = await api<{ id: string }>('/customers', { token, body });
    await waitForEvents(first.id, 1);
    const duplicate = await api('/customers', { token, body: newCustomer({ email: body.email }) });
    expect(duplicate.status).toBe(409);
    await new Promise((resolve) => setTimeout(resolve, 600));
    const { body: all } = await api<{ items: BusEvent[] }>('/_local/events');
    const created = all.items.filter((event) => event['detail-type'] === 'CustomerCreated');
    expect(created.filter((event) => event.detail.data.customerId === first.id)).toHaveLength(1);
  });
});
