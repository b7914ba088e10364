import type { AccessRecord } from './access-record';

/**
 * Seed 002 ch. 8 §1.1.35: "在發生隱私泄露事件時，採取有效措施減輕損失" — when personal data may
 * have leaked, act to limit the harm. The first step is knowing whose data the leaked credential
 * (a person, or an integrator's client) read or changed in the time it was exposed.
 */
export type IncidentSuspect =
  { kind: 'actor'; subject: string } | { kind: 'client'; clientId: string };

export interface IncidentWindow {
  suspect: IncidentSuspect;
  /** Inclusive ISO instants (UTC). */
  since: string;
  until: string;
}

/** One customer the suspect touched: enough to decide whom to tell and what to tell them. */
export interface AffectedCustomer {
  customerId: string;
  firstAccessAt: string;
  lastAccessAt: string;
  reads: number;
  changes: number;
  /** The operations that touched the customer, in the order first seen. */
  operations: string[];
}

export interface IncidentFindings {
  window: IncidentWindow;
  accesses: number;
  customers: AffectedCustomer[];
}

/** The calendar months (`2026-12`) an access-trail query has to read for the window. */
export const monthsOf = (window: Pick<IncidentWindow, 'since' | 'until'>): string[] => {
  const months: string[] = [];
  let [year, month] = window.since.slice(0, 7).split('-').map(Number) as [number, number];
  const last = window.until.slice(0, 7);
  for (;;) {
    const current = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
    if (current > last) return months;
    months.push(current);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
};

export const matchesSuspect = (record: AccessRecord, suspect: IncidentSuspect): boolean =>
  suspect.kind === 'actor'
    ? record.actor.subject === suspect.subject
    : record.actor.clientId === suspect.clientId;

/**
 * Folds access records, in any order and with duplicates (a request id and action are one
 * access, however often the trail yields it), into the customers they touched.
 */
export class AffectedCustomers {
  private readonly byCustomer = new Map<string, AffectedCustomer>();
  private readonly seen = new Set<string>();

  constructor(private readonly window: IncidentWindow) {}

  add(record: AccessRecord): void {
    if (!matchesSuspect(record, this.window.suspect)) return;
    if (record.at < this.window.since || record.at > this.window.until) return;
    const access = `${record.customerId}#${record.requestId}#${record.action}`;
    if (this.seen.has(access)) return;
    this.seen.add(access);
    const known = this.byCustomer.get(record.customerId);
    if (!known) {
      this.byCustomer.set(record.customerId, {
        customerId: record.customerId,
        firstAccessAt: record.at,
        lastAccessAt: record.at,
        reads: record.action === 'read' ? 1 : 0,
        changes: record.action === 'change' ? 1 : 0,
        operations: [record.operationId],
      });
      return;
    }
    if (record.at < known.firstAccessAt) known.firstAccessAt = record.at;
    if (record.at > known.lastAccessAt) known.lastAccessAt = record.at;
    if (record.action === 'read') known.reads += 1;
    else known.changes += 1;
    if (!known.operations.includes(record.operationId)) known.operations.push(record.operationId);
  }

  findings(): IncidentFindings {
    const customers = [...this.byCustomer.values()].sort(
      (a, b) =>
        a.firstAccessAt.localeCompare(b.firstAccessAt) || a.customerId.localeCompare(b.customerId),
    );
    return { window: this.window, accesses: this.seen.size, customers };
  }
}
