import * as z from '../../zod';
import type { OperationContract } from './operation-contract';

const openApiDocument = z
  .record(z.string(), z.unknown())
  .register(z.globalRegistry, { id: 'OpenApiDocument' });

/**
 * The contracts of the API’s own description: handlers validate with them, the OpenAPI
 * document lists them.
 */
export const openApiOperations = {
  getOpenApi: {
    operationId: 'getOpenApi',
    responses: { 200: { description: 'OpenAPI 3.1 document', schema: openApiDocument } },
  },
} as const satisfies Record<string, OperationContract>;
