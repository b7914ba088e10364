import { describe, expect, it } from 'vitest';
import { newDelivery } from '../../../shared/domain/webhooks/delivery';
import type { WebhookSubscription } from '../../../shared/domain/webhooks/subscription';
import {
  cancelDelivery,
  MAX_SIGNING_SECRETS,
  patchSubscription,
  rotateSubscriptionSecret,
} from '../../../shared/domain/webhooks/transitions';

const created = '2025-10-01T00:00:00.000Z';
const now = new Date('2025-10-02T08:00:00.000Z');

const subscription = (changes: Partial<WebhookSubscription> = {}): WebhookSubscription => ({
  id: '01JB0000000000000000000001',
  owner: 'integrator-client',
  url: 'https://hooks.example.com/kefu',
  eventTypes: ['ComplaintRouted'],
  filter: { departments: ['after-sales'] },
  description: 'CRM sync',
  includeContactFields: false,
  status: 'active',
  createdAt: created,
  updatedAt: created,
  version: 3,
  secrets: [{ id: 'sec1', createdAt: created }],
  ...changes,
});

describe('patching a subscription', () => {
  it('changes only what the patch names, at the next version', () => {
    const next = patchSubscription(
      subscription(),
      { url: 'https://hooks.example.com/v2', eventTypes: ['SlaBreached', 'SlaBreached'] },
      'admin-1',
      now,
    );
    expect(next).toMatchObject({
      url: 'https://hooks.example.com/v2',
      eventTypes: ['SlaBreached'],
      filter: { departments: ['after-sales'] },
      description: 'CRM sync',
      status: 'active',
      version: 4,
      updatedAt: now.toISOString(),
      createdAt: created,
    });
  });

  it('removes the filter and the description on null, and keeps an empty description', () => {
    const cleared = patchSubscription(
      subscription(),
      { filter: null, description: null },
      'x',
      now,
    );
    expect(cleared).not.toHaveProperty('filter');
    expect(cleared).not.toHaveProperty('description');
    expect(patchSubscription(subscription(), { description: '' }, 'x', now).description).toBe('');
  });

  it('records who first granted contact fields, and drops the record when withdrawn', () => {
    const granted = patchSubscription(subscription(), { includeContactFields: true }, 'dpo', now);
    expect(granted).toMatchObject({
      includeContactFields: true,
      contactFieldsGrantedBy: 'dpo',
      contactFieldsGrantedAt: now.toISOString(),
    });
    const again = patchSubscription(granted, { includeContactFields: true }, 'other', now);
    expect(again.contactFieldsGrantedBy).toBe('dpo');
    const withdrawn = patchSubscription(granted, { includeContactFields: false }, 'dpo', now);
    expect(withdrawn.includeContactFields).toBe(false);
    expect(withdrawn).not.toHaveProperty('contactFieldsGrantedBy');
    expect(withdrawn).not.toHaveProperty('contactFieldsGrantedAt');
  });
});

describe('rotating the signing secret', () => {
  it('signs with the new secret first, keeps the old one for the overlap, next version', () => {
    const next = rotateSubscriptionSecret(
      subscription(),
      { id: 'sec2', createdAt: now.toISOString() },
      now,
    );
    expect(next.secrets.map((secret) => secret.id)).toEqual(['sec2', 'sec1']);
    expect(next.secrets[0]).not.toHaveProperty('expiresAt');
    expect(next.secrets[1]?.expiresAt).toBe('2025-10-03T08:00:00.000Z');
    expect(next.version).toBe(4);
  });

  it(`never keeps more than ${MAX_SIGNING_SECRETS} secrets signing`, () => {
    let current = subscription();
    for (let round = 2; round <= 6; round++) {
      current = rotateSubscriptionSecret(
        current,
        { id: `sec${round}`, createdAt: now.toISOString() },
        now,
      );
    }
    expect(current.secrets.map((secret) => secret.id)).toEqual(['sec6', 'sec5', 'sec4']);
    expect(current.version).toBe(8);
  });
});

describe('cancelling a delivery', () => {
  it('marks it cancelled at the next version and keeps its attempts', () => {
    const delivery = newDelivery({
      subscriptionId: 'S1',
      event: {
        eventId: 'E1',
        type: 'ComplaintRouted',
        occurredAt: created,
        data: { complaintId: 'C1' },
      },
      orderingKey: 'C1',
      now: new Date(created),
    });
    const cancelled = cancelDelivery(delivery, now);
    expect(cancelled).toMatchObject({
      status: 'cancelled',
      version: delivery.version + 1,
      updatedAt: now.toISOString(),
      attempts: delivery.attempts,
      eventId: delivery.eventId,
    });
  });
});
