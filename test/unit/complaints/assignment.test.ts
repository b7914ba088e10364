import { describe, expect, it } from 'vitest';
import { chooseOwner } from '../../../shared/domain/complaints/assignment';

const staff = (staffId: string, openComplaints: number, onDuty = true) => ({
  staffId,
  openComplaints,
  onDuty,
});

describe('chooseOwner', () => {
  it('picks the on-duty person with the least open work', () => {
    expect(chooseOwner([staff('a', 3), staff('b', 1), staff('c', 0, false)], undefined)).toBe('b');
  });

  it('shares ties in turn after the one assigned last, wrapping round', () => {
    const tied = [staff('c', 1), staff('a', 1), staff('b', 1)];
    expect(chooseOwner(tied, undefined)).toBe('a');
    expect(chooseOwner(tied, 'a')).toBe('b');
    expect(chooseOwner(tied, 'b')).toBe('c');
    expect(chooseOwner(tied, 'c')).toBe('a');
  });

  it('finds nobody when nobody is on duty', () => {
    expect(chooseOwner([staff('a', 0, false)], undefined)).toBeUndefined();
    expect(chooseOwner([], 'a')).toBeUndefined();
  });
});
