import { api, eventually } from './harness';

export interface RevisitView {
  id: string;
  policyId: string;
  status: string;
  opensAt: string;
  dueAt: string;
  warnAt: string;
  warnedAt?: string;
  escalatedAt?: string;
  assigneeId?: string;
  department?: string;
  attempts: unknown[];
  cause: { type: string; id: string };
  outcome?: { completedAt: string; score?: number };
  recurrence?: { occurrence: number; cycleStartedAt: string };
  cancellation?: { reason: string };
}

/** The shared stack's clock, which other test files move too. */
export const clockNow = async () =>
  Date.parse((await api<{ now: string }>('/_local/clock')).body.now);

/** Moves the stack's clock to `instant` (plus `extraMs`), never back. */
export const advanceTo = async (instant: string | number, extraMs = 60_000) => {
  const target = typeof instant === 'number' ? instant : Date.parse(instant);
  const hours = (target - (await clockNow()) + extraMs) / 3_600_000;
  if (hours > 0) await api('/_local/clock/advance', { body: { hours } });
};

export const runRevisitSweep = () => api('/_local/schedules/revisits-due/run', { method: 'POST' });
export const runRevisitDigest = () =>
  api('/_local/schedules/revisit-digest/run', { method: 'POST' });

/** Ids of the customer's planned revisits, once at least `atLeast` were published. */
export const revisitsOf = async (customerId: string, atLeast = 1) =>
  eventually(async () => {
    const events = await api<{
      items: {
        'detail-type': string;
        detail: { data: { customerId?: string; revisitId?: string } };
      }[];
    }>('/_local/events');
    const ids = events.body.items
      .filter(
        (event) =>
          event['detail-type'] === 'RevisitPlanned' && event.detail.data.customerId === customerId,
      )
      .map((event) => event.detail.data.revisitId ?? '');
    return ids.length >= atLeast ? ids : undefined;
  }, 'revisits to be planned');

/** A revisit, read with a token that sees it (an admin's sees all). */
export const readRevisit = async (id: string, token: string) =>
  (await api<RevisitView>(`/revisits/${id}`, { token })).body;
