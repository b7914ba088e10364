export const SERVICE_KINDS = [
  'delivery',
  'repair',
  'installation',
  'maintenance',
  'consultation',
  'other',
] as const;
export type ServiceKind = (typeof SERVICE_KINDS)[number];

/** A completed service for a customer; an error feeds the service error rate. */
export interface ServiceRecord {
  id: string;
  customerId: string;
  kind: ServiceKind;
  reference?: string;
  completedAt: string;
  staffId?: string;
  department?: string;
  errorOccurred: boolean;
  /** The odometer at the service, for distance-based reminders (every 5 000 km). */
  odometerKm?: number;
  notes?: string;
  recordedAt: string;
  recordedBy: string;
}
