import type { StaffMember } from '../domain/organization/staff';
import { SCOPES, type Scope } from '../../wiring/names';

/** Every kind of caller a token can name. */
export const ROLES = ['staff', 'supervisor', 'admin', 'integrator'] as const;
export type Role = (typeof ROLES)[number];

/** The roles a staff member's token may carry (`role` claim, set by the pre-token trigger). */
export const STAFF_ROLES = ['staff', 'supervisor', 'admin'] as const;
export type StaffTokenRole = (typeof STAFF_ROLES)[number];

/** Roles that work one department's lists and so cannot act without one. */
export const DEPARTMENT_ROLES: readonly StaffTokenRole[] = ['staff', 'supervisor'];

/** Looked up by name, so a record with a role Kefu does not know (old or forged data) gets none. */
const TOKEN_ROLE_OF: Partial<Record<string, StaffTokenRole>> = {
  agent: 'staff',
  supervisor: 'supervisor',
  head: 'supervisor',
} satisfies Record<StaffMember['role'], StaffTokenRole>;

/**
 * The role a staff member's token carries, from their /staff record: agents work their
 * department's complaints, supervisors and heads (the escalation chain) also its figures and
 * campaigns, administrators configure Kefu and see every department.
 */
export const tokenRoleOf = (
  member: Pick<StaffMember, 'role' | 'administrator'>,
): StaffTokenRole | undefined =>
  member.administrator === true ? 'admin' : TOKEN_ROLE_OF[member.role as string];

const everyday: readonly Scope[] = [
  SCOPES.customersRead,
  SCOPES.customersWrite,
  SCOPES.complaintsRead,
  SCOPES.complaintsWrite,
  SCOPES.revisitsRead,
  SCOPES.revisitsWrite,
  SCOPES.surveysRead,
  SCOPES.improvementsRead,
  SCOPES.improvementsWrite,
];

/**
 * The most a staff token of each role may hold. Integrators' scopes are not here: each integrator
 * client holds exactly the scopes its stage configuration lists.
 */
export const ROLE_SCOPES: Readonly<Record<StaffTokenRole, readonly Scope[]>> = {
  staff: everyday,
  supervisor: [...everyday, SCOPES.surveysWrite, SCOPES.reportsRead],
  admin: Object.values(SCOPES),
};
