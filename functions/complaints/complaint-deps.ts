import { systemClock } from '../../shared/adapters/clock';
import { DynamoComplaintRepository } from '../../shared/adapters/dynamodb/complaint-repository';
import { DynamoCustomerRepository } from '../../shared/adapters/dynamodb/customer-repository';
import { DynamoOrganizationRepository } from '../../shared/adapters/dynamodb/organization-repository';
import { ulidIds } from '../../shared/adapters/ulid-ids';
import type { ComplaintActor } from '../../shared/domain/complaints/access';
import type { Principal } from '../../shared/http/principal';
import type { ComplaintServiceDeps } from '../../shared/services/complaints/deps';

const DEFAULT_REOPEN_WINDOW_DAYS = 30;

let deps: ComplaintServiceDeps | undefined;

/** Composition root of the complaint functions. */
export const complaintDeps = (): ComplaintServiceDeps => {
  deps ??= {
    complaints: new DynamoComplaintRepository(),
    customers: new DynamoCustomerRepository(),
    organization: new DynamoOrganizationRepository(),
    clock: systemClock,
    ids: ulidIds,
    reopenWindowDays: Number(process.env.REOPEN_WINDOW_DAYS ?? DEFAULT_REOPEN_WINDOW_DAYS),
  };
  return deps;
};

export const actorOf = (principal: Principal): ComplaintActor => ({
  subject: principal.subject,
  role: principal.role,
  department: principal.department,
});
