import { DomainError } from '../../domain/errors';
import type { ServiceKind, ServiceRecord } from '../../domain/revisits/service-record';
import type { RevisitServiceDeps } from './ports';

export interface NewServiceRecord {
  customerId: string;
  kind: ServiceKind;
  reference?: string | undefined;
  completedAt: string;
  staffId?: string | undefined;
  department?: string | undefined;
  errorOccurred: boolean;
  odometerKm?: number | undefined;
  notes?: string | undefined;
}

const ALLOWED_CLOCK_SKEW_MS = 5 * 60_000;

/** Records a completed service and publishes ServiceDelivered (which plans its revisits). */
export const recordService = async (
  deps: RevisitServiceDeps,
  input: NewServiceRecord,
  recordedBy: string,
): Promise<ServiceRecord & { firstForCustomer: boolean }> => {
  const now = deps.clock.now();
  const completedAt = new Date(input.completedAt);
  if (completedAt.getTime() > now.getTime() + ALLOWED_CLOCK_SKEW_MS) {
    throw new DomainError('rule-violated', 'A service cannot have been completed in the future.', {
      fields: ['completedAt'],
    });
  }
  const service: ServiceRecord = {
    id: deps.ids.next(),
    customerId: input.customerId,
    kind: input.kind,
    ...(input.reference ? { reference: input.reference } : {}),
    completedAt: completedAt.toISOString(),
    ...(input.staffId ? { staffId: input.staffId } : {}),
    ...(input.department ? { department: input.department } : {}),
    errorOccurred: input.errorOccurred,
    ...(input.odometerKm !== undefined ? { odometerKm: input.odometerKm } : {}),
    ...(input.notes ? { notes: input.notes } : {}),
    recordedAt: now.toISOString(),
    recordedBy,
  };
  const firstForCustomer = await deps.services.record(service, (first) => ({
    id: deps.ids.next(),
    source: 'kefu.revisits',
    type: 'ServiceDelivered',
    occurredAt: service.recordedAt,
    detail: {
      serviceId: service.id,
      customerId: service.customerId,
      kind: service.kind,
      completedAt: service.completedAt,
      errorOccurred: service.errorOccurred,
      firstForCustomer: first,
      ...(service.staffId ? { staffId: service.staffId } : {}),
      ...(service.department ? { department: service.department } : {}),
      ...(service.odometerKm !== undefined ? { odometerKm: service.odometerKm } : {}),
    },
  }));
  return { ...service, firstForCustomer };
};
