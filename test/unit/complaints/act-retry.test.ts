import { describe, expect, it } from 'vitest';
import type { ComplaintActor } from '../../../shared/domain/complaints/access';
import type { Complaint } from '../../../shared/domain/complaints/complaint';
import { DomainError } from '../../../shared/domain/errors';
import { act, ACT_ATTEMPTS } from '../../../shared/services/complaints/action-service';
import type { ComplaintServiceDeps } from '../../../shared/services/complaints/ports';
import { complaintFixture } from '../../support/complaint-fixture';

// Without an SLA: the action then needs no calendar.
const stored = (version: number, status: Complaint['status'] = 'in_progress'): Complaint =>
  complaintFixture({ version, status, sla: undefined });

const admin: ComplaintActor = { subject: 'admin-1', role: 'admin', department: undefined };

/** A repository whose save loses the race `lost` times (another writer saved first) then wins. */
const racingDeps = (lost: number, reads: Complaint[]) => {
  const saves: Complaint[] = [];
  let counter = 0;
  const deps = {
    clock: { now: () => new Date('2031-04-02T03:00:00.000Z') },
    ids: { next: () => `ID${(counter += 1)}` },
    complaints: {
      get: async () => reads[Math.min(saves.length, reads.length - 1)],
      save: async ({ next }: { next: Complaint }) => {
        saves.push(next);
        if (saves.length <= lost) {
          throw new DomainError('stale-version', 'The complaint was changed meanwhile.');
        }
      },
    },
  } as unknown as ComplaintServiceDeps;
  return { deps, saves };
};

describe('an action another writer beat', () => {
  it('is decided again on the complaint as it is now, and saved once it wins', async () => {
    const { deps, saves } = racingDeps(1, [stored(4), stored(5)]);
    const done = await act(deps, admin, 'C1', 'respond', () => ({ changes: {} }));
    expect(saves.map((complaint) => complaint.version)).toEqual([5, 6]);
    expect(done.version).toBe(6);
  });

  it('is refused by the lifecycle when the fresh complaint no longer allows it', async () => {
    const { deps, saves } = racingDeps(1, [stored(4), stored(5, 'closed')]);
    await expect(act(deps, admin, 'C1', 'respond', () => ({ changes: {} }))).rejects.toThrow(
      DomainError,
    );
    expect(saves).toHaveLength(1);
  });

  it(`gives up after ${ACT_ATTEMPTS} lost races with the stale-version error`, async () => {
    const { deps, saves } = racingDeps(ACT_ATTEMPTS, [stored(4)]);
    await expect(act(deps, admin, 'C1', 'respond', () => ({ changes: {} }))).rejects.toMatchObject({
      kind: 'stale-version',
    });
    expect(saves).toHaveLength(ACT_ATTEMPTS);
  });
});
