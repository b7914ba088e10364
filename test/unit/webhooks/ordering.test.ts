import { describe, expect, it } from 'vitest';
import { orderingKey } from '../../../shared/domain/webhooks/ordering';

const event = (type: string, data: Record<string, unknown>) => ({
  eventId: 'E1',
  type,
  occurredAt: '2025-10-09T08:00:00.000Z',
  data,
});

describe('the ordering key of a delivery', () => {
  it('groups a subscription’s deliveries by the subject of the event', () => {
    expect(orderingKey('S', event('ComplaintFiled', { complaintId: 'C1', customerId: 'U1' }))).toBe(
      'S#complaintId#C1',
    );
    expect(orderingKey('S', event('SurveySent', { surveyId: 'V1', customerId: 'U1' }))).toBe(
      'S#surveyId#V1',
    );
    expect(orderingKey('S', event('InteractionRecorded', { customerId: 'U1' }))).toBe(
      'S#customerId#U1',
    );
    expect(orderingKey('T', event('ComplaintFiled', { complaintId: 'C1' }))).toBe(
      'T#complaintId#C1',
    );
  });

  it('orders an event about no subject with nothing else', () => {
    expect(orderingKey('S', event('EmailBounced', { feedback: 'bounce' }))).toBe('S#event#E1');
  });
});
