import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { wiring } from '../../wiring/manifest';
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

  it('lists the answers the report routes give: a bad period is 400 problem+json, never 422; a staff member not to be seen 404', async () => {
    type Operation = {
      parameters: { name: string; schema: { pattern?: string } }[];
      responses: Record<string, { content?: Record<string, unknown> }>;
    };
    const { body } = await api<{ paths: Record<string, Record<string, Operation>> }>(
      '/openapi.json',
    );
    const figures = body.paths['/reports/service-quality']?.get;
    const page = body.paths['/reports/service-quality/view']?.get;
    expect(Object.keys(figures?.responses['200']?.content ?? {})).toEqual([
      'application/json',
      'text/csv',
    ]);
    for (const operation of [figures, page]) {
      expect(Object.keys(operation?.responses ?? {})).toEqual([
        '200',
        '400',
        '401',
        '403',
        '404',
        '503',
      ]);
      expect(Object.keys(operation?.responses['400']?.content ?? {})).toEqual([
        'application/problem+json',
      ]);
      const period = operation?.parameters.find((parameter) => parameter.name === 'period');
      expect(new RegExp(period?.schema.pattern ?? '').test('2026-Q4')).toBe(true);
      expect(new RegExp(period?.schema.pattern ?? '').test('2026-Q5')).toBe(false);
      const agent = operation?.parameters.find((parameter) => parameter.name === 'agent');
      expect(new RegExp(agent?.schema.pattern ?? '').test('li-na')).toBe(true);
      expect(new RegExp(agent?.schema.pattern ?? '').test('li na')).toBe(false);
    }
    expect(Object.keys(page?.responses['200']?.content ?? {})).toEqual(['text/html']);
  });
  it("describes API Gateway's own 401 and 403 bodies apart from the functions' problems", async () => {
    type Response = { content?: Record<string, { schema: { $ref?: string } }>; headers?: object };
    const { body } = await api<{
      paths: Record<string, Record<string, { responses: Record<string, Response> }>>;
      components: {
        schemas: Record<string, { required?: string[]; additionalProperties?: boolean }>;
      };
    }>('/openapi.json');
    const responses = body.paths['/customers']?.post?.responses ?? {};
    const schemas = (response: Response | undefined) =>
      Object.fromEntries(
        Object.entries(response?.content ?? {}).map(([type, { schema }]) => [type, schema.$ref]),
      );
    expect(schemas(responses['401'])).toEqual({
      'application/json': '#/components/schemas/GatewayMessage',
    });
    expect(schemas(responses['403'])).toEqual({
      'application/json': '#/components/schemas/GatewayMessage',
      'application/problem+json': '#/components/schemas/Problem',
    });
    expect(responses['401']?.headers).toHaveProperty('www-authenticate');
    expect(body.components.schemas.GatewayMessage).toMatchObject({
      required: ['message'],
      additionalProperties: false,
    });
  });
});
