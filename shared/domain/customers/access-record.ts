/** One request's read or change of one customer's personal data, for the access audit. */
export interface AccessRecord {
  customerId: string;
  at: string;
  action: 'read' | 'change';
  actor: { subject: string; clientId?: string; role: string; department?: string };
  operationId: string;
  /** The scopes the route demanded: why the caller was allowed. */
  scopes: string[];
  requestId: string;
}
