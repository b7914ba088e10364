import { type ComplaintActor, seesAllDepartments } from '../../domain/complaints/access';
import type { Complaint } from '../../domain/complaints/complaint';
import { DomainError } from '../../domain/errors';
import type { Page, PageRequest } from '../../domain/pagination';
import type { ComplaintQuery } from '../ports';
import type { ComplaintServiceDeps } from './deps';

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
  if (!seesAllDepartments(actor)) {
    if (query.department !== undefined && query.department !== actor.department) {
      throw new DomainError(
        'rule-violated',
        "You can list only your own department's complaints.",
        {
          fields: ['department'],
        },
      );
    }
    if (!actor.department) {
      throw new DomainError('rule-violated', 'Your token names no department.', {});
    }
    return deps.complaints.list({ ...query, department: actor.department }, page);
  }
  // `breached=false` narrows nothing an index can find: it filters the other criteria's list.
  const { breached, ...criteria } = query;
  if (breached !== true && Object.values(criteria).every((value) => value === undefined)) {
    throw new DomainError(
      'rule-violated',
      'Narrow the list by status, department, assignee or customerId.',
      { fields: ['status', 'department', 'assignee', 'customerId'] },
    );
  }
  return deps.complaints.list(query, page);
};
