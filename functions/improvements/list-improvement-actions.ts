import { DomainError } from '../../shared/domain/errors';
import { mayListActions } from '../../shared/domain/improvements/access';
import { apiHandler } from '../../shared/http/api-handler';
import { decodeCursor, encodeCursor } from '../../shared/http/cursor';
import { improvementOperations } from '../../wiring/operations/improvements';
import { improvementDeps } from './improvement-deps';

export const handler = apiHandler(
  improvementOperations.listImprovementActions,
  async ({ query, principal }) => {
    // Staff see their own unless they name an owner or a department; admins may list by status.
    const ownerId =
      query.owner ??
      (query.department || principal.role === 'admin' || principal.role === 'integrator'
        ? undefined
        : principal.subject);
    if (!mayListActions(principal, { ownerId, department: query.department })) {
      throw new DomainError(
        'rule-violated',
        "You can list only your own actions, or your department's as its supervisor.",
        { fields: ['owner', 'department'] },
      );
    }
    const filter = {
      status: query.status,
      ownerId,
      department: query.department,
      overdue: query.overdue === 'true',
    };
    const list = `improvement-actions:${JSON.stringify(filter)}`;
    const page = await improvementDeps().actions.list(filter, {
      limit: query.limit,
      after: await decodeCursor(list, query.cursor),
    });
    const nextCursor = await encodeCursor(list, page.next);
    return { status: 200, body: { items: page.items, ...(nextCursor ? { nextCursor } : {}) } };
  },
);
