import { instantAt, localDateAt } from '../../shared/domain/calendar/time-zone';
import { nextLocalDate } from '../../shared/domain/calendar/local-date';
import { DomainError } from '../../shared/domain/errors';
import { mayListRevisits } from '../../shared/domain/revisits/access';
import { apiHandler } from '../../shared/http/api-handler';
import { revisitOperations } from '../../wiring/operations/revisits';
import { decodeCursor, encodeCursor } from '../../shared/http/cursor';
import { revisitDeps } from './revisit-deps';

const ZONE = 'Asia/Shanghai';

export const handler = apiHandler(revisitOperations.listRevisits, async ({ query, principal }) => {
  const deps = revisitDeps();
  const now = deps.clock.now();
  const today = localDateAt(now.getTime(), ZONE);
  const window =
    query.due === 'overdue'
      ? { dueBefore: now.toISOString() }
      : query.due === 'today'
        ? {
            dueFrom: new Date(instantAt(today, 0, ZONE)).toISOString(),
            dueBefore: new Date(instantAt(nextLocalDate(today), 0, ZONE)).toISOString(),
          }
        : {};
  const unassigned = query.unassigned === 'true';
  if (unassigned && (!query.department || query.assignee)) {
    throw new DomainError(
      'rule-violated',
      'The unassigned list is a department’s: name the department, and no assignee.',
      {
        fields: ['unassigned', 'department', 'assignee'],
      },
    );
  }
  // Staff see their own worklist unless they name an assignee or department.
  const assigneeId =
    query.assignee ??
    (query.department || principal.role === 'admin' ? undefined : principal.subject);
  if (!assigneeId && !query.department) {
    throw new DomainError('rule-violated', 'Name an assignee or a department.', {
      fields: ['assignee', 'department'],
    });
  }
  if (!mayListRevisits(principal, { assigneeId, department: query.department })) {
    throw new DomainError(
      'rule-violated',
      "You can list only your own worklist or your own department's revisits.",
      { fields: ['assignee', 'department'] },
    );
  }
  const filter = {
    assigneeId,
    department: query.department,
    ...(unassigned ? { unassigned } : {}),
    status: query.status,
    ...window,
  };
  const list = `revisits:${JSON.stringify(filter)}`;
  const page = await deps.revisits.list(filter, {
    limit: query.limit,
    after: await decodeCursor(list, query.cursor),
  });
  const nextCursor = await encodeCursor(list, page.next);
  return { status: 200, body: { items: page.items, ...(nextCursor ? { nextCursor } : {}) } };
});
