/**
 * The departments complaints are routed to. Each has its own SQS queue (and DLQ) in the wiring
 * manifest, so the set is fixed in code; their people, supervisors and working hours are managed
 * through the API.
 */
export const DEPARTMENT_IDS = [
  'customer-service',
  'sales',
  'technical-support',
  'after-sales',
  'logistics',
  'finance',
] as const;
export type DepartmentId = (typeof DEPARTMENT_IDS)[number];

export const isDepartmentId = (value: string): value is DepartmentId =>
  (DEPARTMENT_IDS as readonly string[]).includes(value);
