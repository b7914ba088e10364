import { beforeEach, describe, expect, it } from 'vitest';
import type { StaffSettings } from '../../../shared/domain/organization/staff';
import { DomainError } from '../../../shared/domain/errors';
import {
  putStaffMember,
  removeStaffMember,
  type StaffDeps,
} from '../../../shared/services/organization/staff-service';
import { FakeClock, SequentialIds } from '../../support/fakes/basics';
import { InMemoryOrganization, InMemoryStaffAccounts } from '../../support/fakes/organization';

const settings = (overrides: Partial<StaffSettings> = {}): StaffSettings => ({
  name: '李娜',
  email: 'li.na@example.com',
  department: 'logistics',
  role: 'agent',
  onDuty: true,
  ...overrides,
});

let organization: InMemoryOrganization;
let accounts: InMemoryStaffAccounts;
let clock: FakeClock;
let deps: StaffDeps;

beforeEach(() => {
  organization = new InMemoryOrganization();
  accounts = new InMemoryStaffAccounts();
  clock = new FakeClock(new Date('2026-12-01T08:00:00Z'));
  deps = { organization, accounts, clock, ids: new SequentialIds() };
});

const auditOf = (): Record<string, unknown>[] =>
  organization.staffAudit.map(({ type, source, detail }) => ({ type, source, ...detail }));

describe('staff members and their sign-in accounts', () => {
  it('adds a person with an account and an audit event naming who added them', async () => {
    const { member, created } = await putStaffMember(deps, 'li-na', settings(), 'admin-1');
    expect(created).toBe(true);
    expect(member).toMatchObject({ id: 'li-na', version: 1, onDuty: true });
    expect(accounts.accounts.get('li-na')).toEqual({
      email: 'li.na@example.com',
      name: '李娜',
      enabled: true,
    });
    expect(auditOf()).toEqual([
      {
        type: 'StaffMemberChanged',
        source: 'kefu.organization',
        staffId: 'li-na',
        change: 'added',
        changedBy: 'admin-1',
        changedFields: ['name', 'email', 'department', 'role', 'onDuty'],
        version: 1,
      },
    ]);
  });

  it('audits a change by the fields it touched, never their values, and keeps the account', async () => {
    await putStaffMember(deps, 'li-na', settings(), 'admin-1');
    await putStaffMember(deps, 'li-na', settings({ onDuty: false, role: 'supervisor' }), 'admin-2');
    expect(auditOf()[1]).toMatchObject({
      change: 'changed',
      changedBy: 'admin-2',
      changedFields: ['role', 'onDuty'],
      version: 2,
    });
    expect(JSON.stringify(auditOf())).not.toContain('li.na@example.com');
    // Off duty keeps the account: the person may still sign in and work what they own.
    expect(accounts.accounts.get('li-na')?.enabled).toBe(true);
  });

  it('removes a person: off duty, account disabled, audited once however often it is repeated', async () => {
    await putStaffMember(deps, 'li-na', settings(), 'admin-1');
    clock.advance(3_600_000);
    const removed = await removeStaffMember(deps, 'li-na', 'admin-1');
    expect(removed).toMatchObject({
      onDuty: false,
      removedAt: '2026-12-01T09:00:00.000Z',
      version: 2,
    });
    expect(accounts.accounts.get('li-na')?.enabled).toBe(false);
    const again = await removeStaffMember(deps, 'li-na', 'admin-1');
    expect(again).toEqual(removed);
    expect(auditOf().map((event) => event.change)).toEqual(['added', 'removed']);
    expect(auditOf()[1]?.changedFields).toEqual(['onDuty', 'removedAt']);
  });

  it('puts a removed person back with a PUT, enabling their account', async () => {
    await putStaffMember(deps, 'li-na', settings(), 'admin-1');
    await removeStaffMember(deps, 'li-na', 'admin-1');
    const { member, created } = await putStaffMember(deps, 'li-na', settings(), 'admin-1');
    expect(created).toBe(false);
    expect(member.removedAt).toBeUndefined();
    expect(accounts.accounts.get('li-na')?.enabled).toBe(true);
  });

  it('refuses to remove someone who was never added, writing nothing', async () => {
    await expect(removeStaffMember(deps, 'ghost', 'admin-1')).rejects.toMatchObject({
      kind: 'not-found',
    });
    expect(organization.staffAudit).toEqual([]);
    expect(accounts.accounts.size).toBe(0);
  });

  it('finishes an account the identity provider refused when the same PUT is repeated', async () => {
    accounts.failNext = true;
    await expect(putStaffMember(deps, 'li-na', settings(), 'admin-1')).rejects.toThrow(
      'TooManyRequestsException',
    );
    expect(accounts.accounts.has('li-na')).toBe(false);
    await putStaffMember(deps, 'li-na', settings(), 'admin-1');
    expect(accounts.accounts.get('li-na')?.enabled).toBe(true);
  });

  it('keeps an administrator flag only when set', async () => {
    const plain = await putStaffMember(deps, 'li-na', settings(), 'admin-1');
    expect('administrator' in plain.member).toBe(false);
    const admin = await putStaffMember(deps, 'zhang', settings({ administrator: true }), 'admin-1');
    expect(admin.member.administrator).toBe(true);
  });

  it('is refused as stale when someone changed the person meanwhile', async () => {
    await putStaffMember(deps, 'li-na', settings(), 'admin-1');
    const stale = { ...organization.staff.get('li-na')!, version: 1 };
    await expect(
      organization.putStaffMember(stale, organization.staffAudit[0]!),
    ).rejects.toBeInstanceOf(DomainError);
  });
});
