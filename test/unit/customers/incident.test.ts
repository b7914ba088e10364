import { describe, expect, it } from 'vitest';
import type { AccessRecord } from '../../../shared/domain/customers/access-record';
import { AffectedCustomers, monthsOf } from '../../../shared/domain/customers/incident';
import {
  type AccessTrail,
  findAffectedCustomers,
} from '../../../shared/services/customers/incident';

const record = (overrides: Partial<AccessRecord> & Pick<AccessRecord, 'customerId' | 'at'>) =>
  ({
    action: 'read',
    actor: { subject: 'leaky', clientId: 'client-a', role: 'agent' },
    operationId: 'getCustomer',
    scopes: ['customers:read'],
    requestId: `req-${overrides.customerId}-${overrides.at}`,
    ...overrides,
  }) satisfies AccessRecord;

const window = {
  suspect: { kind: 'actor', subject: 'leaky' } as const,
  since: '2026-11-30T00:00:00.000Z',
  until: '2026-12-01T23:59:59.999Z',
};

describe('monthsOf', () => {
  it('names every calendar month the window touches, across a year end', () => {
    expect(
      monthsOf({ since: '2026-11-15T00:00:00.000Z', until: '2027-02-01T00:00:00.000Z' }),
    ).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(
      monthsOf({ since: '2026-12-03T00:00:00.000Z', until: '2026-12-03T01:00:00.000Z' }),
    ).toEqual(['2026-12']);
  });
});

describe('AffectedCustomers', () => {
  it('counts each access once however often and in whatever order the trail yields it', () => {
    const affected = new AffectedCustomers(window);
    const late = record({
      customerId: 'c1',
      at: '2026-12-01T10:00:00.000Z',
      operationId: 'exportCustomer',
    });
    const early = record({ customerId: 'c1', at: '2026-11-30T09:00:00.000Z' });
    const change = record({
      customerId: 'c1',
      at: '2026-12-01T11:00:00.000Z',
      action: 'change',
      operationId: 'updateCustomer',
    });
    for (const each of [late, early, late, change, early]) affected.add(each);
    const findings = affected.findings();
    expect(findings.accesses).toBe(3);
    expect(findings.customers).toEqual([
      {
        customerId: 'c1',
        firstAccessAt: early.at,
        lastAccessAt: change.at,
        reads: 2,
        changes: 1,
        operations: ['exportCustomer', 'getCustomer', 'updateCustomer'],
      },
    ]);
  });

  it('leaves out other actors and accesses outside the window, and orders customers by first access', () => {
    const affected = new AffectedCustomers(window);
    affected.add(record({ customerId: 'c2', at: '2026-12-01T08:00:00.000Z' }));
    affected.add(record({ customerId: 'c3', at: '2026-11-30T08:00:00.000Z' }));
    affected.add(
      record({
        customerId: 'c4',
        at: '2026-11-30T08:00:00.000Z',
        actor: { subject: 'someone-else', clientId: 'client-a', role: 'agent' },
      }),
    );
    affected.add(record({ customerId: 'c5', at: '2026-11-29T23:59:59.999Z' }));
    affected.add(record({ customerId: 'c6', at: '2026-12-02T00:00:00.000Z' }));
    expect(affected.findings().customers.map((customer) => customer.customerId)).toEqual([
      'c3',
      'c2',
    ]);
  });

  it('finds a client by every token it issued, whoever the subject', () => {
    const affected = new AffectedCustomers({
      ...window,
      suspect: { kind: 'client', clientId: 'client-a' },
    });
    affected.add(record({ customerId: 'c1', at: '2026-12-01T08:00:00.000Z' }));
    affected.add(
      record({
        customerId: 'c2',
        at: '2026-12-01T09:00:00.000Z',
        actor: { subject: 'webhook:w1', clientId: 'client-a', role: 'integrator' },
      }),
    );
    affected.add(
      record({
        customerId: 'c3',
        at: '2026-12-01T09:00:00.000Z',
        actor: { subject: 'leaky', clientId: 'client-b', role: 'agent' },
      }),
    );
    expect(affected.findings().customers.map((customer) => customer.customerId)).toEqual([
      'c1',
      'c2',
    ]);
  });
});

describe('findAffectedCustomers', () => {
  it('reads each month of the window once and reports progress after each', async () => {
    const asked: string[] = [];
    const trail: AccessTrail = {
      async *recordsOf(_suspect, month) {
        asked.push(month);
        if (month === '2026-11') yield record({ customerId: 'c1', at: '2026-11-30T12:00:00.000Z' });
        if (month === '2026-12') yield record({ customerId: 'c2', at: '2026-12-01T12:00:00.000Z' });
      },
    };
    const progress: [string, number][] = [];
    const findings = await findAffectedCustomers(trail, window, (month, accesses) =>
      progress.push([month, accesses]),
    );
    expect(asked).toEqual(['2026-11', '2026-12']);
    expect(progress).toEqual([
      ['2026-11', 1],
      ['2026-12', 2],
    ]);
    expect(findings.customers.map((customer) => customer.customerId)).toEqual(['c1', 'c2']);
  });
});
