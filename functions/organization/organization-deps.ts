import { systemClock } from '../../shared/adapters/clock';
import { DynamoOrganizationRepository } from '../../shared/adapters/dynamodb/organization-repository';
import type { OrganizationDeps } from '../../shared/services/organization/organization-service';

let deps: OrganizationDeps | undefined;

/** Composition root of the organization (departments, staff, routing rules) functions. */
export const organizationDeps = (): OrganizationDeps => {
  deps ??= { organization: new DynamoOrganizationRepository(), clock: systemClock };
  return deps;
};
