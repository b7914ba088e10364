import {
  type Complaint,
  fileComplaint,
  type NewComplaint,
} from '../../domain/complaints/complaint';
import type { NewCustomer } from '../../domain/customers/customer';
import { DomainError } from '../../domain/errors';
import type { Interaction } from '../../domain/customers/interaction';
import { findCustomerByContact, registerCustomer } from '../customers/customer-service';
import { interactionRecorded } from '../customers/interaction-service';
import { complaintEvent, timelineEntry } from './complaint-events';
import type { ComplaintServiceDeps } from './ports';

/** A complaint about an archived customer (`customerId`) or one given inline (`customer`). */
/** What filing a complaint needs; the revisit and inbound-mail services reuse it. */
export type IntakeDeps = Pick<ComplaintServiceDeps, 'complaints' | 'customers' | 'clock' | 'ids'>;

export type ComplaintIntake = Omit<NewComplaint, 'customerId'> & {
  customerId?: string | undefined;
  customer?: NewCustomer | undefined;
};

/** The archive's customer for an inline one: matched by email, then phone, else registered. */
const customerFor = async (deps: IntakeDeps, customer: NewCustomer): Promise<string> => {
  for (const kind of ['email', 'phone'] as const) {
    const value = customer[kind];
    if (!value) continue;
    const found = await findCustomerByContact(deps, kind, value);
    if (found) return found.id;
  }
  try {
    return (await registerCustomer(deps, customer, '#/customer/consents')).id;
  } catch (error) {
    // Registered by a parallel intake a moment ago: that is the customer.
    if (
      error instanceof DomainError &&
      error.kind === 'duplicate' &&
      typeof error.details.existingId === 'string'
    ) {
      return error.details.existingId;
    }
    throw error;
  }
};

/** Files a complaint: stored as `received` together with the event that routes it. */
export const fileNewComplaint = async (
  deps: IntakeDeps,
  input: ComplaintIntake,
  actor: string,
  options: {
    /** A contact to record on the customer's communication record in the same write. */
    contact?: (complaint: Complaint) => Interaction;
  } = {},
): Promise<Complaint> => {
  let customerId: string;
  if (input.customerId !== undefined) {
    if (!(await deps.customers.get(input.customerId))) {
      throw new DomainError('rule-violated', `Customer ${input.customerId} does not exist.`, {
        fields: ['customerId'],
      });
    }
    customerId = input.customerId;
  } else if (input.customer) {
    customerId = await customerFor(deps, input.customer);
  } else {
    throw new DomainError('rule-violated', 'Name the customer: customerId or customer.', {
      fields: ['customerId', 'customer'],
    });
  }
  const now = deps.clock.now();
  const at = now.toISOString();
  const complaint = fileComplaint(deps.ids.next(), { ...input, customerId }, now);
  const contact = options.contact?.(complaint);
  await deps.complaints.save({
    previous: undefined,
    next: complaint,
    timeline: [
      timelineEntry(deps.ids, complaint.id, at, actor, 'filed', {
        to: 'received',
        details: { channel: complaint.channel },
      }),
    ],
    events: [
      complaintEvent(deps.ids, 'ComplaintFiled', at, {
        complaintId: complaint.id,
        customerId,
        channel: complaint.channel,
      }),
      ...(contact ? [interactionRecorded(deps.ids, contact)] : []),
    ],
    ...(contact ? { interactions: [contact] } : {}),
  });
  return complaint;
};
