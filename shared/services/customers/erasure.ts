import { tombstoneFor, type LegalBasis, type Tombstone } from '../../domain/customers/erasure';
import { DomainError, notFound } from '../../domain/errors';
import { cancelRevisit, isOpenRevisit } from '../../domain/revisits/revisit';
import { erasedWordsContribution } from '../../domain/reports/contributions';
import { markSkipped } from '../../domain/surveys/survey';
import { everyPage } from '../every-page';
import type { ComplaintRepository } from '../complaints/ports';
import type { RevisitRepository } from '../revisits/ports';
import type { AggregateStore } from '../reports/ports';
import type { SurveyRepository } from '../surveys/ports';
import type { CustomerServiceDeps } from './ports';

export interface ErasureDeps extends CustomerServiceDeps {
  complaints: ComplaintRepository;
  revisits: RevisitRepository;
  surveys: SurveyRepository;
  aggregates: AggregateStore;
}

export interface ErasureResult {
  tombstone: Tombstone;
  cancelledRevisits: number;
  cancelledSurveys: number;
}

const PENDING_LIMIT = 1_000;

const ignoringStale = async (write: () => Promise<void>): Promise<boolean> => {
  try {
    await write();
    return true;
  } catch (error) {
    if (error instanceof DomainError && error.kind === 'stale-version') return false;
    throw error;
  }
};

/** Nothing more goes out to an erased customer: open revisits are cancelled, planned surveys skipped. */
const cancelPendingWork = async (deps: ErasureDeps, customerId: string, now: Date) => {
  let cancelledRevisits = 0;
  for (const revisit of await deps.revisits.forCustomer(customerId, PENDING_LIMIT)) {
    if (!isOpenRevisit(revisit)) continue;
    const reason = 'the customer was erased';
    const cancelled = await ignoringStale(() =>
      deps.revisits.save(revisit, cancelRevisit(revisit, reason, now), [
        {
          id: deps.ids.next(),
          source: 'kefu.revisits',
          type: 'RevisitCancelled',
          occurredAt: now.toISOString(),
          detail: { revisitId: revisit.id, customerId, reason },
        },
      ]),
    );
    if (cancelled) cancelledRevisits++;
  }
  let cancelledSurveys = 0;
  const surveys = await everyPage(
    (page) => deps.surveys.listForCustomer(customerId, page),
    PENDING_LIMIT,
  );
  for (const survey of surveys.filter((candidate) => candidate.status === 'scheduled')) {
    if (
      await ignoringStale(() =>
        deps.surveys.save(survey, markSkipped(survey, 'not-in-archive', now)),
      )
    ) {
      cancelledSurveys++;
    }
  }
  return { cancelledRevisits, cancelledSurveys };
};

/**
 * Takes the customer's words out of the hot topics while they can still be read (once per record:
 * a repeated erasure subtracts nothing twice), so that figures rebuilt later agree.
 */
const retractWords = async (deps: ErasureDeps, customerId: string) => {
  const [complaints, surveys] = await Promise.all([
    everyPage((page) => deps.complaints.list({ customerId }, page), PENDING_LIMIT),
    everyPage((page) => deps.surveys.listForCustomer(customerId, page), PENDING_LIMIT),
  ]);
  const records = [
    ...complaints.map((complaint) => ({ id: complaint.id, kind: 'complaint' as const, complaint })),
    ...surveys.map((survey) => ({ id: survey.id, kind: 'survey' as const, survey })),
  ];
  for (const record of records) {
    const contributions = erasedWordsContribution(record);
    if (contributions.length > 0) {
      await deps.aggregates.apply(`erasure#${customerId}#${record.id}`, contributions);
    }
  }
};

/**
 * Erases a customer (right to erasure): the profile, contact guards and data key give way to a
 * tombstone in one write, which makes every copy of their personal data unreadable; then pending
 * revisits and surveys are called off. Erasing again changes nothing and finishes any work a
 * first attempt left undone.
 */
export const eraseCustomer = async (
  deps: ErasureDeps,
  customerId: string,
  legalBasis: LegalBasis,
  erasedBy: string,
): Promise<ErasureResult> => {
  const now = deps.clock.now();
  let tombstone = await deps.customers.tombstoneOf(customerId);
  if (!tombstone) {
    const customer = await deps.customers.get(customerId);
    if (!customer) throw notFound('Customer', customerId);
    tombstone = tombstoneFor(customerId, legalBasis, erasedBy, now);
    await retractWords(deps, customerId);
    await deps.customers.erase(customer, tombstone, {
      id: deps.ids.next(),
      source: 'kefu.customers',
      type: 'CustomerErased',
      occurredAt: tombstone.erasedAt,
      detail: { customerId, legalBasis },
    });
  }
  return { tombstone, ...(await cancelPendingWork(deps, customerId, now)) };
};
