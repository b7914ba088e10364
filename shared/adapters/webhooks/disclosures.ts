import { DynamoAccessLog } from '../dynamodb/access-log';
import { DynamoCustomerRepository } from '../dynamodb/customer-repository';
import type { ContactSource, DisclosureLog } from '../../services/webhooks/ports';

/** The operation named in the access log when a webhook carried a customer's contact fields. */
export const WEBHOOK_DISCLOSURE_OPERATION = 'deliverWebhook';

/** A customer's contact fields, read (and opened) from the archive; nothing for an erased one. */
export const archiveContacts = (customers = new DynamoCustomerRepository()): ContactSource => ({
  async contactOf(customerId) {
    const customer = await customers.get(customerId);
    if (!customer) return undefined;
    return {
      id: customer.id,
      name: customer.name,
      ...(customer.email === undefined ? {} : { email: customer.email }),
      ...(customer.phone === undefined ? {} : { phone: customer.phone }),
      preferredLanguage: customer.preferredLanguage,
    };
  },
});

/**
 * Each delivery that carries contact fields is a read of the customer's personal data on the
 * subscription's behalf: it goes in the customer's access log like any API read.
 */
export const accessLogDisclosures = (log = new DynamoAccessLog()): DisclosureLog => ({
  record: ({ customerId, subscription, eventId, at }) =>
    log.record([
      {
        customerId,
        at,
        action: 'read',
        actor: {
          subject: `webhook:${subscription.id}`,
          clientId: subscription.owner,
          role: 'integrator',
        },
        operationId: WEBHOOK_DISCLOSURE_OPERATION,
        scopes: [],
        requestId: eventId,
      },
    ]),
});
