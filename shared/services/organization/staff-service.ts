import type { Clock } from '../../domain/clock';
import { notFound } from '../../domain/errors';
import type { IdSource } from '../../domain/ids';
import {
  changedStaffFields,
  configureStaffMember,
  removeStaffMember as removed,
  type StaffMember,
  type StaffSettings,
} from '../../domain/organization/staff';
import type { DomainEvent } from '../../domain/events';
import type { OrganizationRepository, StaffAccounts } from './ports';

export interface StaffDeps {
  organization: OrganizationRepository;
  accounts: StaffAccounts;
  clock: Clock;
  ids: IdSource;
}

const auditEvent = (
  deps: StaffDeps,
  previous: StaffMember | undefined,
  next: StaffMember,
  changedBy: string,
): DomainEvent => ({
  id: deps.ids.next(),
  source: 'kefu.organization',
  type: 'StaffMemberChanged',
  occurredAt: next.updatedAt,
  detail: {
    staffId: next.id,
    change: next.removedAt ? 'removed' : previous ? 'changed' : 'added',
    changedBy,
    changedFields: changedStaffFields(previous, next),
    version: next.version,
  },
});

/**
 * Adds or changes a staff member, and their sign-in account with them: a new person gets an
 * invitation email, a removed one who is put back gets their account enabled again. The department
 * need not be configured yet, so staff and departments can be set up in either order. The record
 * (with its audit event) is written first; should the account then fail, repeating the same PUT
 * finishes the job.
 */
export const putStaffMember = async (
  deps: StaffDeps,
  id: string,
  settings: StaffSettings,
  changedBy: string,
): Promise<{ member: StaffMember; created: boolean }> => {
  const previous = await deps.organization.getStaffMember(id);
  const member = configureStaffMember(id, settings, previous, deps.clock.now());
  await deps.organization.putStaffMember(member, auditEvent(deps, previous, member, changedBy));
  await deps.accounts.provision({ staffId: id, email: member.email, name: member.name });
  return { member, created: previous === undefined };
};

/**
 * Removes a staff member: off duty, no new work, no new tokens (their account is disabled and
 * signed out). Removing someone already removed changes nothing and answers the record as it is.
 */
export const removeStaffMember = async (
  deps: StaffDeps,
  id: string,
  changedBy: string,
): Promise<StaffMember> => {
  const previous = await deps.organization.getStaffMember(id);
  if (!previous) throw notFound('staff member', id);
  if (previous.removedAt !== undefined) {
    await deps.accounts.disable(id);
    return previous;
  }
  const member = removed(previous, deps.clock.now());
  await deps.organization.putStaffMember(member, auditEvent(deps, previous, member, changedBy));
  await deps.accounts.disable(id);
  return member;
};
