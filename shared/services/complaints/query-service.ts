import { canSee, type ComplaintActor, seesAllDepartments } from '../../domain/complaints/access';
import type { Complaint } from '../../domain/complaints/complaint';
import { DomainError } from '../../domain/errors';
import type { Page, PageRequest } from '../../domain/pagination';
import type { ComplaintQuery, ComplaintServiceDeps } from './ports';

/** The query as the actor may run it: department staff are held to their own department. */
const scopedToActor = (actor: ComplaintActor, query: ComplaintQuery): ComplaintQuery => {
  if (seesAllDepartments(actor)) return query;
  if (query.department !== undefined && query.department !== actor.department) {
    throw new DomainError('rule-violated', "You can list only your own department's complaints.", {
      fields: ['department'],
    });
  }
  if (!actor.department) {
    throw new DomainError('rule-violated', 'Your token names no department.', {});
  }
  return { ...query, department: actor.department };
};

/**
 * Lists complaints the actor may see. Department staff are held to their department (asking for
 * another is refused; asking for none means theirs); admins and integrators must narrow the list
 * by at least one criterion, since every list is an index query.
 */
export const listVisibleComplaints = (
  deps: ComplaintServiceDeps,
  actor: ComplaintActor,
  query: ComplaintQuery,
  page: PageRequest,
): Promise<Page<Complaint>> => {
  const scoped = scopedToActor(actor, query);
  // `breached=false` narrows nothing an index can find: it filters the other criteria's list.
  const { breached, ...criteria } = scoped;
  if (breached !== true && Object.values(criteria).every((value) => value === undefined)) {
    throw new DomainError(
      'rule-violated',
      'Narrow the list by number, status, department, assignee or customerId.',
      { fields: ['number', 'status', 'department', 'assignee', 'customerId'] },
    );
  }
  return deps.complaints.list(scoped, page);
};

const matches = (complaint: Complaint, query: ComplaintQuery): boolean =>
  (query.department === undefined || complaint.department === query.department) &&
  (query.status === undefined || complaint.status === query.status) &&
  (query.ownerId === undefined || complaint.ownerId === query.ownerId) &&
  (query.customerId === undefined || complaint.customerId === query.customerId) &&
  (!query.breached || complaint.breachedAt !== undefined);

/**
 * The complaint with this number (normalized: `normalizeComplaintNumber`), as a list of one or
 * none: a key lookup, then the same access rules and criteria as the list. A complaint of another
 * department is not in the answer, exactly as if no complaint had the number.
 */
export const findVisibleByNumber = async (
  deps: ComplaintServiceDeps,
  actor: ComplaintActor,
  number: string,
  query: ComplaintQuery,
): Promise<Complaint[]> => {
  const scoped = scopedToActor(actor, query);
  const complaint = await deps.complaints.getByNumber(number);
  return complaint && canSee(actor, complaint) && matches(complaint, scoped) ? [complaint] : [];
};
