import { describe, expect, it } from 'vitest';
import {
  buildWebhookPayload,
  customerIdOf,
  serializeWebhookPayload,
} from '../../../shared/domain/webhooks/payload';
import { matches } from '../../../shared/domain/webhooks/subscription';
import type { ParsedBusEvent } from '../../../shared/messaging/bus-event';

const event = {
  eventId: '01JB00000000000000000000EV',
  type: 'ComplaintRouted',
  occurredAt: '2025-10-09T08:00:00.000Z',
  data: {
    complaintId: '01JB00000000000000000000C1',
    customerId: '01JB00000000000000000000U1',
    department: 'after-sales',
    category: 'delivery',
    priority: 'P2',
    ruleId: 'r1',
  },
};
const contact = {
  id: '01JB00000000000000000000U1',
  name: '王小明',
  email: 'xiaoming@example.com',
  phone: '+8613800000000',
};

describe('webhook payloads', () => {
  it('carries the event id, type, time and detail', () => {
    expect(buildWebhookPayload(event, { includeContactFields: false })).toEqual({
      id: event.eventId,
      type: 'ComplaintRouted',
      time: '2025-10-09T08:00:00.000Z',
      data: event.data,
    });
  });

  it('adds contact fields only for a subscription that asked for them', () => {
    const without = buildWebhookPayload(event, { includeContactFields: false }, contact);
    expect(without.data).not.toHaveProperty('customer');
    expect(serializeWebhookPayload(without)).not.toContain('xiaoming');
    const withContact = buildWebhookPayload(event, { includeContactFields: true }, contact);
    expect(withContact.data.customer).toEqual(contact);
    expect(buildWebhookPayload(event, { includeContactFields: true }).data).not.toHaveProperty(
      'customer',
    );
    expect(customerIdOf(event)).toBe(contact.id);
    expect(customerIdOf({ ...event, data: { complaintId: 'C1' } })).toBeUndefined();
  });

  it('serializes the same event to the same bytes whatever the order of its fields', () => {
    const reordered = {
      ...event,
      data: Object.fromEntries(Object.entries(event.data).reverse()),
    };
    const first = serializeWebhookPayload(
      buildWebhookPayload(event, { includeContactFields: true }, contact),
    );
    const again = serializeWebhookPayload(
      buildWebhookPayload(
        reordered,
        { includeContactFields: true },
        {
          phone: contact.phone,
          email: contact.email,
          name: contact.name,
          id: contact.id,
        },
      ),
    );
    expect(again).toBe(first);
    expect(first.startsWith(`{"id":"${event.eventId}","type":"ComplaintRouted","time":`)).toBe(
      true,
    );
    expect(JSON.parse(first)).toEqual(
      buildWebhookPayload(event, { includeContactFields: true }, contact),
    );
  });

  it('sorts nested objects, keeps array order and drops undefined fields', () => {
    const body = serializeWebhookPayload({
      id: 'E',
      type: 'CustomerUpdated',
      time: 't',
      data: { z: [{ b: 1, a: 2 }, 3], a: undefined, m: { y: null, x: true } },
    });
    expect(body).toBe(
      '{"id":"E","type":"CustomerUpdated","time":"t","data":{"m":{"x":true,"y":null},"z":[{"a":2,"b":1},3]}}',
    );
  });

  it('takes a parsed bus event as it is, for matching and for the body', () => {
    const busEvent: ParsedBusEvent = { ...event, type: 'ComplaintRouted' };
    const subscription = {
      id: 'S',
      owner: 'integrator',
      url: 'https://hooks.example.com/',
      eventTypes: ['ComplaintRouted'],
      filter: { departments: ['after-sales'] },
      includeContactFields: false,
      status: 'active' as const,
      createdAt: event.occurredAt,
      updatedAt: event.occurredAt,
      version: 1,
      secrets: [],
    };
    expect(matches(subscription, busEvent)).toBe(true);
    expect(buildWebhookPayload(busEvent, subscription).data).toEqual(event.data);
  });
});
