import { describe, expect, it } from 'vitest';
import {
  matches,
  rotateSecrets,
  statusAfterDelivery,
  validSecrets,
  type WebhookSecretRef,
  type WebhookSubscription,
} from '../../../shared/domain/webhooks/subscription';

const subscription = (changes: Partial<WebhookSubscription> = {}): WebhookSubscription => ({
  id: '01JB0000000000000000000001',
  owner: 'integrator-client',
  url: 'https://hooks.example.com/kefu',
  eventTypes: ['ComplaintRouted', 'SlaBreached', 'CustomerCreated'],
  includeContactFields: false,
  status: 'active',
  createdAt: '2025-10-01T00:00:00.000Z',
  updatedAt: '2025-10-01T00:00:00.000Z',
  version: 1,
  secrets: [{ id: 'sec1', createdAt: '2025-10-01T00:00:00.000Z' }],
  ...changes,
});

const routed = (department: string, category = 'delivery') => ({
  type: 'ComplaintRouted',
  data: { complaintId: 'C1', customerId: 'U1', department, category, priority: 'P2' },
});

describe('which events go to a subscription', () => {
  it('takes the listed event types only', () => {
    expect(matches(subscription(), routed('after-sales'))).toBe(true);
    expect(matches(subscription(), { type: 'ComplaintClosed', data: { complaintId: 'C1' } })).toBe(
      false,
    );
  });

  it('stops for a disabled subscription and goes on for a failing one', () => {
    expect(matches(subscription({ status: 'disabled' }), routed('after-sales'))).toBe(false);
    expect(matches(subscription({ status: 'failing' }), routed('after-sales'))).toBe(true);
  });

  it('filters on department and category, both when both are given', () => {
    const filtered = subscription({
      filter: { departments: ['after-sales', 'logistics'], categories: ['delivery'] },
    });
    expect(matches(filtered, routed('logistics'))).toBe(true);
    expect(matches(filtered, routed('billing'))).toBe(false);
    expect(matches(filtered, routed('logistics', 'billing'))).toBe(false);
    expect(matches(subscription({ filter: { departments: [] } }), routed('billing'))).toBe(true);
  });

  it('lets no event without the filtered field through the filter', () => {
    const filtered = subscription({ filter: { departments: ['after-sales'] } });
    const created = { type: 'CustomerCreated', data: { customerId: 'U1', version: 1 } };
    expect(matches(subscription(), created)).toBe(true);
    expect(matches(filtered, created)).toBe(false);
    const breached = {
      type: 'SlaBreached',
      data: { complaintId: 'C1', department: 'after-sales' },
    };
    expect(matches(filtered, breached)).toBe(true);
    expect(matches(subscription({ filter: { categories: ['delivery'] } }), breached)).toBe(false);
  });
});

describe('secret rotation', () => {
  const t0 = new Date('2025-10-09T12:00:00.000Z');
  const plus = (seconds: number, from = t0) => new Date(from.getTime() + seconds * 1000);
  const day = 24 * 60 * 60;
  type StoredSecret = WebhookSecretRef & { value: string };
  const original: StoredSecret = {
    id: 'old',
    createdAt: '2025-10-01T00:00:00.000Z',
    value: 'whsec_old',
  };
  const replacement: StoredSecret = { id: 'new', createdAt: t0.toISOString(), value: 'whsec_new' };

  it('keeps the old secret valid for 24 hours after a rotation, not a second more', () => {
    const rotated = rotateSecrets([original], replacement, t0);
    expect(rotated[0]).toEqual(replacement);
    expect(rotated[1]).toEqual({ ...original, expiresAt: '2025-10-10T12:00:00.000Z' });
    const ids = (now: Date) => validSecrets(rotated, now).map((secret) => secret.value);
    expect(ids(t0)).toEqual(['whsec_new', 'whsec_old']);
    expect(ids(plus(day - 1))).toEqual(['whsec_new', 'whsec_old']);
    expect(ids(plus(day))).toEqual(['whsec_new']);
    expect(ids(plus(day + 1))).toEqual(['whsec_new']);
  });

  it('does not extend a retiring secret on a second rotation and drops expired ones', () => {
    const first = rotateSecrets([original], replacement, t0);
    const third: StoredSecret = {
      id: 'third',
      createdAt: plus(3600).toISOString(),
      value: 'whsec_third',
    };
    const second = rotateSecrets(first, third, plus(3600));
    expect(second.map((secret) => [secret.id, secret.expiresAt])).toEqual([
      ['third', undefined],
      ['new', '2025-10-10T13:00:00.000Z'],
      ['old', '2025-10-10T12:00:00.000Z'],
    ]);
    const fourth: StoredSecret = {
      id: 'fourth',
      createdAt: plus(2 * day).toISOString(),
      value: 'whsec_fourth',
    };
    expect(rotateSecrets(second, fourth, plus(2 * day)).map((secret) => secret.id)).toEqual([
      'fourth',
      'third',
    ]);
  });

  it('lists the valid secrets newest first', () => {
    const secrets: WebhookSecretRef[] = [
      { id: 'a', createdAt: '2025-10-01T00:00:00.000Z', expiresAt: '2025-10-10T00:00:00.000Z' },
      { id: 'b', createdAt: '2025-10-09T00:00:00.000Z' },
    ];
    expect(validSecrets(secrets, t0).map((secret) => secret.id)).toEqual(['b', 'a']);
  });
});

describe('the failing flag', () => {
  it('is set by giving up and cleared by a delivery; a disabled subscription stays so', () => {
    expect(statusAfterDelivery('active', 'gave-up')).toBe('failing');
    expect(statusAfterDelivery('failing', 'delivered')).toBe('active');
    expect(statusAfterDelivery('active', 'delivered')).toBe('active');
    expect(statusAfterDelivery('disabled', 'gave-up')).toBe('disabled');
  });
});
