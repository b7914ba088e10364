import { operationGroup } from './operation';
import * as z from '../../shared/zod';

const openApiDocument = z
  .record(z.string(), z.unknown())
  .register(z.globalRegistry, { id: 'OpenApiDocument' });

/**
 * The operations of the API’s own description: route, scopes and contract of each, in one entry. The manifest, the
 * OpenAPI document and the handlers all read them.
 */
export const openApiOperations = operationGroup(
  { tag: 'Meta', folder: 'openapi' },
  {
    getOpenApi: {
      method: 'GET',
      path: '/openapi.json',
      file: 'get-openapi',
      scopes: [],
      summary: 'This API described as OpenAPI 3.1',
      responses: { 200: { description: 'OpenAPI 3.1 document', schema: openApiDocument } },
    },
  },
);
