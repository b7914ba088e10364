import { apiHandler } from '../../shared/http/api-handler';
import { complaintOperations } from '../../shared/http/contracts/complaints-operations';
import { decodeCursor, encodeCursor } from '../../shared/http/cursor';
import { listVisibleComplaints } from '../../shared/services/complaints/query-service';
import { actorOf, complaintDeps } from './complaint-deps';

export const handler = apiHandler(
  complaintOperations.listComplaints,
  async ({ query, principal }) => {
    const { limit, cursor, assignee, breached, ...criteria } = query;
    const filter = {
      ...criteria,
      ownerId: assignee,
      breached: breached === undefined ? undefined : breached === 'true',
    };
    const list = `complaints:${JSON.stringify(filter)}`;
    const page = await listVisibleComplaints(complaintDeps(), actorOf(principal), filter, {
      limit,
      after: await decodeCursor(list, cursor),
    });
    const nextCursor = await encodeCursor(list, page.next);
    return { status: 200, body: { items: page.items, ...(nextCursor ? { nextCursor } : {}) } };
  },
);
