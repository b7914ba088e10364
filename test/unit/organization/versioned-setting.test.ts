import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../shared/domain/errors';
import type {
  OrganizationRepository,
  Versioned,
} from '../../../shared/services/organization/ports';
import {
  type OrganizationDeps,
  versionedSetting,
} from '../../../shared/services/organization/organization-service';

/** Just the calendar methods of the port, over a map: enough for a scoped setting. */
const inMemory = () => {
  const stored = new Map<string, Versioned<string[]> & { updatedAt: string }>();
  const organization = {
    getCalendar: async (id: string) => stored.get(id),
    putCalendar: async (id: string, value: string[], version: number, updatedAt: string) => {
      if ((stored.get(id)?.version ?? 0) !== version - 1) {
        throw new DomainError('stale-version', 'changed meanwhile');
      }
      stored.set(id, { value, version, updatedAt });
    },
  } as unknown as OrganizationRepository;
  const deps: OrganizationDeps = {
    organization,
    clock: { now: () => new Date('2027-03-01T08:00:00.000Z') },
  };
  return { stored, deps };
};

let forgotten = 0;
const holidays = versionedSetting({
  field: 'days',
  read: (organization, id: string) =>
    organization.getCalendar(id) as unknown as Promise<Versioned<string[]> | undefined>,
  write: (organization, days: string[], version, at, id: string) =>
    organization.putCalendar(id, days as never, version, at),
  defaults: ['2027-01-01'],
  validate: (_deps, days) => {
    if (days.length === 0) throw new DomainError('invalid-reference', 'name at least one day');
  },
  replaced: () => {
    forgotten++;
  },
});

describe('versionedSetting', () => {
  it('answers the defaults as version 0 while nothing is stored', async () => {
    const { deps } = inMemory();
    expect(await holidays.current(deps, 'default')).toEqual({
      days: ['2027-01-01'],
      version: 0,
      defaults: true,
    });
  });

  it('stores each replacement as the next version, per scope, with the time of the clock', async () => {
    const { deps, stored } = inMemory();
    forgotten = 0;
    expect(await holidays.replace(deps, ['2027-05-01'], 'default')).toEqual({
      days: ['2027-05-01'],
      version: 1,
    });
    expect(await holidays.replace(deps, ['2027-10-01'], 'default')).toEqual({
      days: ['2027-10-01'],
      version: 2,
    });
    expect(await holidays.current(deps, 'default')).toEqual({
      days: ['2027-10-01'],
      version: 2,
      defaults: false,
    });
    expect(await holidays.current(deps, 'logistics')).toMatchObject({ version: 0, defaults: true });
    expect(stored.get('default')?.updatedAt).toBe('2027-03-01T08:00:00.000Z');
    expect(forgotten).toBe(2);
  });

  it('refuses an invalid document before anything is stored', async () => {
    const { deps, stored } = inMemory();
    await expect(holidays.replace(deps, [], 'default')).rejects.toThrow('name at least one day');
    expect(stored.size).toBe(0);
  });
});
