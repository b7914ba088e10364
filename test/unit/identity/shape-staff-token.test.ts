import type { PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import type { StaffMember } from '../../../shared/domain/organization/staff';
import { shapeStaffToken, StaffTokenRefused } from '../../../shared/identity/pre-token-generation';
import { ROLE_SCOPES } from '../../../shared/identity/roles';
import { oauthScope, SCOPES } from '../../../wiring/names';

/**
 * A pre-token-generation V2 event as Cognito sends it for a managed-login sign-in (shape from the
 * Cognito developer guide, "Pre token generation Lambda trigger": version "2", the user's
 * attributes, the group configuration and the scopes the sign-in asked for).
 */
const v2Event = (
  userName: string,
  scopes: string[],
  triggerSource: PreTokenGenerationV2TriggerEvent['triggerSource'] = 'TokenGeneration_HostedAuth',
): PreTokenGenerationV2TriggerEvent =>
  ({
    version: '2',
    triggerSource,
    region: 'eu-west-1',
    userPoolId: 'eu-west-1_AbCdEfGhI',
    userName,
    callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: '1example23456789' },
    request: {
      userAttributes: {
        sub: 'a1b2c3d4-5678-90ab-cdef-EXAMPLE11111',
        'cognito:user_status': 'CONFIRMED',
        email_verified: 'true',
        email: `${userName}@example.com`,
      },
      groupConfiguration: {
        groupsToOverride: [],
        iamRolesToOverride: [],
        preferredRole: undefined,
      },
      scopes,
    },
    response: { claimsAndScopeOverrideDetails: {} },
  }) as PreTokenGenerationV2TriggerEvent;

const member = (overrides: Partial<StaffMember> = {}): StaffMember => ({
  id: 'li-na',
  name: '李娜',
  email: 'li-na@example.com',
  department: 'logistics',
  role: 'agent',
  onDuty: true,
  openComplaints: 0,
  updatedAt: '2026-12-01T08:00:00.000Z',
  version: 1,
  ...overrides,
});

const accessOf = (event: PreTokenGenerationV2TriggerEvent) =>
  event.response.claimsAndScopeOverrideDetails.accessTokenGeneration;

describe('the pre-token-generation trigger (V2 event)', () => {
  it('gives an agent staff_id, role staff and their department, in the access and the ID token', () => {
    const event = v2Event('li-na', ['openid', oauthScope(SCOPES.complaintsRead)]);
    const shaped = shapeStaffToken(event, member());
    const claims = { staff_id: 'li-na', role: 'staff', department: 'logistics' };
    expect(accessOf(shaped)?.claimsToAddOrOverride).toEqual(claims);
    expect(shaped.response.claimsAndScopeOverrideDetails.idTokenGeneration).toEqual({
      claimsToAddOrOverride: claims,
    });
    expect(accessOf(shaped)?.scopesToSuppress).toBeUndefined();
    expect(accessOf(shaped)?.scopesToAdd).toBeUndefined();
    // Everything but the response goes back as Cognito sent it.
    expect({ ...shaped, response: undefined }).toEqual({ ...event, response: undefined });
  });

  it('suppresses the requested scopes an agent may not hold, and keeps the rest', () => {
    const shaped = shapeStaffToken(
      v2Event('li-na', [
        'openid',
        oauthScope(SCOPES.complaintsWrite),
        oauthScope(SCOPES.admin),
        oauthScope(SCOPES.reportsRead),
        oauthScope(SCOPES.customersErase),
      ]),
      member(),
    );
    expect(accessOf(shaped)?.scopesToSuppress).toEqual([
      oauthScope(SCOPES.admin),
      oauthScope(SCOPES.reportsRead),
      oauthScope(SCOPES.customersErase),
    ]);
    expect(accessOf(shaped)?.scopesToAdd).toBeUndefined();
  });

  it('adds every scope of the role when the sign-in asked for none of Kefu’s (a console asking openid only)', () => {
    const shaped = shapeStaffToken(
      v2Event('wang-wei', ['openid', 'email']),
      member({ id: 'wang-wei', role: 'supervisor' }),
    );
    expect(accessOf(shaped)?.claimsToAddOrOverride).toMatchObject({ role: 'supervisor' });
    expect(accessOf(shaped)?.scopesToAdd?.sort()).toEqual(
      ROLE_SCOPES.supervisor.map(oauthScope).sort(),
    );
    expect(accessOf(shaped)?.scopesToAdd).toContain(oauthScope(SCOPES.reportsRead));
    expect(accessOf(shaped)?.scopesToAdd).not.toContain(oauthScope(SCOPES.admin));
  });

  it('makes a department head a supervisor of their department', () => {
    const shaped = shapeStaffToken(
      v2Event('zhao-li', []),
      member({ id: 'zhao-li', role: 'head', department: 'sales' }),
    );
    expect(accessOf(shaped)?.claimsToAddOrOverride).toEqual({
      staff_id: 'zhao-li',
      role: 'supervisor',
      department: 'sales',
    });
  });

  it('makes an administrator admin, who may hold every scope, on refresh as on sign-in', () => {
    const shaped = shapeStaffToken(
      v2Event(
        'admin-1',
        [oauthScope(SCOPES.admin), oauthScope(SCOPES.auditRead)],
        'TokenGeneration_RefreshTokens',
      ),
      member({ id: 'admin-1', role: 'head', administrator: true }),
    );
    expect(accessOf(shaped)?.claimsToAddOrOverride).toMatchObject({
      role: 'admin',
      staff_id: 'admin-1',
    });
    expect(accessOf(shaped)?.scopesToSuppress).toBeUndefined();
    expect(ROLE_SCOPES.admin).toEqual(Object.values(SCOPES));
  });

  it('refuses a token to a user with no /staff record', () => {
    expect(() => shapeStaffToken(v2Event('ghost', []), undefined)).toThrow(StaffTokenRefused);
    expect(() => shapeStaffToken(v2Event('ghost', []), undefined)).toThrow('no staff member ghost');
  });

  it('refuses a token to a removed (disabled) staff member', () => {
    expect(() =>
      shapeStaffToken(
        v2Event('li-na', [], 'TokenGeneration_RefreshTokens'),
        member({ removedAt: '2026-12-02T09:00:00.000Z', onDuty: false }),
      ),
    ).toThrow('staff member li-na was removed');
  });

  it('refuses a record whose role Kefu does not know, rather than guessing one', () => {
    expect(() =>
      shapeStaffToken(v2Event('li-na', []), member({ role: 'manager' as StaffMember['role'] })),
    ).toThrow('a role Kefu does not know');
  });

  it('names the staff member from the record, never from the event’s attributes', () => {
    const event = v2Event('li-na', []);
    event.request.userAttributes['custom:staff_id'] = 'someone-else';
    const shaped = shapeStaffToken(event, member());
    expect(accessOf(shaped)?.claimsToAddOrOverride?.staff_id).toBe('li-na');
  });
});
