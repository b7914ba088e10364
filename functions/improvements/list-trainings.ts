import { seesAllDepartments } from '../../shared/domain/complaints/access';
import { DomainError } from '../../shared/domain/errors';
import { directsDepartment } from '../../shared/domain/improvements/access';
import { apiHandler } from '../../shared/http/api-handler';
import { decodeCursor, encodeCursor } from '../../shared/http/cursor';
import { improvementOperations } from '../../wiring/operations/improvements';
import { improvementDeps } from './improvement-deps';

export const handler = apiHandler(
  improvementOperations.listTrainings,
  async ({ query, principal }) => {
    // A trainer's list is theirs (and admins'); a department's is its supervisors' (and admins').
    const trainerId = query.trainer ?? (query.department ? undefined : principal.subject);
    const allowed = trainerId
      ? trainerId === principal.subject || seesAllDepartments(principal)
      : query.department !== undefined && directsDepartment(principal, query.department);
    if (!allowed) {
      throw new DomainError(
        'rule-violated',
        "You can list only the trainings you give, or your department's as its supervisor.",
        { fields: ['trainer', 'department'] },
      );
    }
    const filter = { trainerId, department: query.department };
    const list = `trainings:${JSON.stringify(filter)}`;
    const page = await improvementDeps().trainings.list(filter, {
      limit: query.limit,
      after: await decodeCursor(list, query.cursor),
    });
    const nextCursor = await encodeCursor(list, page.next);
    return { status: 200, body: { items: page.items, ...(nextCursor ? { nextCursor } : {}) } };
  },
);
