import { apiHandler } from '../../shared/http/api-handler';
import { complaintOperations } from '../../wiring/operations/complaints';
import { decodeCursor, encodeCursor } from '../../shared/http/cursor';
import { listVisibleComplaints } from '../../shared/services/complaints/query-service';
import { actorOf, complaintDeps } from './complaint-deps';

export const handler = apiHandler(
  complaintOperations.listCustomerComplaints,
  async ({ path, query, principal }) => {
    const list = `customer-complaints:${path.customerId}`;
    const page = await listVisibleComplaints(
      complaintDeps(),
      actorOf(principal),
      { customerId: path.customerId },
      { limit: query.limit, after: await decodeCursor(list, query.cursor) },
    );
    const nextCursor = await encodeCursor(list, page.next);
    return { status: 200, body: { items: page.items, ...(nextCursor ? { nextCursor } : {}) } };
  },
);
