import type { StaffMember } from '../domain/organization/staff';
import { oauthScope, RESOURCE_SERVER_IDENTIFIER } from '../../wiring/names';
import { ROLE_SCOPES, type StaffTokenRole, tokenRoleOf } from './roles';

/** The claims Kefu adds to a staff member's access token; principal.ts reads them back. */
export interface StaffClaims {
  staff_id: string;
  role: StaffTokenRole;
  department: string;
}

export type StaffTokenDecision =
  | {
      issue: true;
      claims: StaffClaims;
      /** Kefu scopes to add: the role's, when the sign-in asked for none of Kefu's. */
      scopesToAdd: string[];
      /** Requested Kefu scopes the role may not hold. */
      scopesToSuppress: string[];
    }
  | { issue: false; reason: string };

const KEFU_SCOPE = `${RESOURCE_SERVER_IDENTIFIER}/`;

/**
 * What a staff member's access token says, decided from their /staff record alone: the one
 * function the Cognito pre-token-generation trigger and the local token issuer both call, so a
 * local token carries exactly what AWS would put in it.
 *
 * A person with no record, or one removed, gets no token. The token's scopes are those the sign-in
 * asked for that the role may hold; a sign-in asking for no Kefu scope (a console asking only
 * `openid`) gets every scope of the role.
 */
export const staffTokenClaims = (
  staffId: string,
  member: StaffMember | undefined,
  requestedScopes: readonly string[],
): StaffTokenDecision => {
  if (!member) return { issue: false, reason: `no staff member ${staffId}` };
  if (member.removedAt !== undefined)
    return { issue: false, reason: `staff member ${staffId} was removed` };
  const role = tokenRoleOf(member);
  if (role === undefined)
    return { issue: false, reason: `staff member ${staffId} has a role Kefu does not know` };
  const allowed = new Set(ROLE_SCOPES[role].map(oauthScope));
  const requested = requestedScopes.filter((scope) => scope.startsWith(KEFU_SCOPE));
  return {
    issue: true,
    claims: { staff_id: member.id, role, department: member.department },
    scopesToAdd: requested.length === 0 ? [...allowed] : [],
    scopesToSuppress: requested.filter((scope) => !allowed.has(scope)),
  };
};
