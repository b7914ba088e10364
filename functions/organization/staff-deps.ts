import { staffAccounts } from '../../shared/adapters/identity/staff-accounts';
import { ulidIds } from '../../shared/adapters/ulid-ids';
import type { StaffDeps } from '../../shared/services/organization/staff-service';
import { organizationDeps } from './organization-deps';

let deps: StaffDeps | undefined;

/**
 * Composition root of the two staff-account functions: the organization's, plus the people's
 * sign-in accounts. Its own file, so only those two bundles load the Cognito client.
 */
export const staffDeps = (): StaffDeps => {
  deps ??= { ...organizationDeps(), accounts: staffAccounts(), ids: ulidIds };
  return deps;
};
