import type { AccessRecord } from '../../domain/customers/access-record';
import {
  AffectedCustomers,
  type IncidentFindings,
  type IncidentSuspect,
  type IncidentWindow,
  monthsOf,
} from '../../domain/customers/incident';

/** The access log read by who accessed, one calendar month at a time. */
export interface AccessTrail {
  recordsOf(
    suspect: IncidentSuspect,
    month: string,
    window: IncidentWindow,
  ): AsyncIterable<AccessRecord>;
}

/** Whose personal data the suspect read or changed in the window, month by month. */
export const findAffectedCustomers = async (
  trail: AccessTrail,
  window: IncidentWindow,
  onMonth: (month: string, accessesSoFar: number) => void = () => undefined,
): Promise<IncidentFindings> => {
  const affected = new AffectedCustomers(window);
  for (const month of monthsOf(window)) {
    for await (const record of trail.recordsOf(window.suspect, month, window)) affected.add(record);
    onMonth(month, affected.findings().accesses);
  }
  return affected.findings();
};
