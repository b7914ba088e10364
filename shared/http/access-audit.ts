import type { AccessRecord } from '../domain/customers/access-record';
import type { PersonalDataAccess } from '../adapters/privacy/access-tracking';
import type { Principal } from './principal';

/** The access records of one request: a change implies the read, so it is recorded alone. */
export const accessRecords = (
  access: PersonalDataAccess,
  request: {
    principal: Principal;
    operationId: string;
    scopes: readonly string[];
    requestId: string;
  },
  at: string,
): AccessRecord[] => {
  const { principal } = request;
  const actor = {
    subject: principal.subject,
    ...(principal.clientId ? { clientId: principal.clientId } : {}),
    role: principal.role,
    ...(principal.department ? { department: principal.department } : {}),
  };
  const record = (customerId: string, action: AccessRecord['action']): AccessRecord => ({
    customerId,
    at,
    action,
    actor,
    operationId: request.operationId,
    scopes: [...request.scopes],
    requestId: request.requestId,
  });
  return [
    ...[...access.change].map((customerId) => record(customerId, 'change')),
    ...[...access.read]
      .filter((customerId) => !access.change.has(customerId))
      .map((customerId) => record(customerId, 'read')),
  ];
};
