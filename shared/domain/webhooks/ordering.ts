import type { WebhookSourceEvent } from './payload';

/** The ids that name what an event is about, most specific first. */
const SUBJECT_FIELDS = [
  'complaintId',
  'revisitId',
  'surveyId',
  'serviceId',
  'campaignId',
  'customerId',
] as const;

/**
 * The key that orders deliveries (an SQS FIFO message group): one subscription, one subject. A
 * complaint's events reach a receiver in the order they happened, while one subject's retries
 * hold up no other subject. An event about no subject is ordered with nothing.
 */
export const orderingKey = (subscriptionId: string, event: WebhookSourceEvent): string => {
  for (const field of SUBJECT_FIELDS) {
    const value = event.data[field];
    if (typeof value === 'string' && value !== '') return `${subscriptionId}#${field}#${value}`;
  }
  return `${subscriptionId}#event#${event.eventId}`;
};
