import type { ComplaintServiceDeps } from '../../../shared/services/complaints/ports';
import { EventLog, FakeClock, SequentialIds } from './basics';
import { InMemoryComplaints } from './complaints';
import { InMemoryCustomers } from './customers';
import { InMemoryOrganization } from './organization';

/** Tuesday 2031-04-01, 10:00 in Shanghai: inside the default calendar's working hours. */
export const WORLD_START = '2031-04-01T02:00:00.000Z';

/** The complaint services' ports, all in memory, sharing one outbox. */
export const complaintWorld = (start: string = WORLD_START) => {
  const outbox = new EventLog();
  const organization = new InMemoryOrganization();
  const complaints = new InMemoryComplaints(organization, outbox);
  const customers = new InMemoryCustomers(outbox);
  const clock = new FakeClock(new Date(start));
  const ids = new SequentialIds();
  const deps: ComplaintServiceDeps = {
    complaints,
    customers,
    organization,
    clock,
    ids,
    reopenWindowDays: 30,
  };
  return { deps, outbox, organization, complaints, customers, clock, ids };
};

export type ComplaintWorld = ReturnType<typeof complaintWorld>;
