import type { PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import type { StaffMember } from '../domain/organization/staff';
import { staffTokenClaims } from './staff-token-claims';

/** Cognito fails the sign-in (or refresh) when the trigger throws, and issues no token. */
export class StaffTokenRefused extends Error {
  override name = 'StaffTokenRefused';
}

/**
 * The pre-token-generation trigger's answer (V2 event: the one that can shape access tokens).
 * The user's Cognito username is their staff id (`PUT /staff/{staffId}` creates the user so).
 * Their role, department and staff id go into the access token and the ID token; scopes the role
 * may not hold are suppressed. Every other part of the event is returned as Cognito sent it.
 */
export const shapeStaffToken = <E extends PreTokenGenerationV2TriggerEvent>(
  event: E,
  member: StaffMember | undefined,
): E => {
  const decision = staffTokenClaims(event.userName, member, event.request.scopes ?? []);
  if (!decision.issue) throw new StaffTokenRefused(`Kefu issues no token: ${decision.reason}.`);
  const claims = { ...decision.claims };
  return {
    ...event,
    response: {
      claimsAndScopeOverrideDetails: {
        idTokenGeneration: { claimsToAddOrOverride: claims },
        accessTokenGeneration: {
          claimsToAddOrOverride: claims,
          ...(decision.scopesToAdd.length > 0 ? { scopesToAdd: decision.scopesToAdd } : {}),
          ...(decision.scopesToSuppress.length > 0
            ? { scopesToSuppress: decision.scopesToSuppress }
            : {}),
        },
      },
    },
  };
};
