import { fileURLToPath } from 'node:url';
import type { StaffAccounts } from '../../services/organization/ports';
import { ENVIRONMENT, requiredVariable } from '../environment';
import { CognitoStaffAccounts } from './cognito-staff-accounts';
import { FileStaffAccounts } from './file-staff-accounts';

/**
 * Where staff accounts live, from `KEFU_STAFF_IDENTITY`: `cognito:<user pool id>` in AWS,
 * `file:///…/accounts.json` for the local runtime. The scheme decides; nothing guesses.
 */
export const staffAccounts = (): StaffAccounts => {
  const reference = requiredVariable(ENVIRONMENT.staffIdentity).trim();
  if (reference.startsWith('cognito:')) return new CognitoStaffAccounts(reference.slice(8));
  if (reference.startsWith('file://')) return new FileStaffAccounts(fileURLToPath(reference));
  throw new Error(
    `${ENVIRONMENT.staffIdentity} must be cognito:<user pool id> or a file URL (file:///…)`,
  );
};
