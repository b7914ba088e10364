import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { wiring } from '../../infra/wiring';
import { api } from '../support/harness';

describe('GET /openapi.json', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const { status, body } = await api('/openapi.json');
    expect(status).toBe(200);
    const validator = new Validator();
    const result = await validator.validate(body as Parameters<Validator['validate']>[0]);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('describes every route of the wiring manifest with its scopes', async () => {
    const { body } = await api<{
      paths: Record<
        string,
        Record<string, { operationId: string; security: { oauth2?: string[] }[] }>
      >;
    }>('/openapi.json');
    for (const route of wiring.routes) {
      const operation = body.paths[route.path]?.[route.method.toLowerCase()];
      expect(operation?.operationId, `${route.method} ${route.path}`).toBe(route.operationId);
      expect(operation?.security).toEqual(
        route.scopes.length > 0 ? [{ oauth2: route.scopes }] : [],
      );
    }
    const documented = Object.values(body.paths).flatMap((methods) => Object.keys(methods));
    expect(documented).toHaveLength(wiring.routes.length);
  });

  it('documents request schemas from the validating zod schemas (unknown fields refused)', async () => {
    type Schema = { $ref?: string; additionalProperties?: boolean; required?: string[] };
    const { body } = await api<{
      paths: Record<
        string,
        Record<string, { requestBody?: { content: Record<string, { schema: Schema }> } }>
      >;
      components: { schemas: Record<string, Schema> };
    }>('/openapi.json');
    const reference =
      body.paths['/customers']?.post?.requestBody?.content['application/json']?.schema.$ref;
    expect(reference).toBe('#/components/schemas/NewCustomer');
    const schema = body.components.schemas.NewCustomer;
    expect(schema?.additionalProperties).toBe(false);
    expect(schema?.required).toContain('name');
  });
});
