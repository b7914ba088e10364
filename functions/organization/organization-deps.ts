import { systemClock } from '../../shared/adapters/clock';
import { DynamoOrganizationRepository } from '../../shared/adapters/dynamodb/organization-repository';
import { staffAccounts } from '../../shared/adapters/identity/staff-accounts';
import { ulidIds } from '../../shared/adapters/ulid-ids';
import type { OrganizationDeps } from '../../shared/services/organization/organization-service';
import type { StaffDeps } from '../../shared/services/organization/staff-service';

let deps: OrganizationDeps | undefined;
let staff: StaffDeps | undefined;

/** Composition root of the organization (departments, staff, routing rules) functions. */
export const organizationDeps = (): OrganizationDeps => {
  deps ??= { organization: new DynamoOrganizationRepository(), clock: systemClock };
  return deps;
};

/** …and of the staff functions, which also manage the people's sign-in accounts. */
export const staffDeps = (): StaffDeps => {
  staff ??= { ...organizationDeps(), accounts: staffAccounts(), ids: ulidIds };
  return staff;
};
