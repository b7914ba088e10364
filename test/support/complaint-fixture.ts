import type { Complaint } from '../../shared/domain/complaints/complaint';

/** A routed, owned P2 complaint in progress, with its SLA: the unit tests' starting point. */
export const complaintFixture = (change: Partial<Complaint> = {}): Complaint =>
  ({
    id: 'C1',
    number: 'KF-20311001-AAAAAA',
    customerId: 'K1',
    channel: 'web',
    subject: 's',
    description: 'd',
    severity: 'normal',
    attachments: [],
    status: 'in_progress',
    department: 'logistics',
    ownerId: 'li-na',
    priority: 'P2',
    escalationLevel: 1,
    receivedAt: '2031-04-01T01:00:00.000Z',
    updatedAt: '2031-04-01T02:00:00.000Z',
    version: 4,
    sla: {
      policyId: 'p2-high',
      firstResponse: { afterMs: 8 * 3_600_000, clock: 'business' },
      resolution: { afterMs: 48 * 3_600_000, clock: 'calendar' },
      firstResponseDue: '2031-04-01T09:00:00.000Z',
      resolutionDue: '2031-04-03T01:00:00.000Z',
      warnings: [],
      pausedBusinessMs: 0,
      pausedCalendarMs: 0,
      pauses: [],
      raised: ['firstResponse:warning'],
    },
    ...change,
  }) as Complaint;
