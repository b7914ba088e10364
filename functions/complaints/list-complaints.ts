import { apiHandler } from '../../shared/http/api-handler';
import { complaintOperations } from '../../wiring/operations/complaints';
import { decodeCursor, encodeCursor } from '../../shared/http/cursor';
import { normalizeComplaintNumber } from '../../shared/domain/complaints/complaint-number';
import { problems } from '../../shared/http/problem';
import {
  findVisibleByNumber,
  listVisibleComplaints,
} from '../../shared/services/complaints/query-service';
import { actorOf, complaintDeps } from './complaint-deps';

export const handler = apiHandler(
  complaintOperations.listComplaints,
  async ({ query, principal }) => {
    const { limit, cursor, assignee, breached, number, ...criteria } = query;
    const filter = {
      ...criteria,
      ownerId: assignee,
      breached: breached === undefined ? undefined : breached === 'true',
    };
    const normalized = number === undefined ? undefined : normalizeComplaintNumber(number);
    if (normalized !== undefined) {
      // One complaint at most: a key lookup, a single page; no cursor was ever issued for it.
      if (cursor !== undefined) throw problems.invalidCursor();
      const items = await findVisibleByNumber(
        complaintDeps(),
        actorOf(principal),
        normalized,
        filter,
      );
      return { status: 200, body: { items } };
    }
    const list = `complaints:${JSON.stringify(filter)}`;
    const page = await listVisibleComplaints(complaintDeps(), actorOf(principal), filter, {
      limit,
      after: await decodeCursor(list, cursor),
    });
    const nextCursor = await encodeCursor(list, page.next);
    return { status: 200, body: { items: page.items, ...(nextCursor ? { nextCursor } : {}) } };
  },
);
