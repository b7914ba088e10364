import { systemClock } from '../../shared/adapters/clock';
import { complaintLinks } from '../../shared/adapters/complaint-links';
import { DynamoComplaintRepository } from '../../shared/adapters/dynamodb/complaint-repository';
import { DynamoCustomerRepository } from '../../shared/adapters/dynamodb/customer-repository';
import { DynamoOrganizationRepository } from '../../shared/adapters/dynamodb/organization-repository';
import { countCommittedEvents } from '../../shared/adapters/metrics';
import { ulidIds } from '../../shared/adapters/ulid-ids';
import type { ComplaintActor } from '../../shared/domain/complaints/access';
import type { Principal } from '../../shared/http/principal';
import type { ComplaintChange, ComplaintServiceDeps } from '../../shared/services/complaints/ports';
import type { ProgressDeps } from '../../shared/services/complaints/progress-service';

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

/**
 * The complaint repository that counts the business metrics of each write (complaints filed, SLA
 * warnings, breaches, escalations) once the write has succeeded. Only for handlers wrapped in
 * `withBusinessMetrics`, which publishes the counts.
 */
export class MeteredComplaintRepository extends DynamoComplaintRepository {
  override async save(change: ComplaintChange): Promise<void> {
    await super.save(change);
    countCommittedEvents(change.events);
  }
}

let metered: ComplaintServiceDeps | undefined;

/** `complaintDeps()` with the metered complaint repository. */
export const meteredComplaintDeps = (): ComplaintServiceDeps => {
  metered ??= { ...complaintDeps(), complaints: new MeteredComplaintRepository() };
  return metered;
};

export const actorOf = (principal: Principal): ComplaintActor => ({
  subject: principal.subject,
  role: principal.role,
  department: principal.department,
});

let progress: ProgressDeps | undefined;

/** `complaintDeps()` with the customer's signed links, for the public progress pages. */
export const progressDeps = (): ProgressDeps => {
  progress ??= { ...complaintDeps(), links: complaintLinks };
  return progress;
};
