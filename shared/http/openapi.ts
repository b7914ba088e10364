import * as z from '../zod';
import { SCOPES } from '../../wiring/names';
import type { Operation } from '../../wiring/operations/operation';
import { problemSchema } from './contracts/common';
import { MAX_BODY_BYTES } from './request-body';

type JsonSchema = Record<string, unknown>;

const PROBLEM_RESPONSES: Record<number, string> = {
  400: 'Malformed or invalid request',
  401:
    "Missing, malformed, invalid or expired bearer token. API Gateway's JWT authorizer answers this " +
    'itself, before any function runs: its own `{"message":"Unauthorized"}` as application/json ' +
    '(not a problem), with `www-authenticate: Bearer scope="" error="invalid_token" ' +
    'error_description="..."` saying why.',
  403:
    "A token holding none of the operation's scopes is refused by API Gateway's JWT authorizer " +
    'with its own `{"message":"Forbidden"}` as application/json and `www-authenticate: Bearer ' +
    'scope="<the operation\'s scopes>" error="insufficient_scope" ...`. A token holding some but ' +
    "not all of them gets the function's problem `insufficient-scope` (naming `missingScopes`), a " +
    'caller Kefu does not know the problem `caller-not-permitted`.',
  404: 'Not found',
  409: 'Duplicate, or the same idempotent request is in progress',
  412: 'If-Match names a version that is no longer current',
  413:
    `Body larger than ${MAX_BODY_BYTES} bytes (the function's problem \`payload-too-large\`); ` +
    'over 10 MB API Gateway refuses it itself with `{"message":"Request Entity Too Large"}`.',
  415: 'Unsupported Content-Type',
  422: 'A business rule was broken, or an Idempotency-Key was reused with another body',
  428: 'If-Match is required',
  503: 'Briefly overloaded; nothing was changed; see Retry-After',
};

/** Named schemas (zod `.meta({ id })`) land in components.schemas and are referenced from there. */
const schemaCollector = () => {
  const components: Record<string, JsonSchema> = {};
  const schemaOf = (schema: z.ZodMiniType, io: 'input' | 'output'): JsonSchema => {
    const generated = z.toJSONSchema(schema, {
      io,
      target: 'draft-2020-12',
      unrepresentable: 'any',
    });
    const relocated = JSON.parse(
      JSON.stringify(generated).replaceAll('"#/$defs/', '"#/components/schemas/'),
    ) as JsonSchema & { $defs?: Record<string, JsonSchema> };
    const { $schema: _dialect, $defs = {}, ...root } = relocated;
    Object.assign(components, $defs);
    return root;
  };
  return { components, schemaOf };
};

type SchemaOf = ReturnType<typeof schemaCollector>['schemaOf'];

/** Query and path schemas become one OpenAPI parameter per property. */
const parametersOf = (
  schemaOf: SchemaOf,
  schema: z.ZodMiniType | undefined,
  location: 'query' | 'path',
) => {
  if (!schema) return [];
  const json = schemaOf(schema, 'input') as {
    properties?: Record<string, JsonSchema>;
    required?: string[];
  };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || (json.required ?? []).includes(name),
    ...(typeof property.description === 'string' ? { description: property.description } : {}),
    schema: property,
  }));
};

/** API Gateway's own error body (401, the authorizer's 403, 404, 413 over 10 MB, 429, 5xx). */
const GATEWAY_MESSAGE: JsonSchema = {
  type: 'object',
  description: "API Gateway's own error body: not a problem, and no other member.",
  required: ['message'],
  properties: { message: { type: 'string', examples: ['Unauthorized', 'Forbidden'] } },
  additionalProperties: false,
};

/** Statuses that API Gateway answers itself on a secured route, besides the functions. */
const GATEWAY_STATUSES = new Set([401, 403, 413]);

const WWW_AUTHENTICATE = {
  'www-authenticate': {
    description: "The JWT authorizer's challenge: `error` and `error_description` say why.",
    schema: { type: 'string' },
  },
};

const problemContent = {
  'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
};
const gatewayContent = {
  'application/json': { schema: { $ref: '#/components/schemas/GatewayMessage' } },
};

/** A 401 is API Gateway's only; 403 and 413 may come from it or from the function. */
const errorContent = (status: number) =>
  status === 401
    ? gatewayContent
    : GATEWAY_STATUSES.has(status)
      ? { ...gatewayContent, ...problemContent }
      : problemContent;

const problemStatuses = (operation: Operation, secured: boolean): number[] =>
  [
    400,
    ...(secured ? [401, 403] : []),
    ...(operation.params || operation.findsByQuery ? [404] : []),
    ...(operation.body ? [413, 415] : []),
    ...(operation.idempotent ? [409, 422] : []),
    ...(operation.operationId.startsWith('update') ? [409, 412, 422, 428] : []),
    ...(secured ? [503] : []),
  ].filter((status, index, all) => all.indexOf(status) === index);

/** OpenAPI 3.1 for the operations, from the same zod schemas that validate requests. */
export const buildOpenApiDocument = (operations: readonly Operation[], serverUrl = '/') => {
  const { components, schemaOf } = schemaCollector();
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of operations) {
    const secured = operation.scopes.length > 0;
    const body = operation.body;
    const headerParameters = [
      ...(operation.idempotent
        ? [
            {
              name: 'Idempotency-Key',
              in: 'header',
              required: false,
              description: 'Retries with the same key and body return the first response (24 h).',
              schema: { type: 'string', maxLength: 255 },
            },
          ]
        : []),
      ...(operation.method === 'PATCH'
        ? [
            {
              name: 'If-Match',
              in: 'header',
              required: true,
              description: 'ETag of the version being changed.',
              schema: { type: 'string' },
            },
          ]
        : []),
    ];
    const responses: Record<string, unknown> = {};
    for (const [status, response] of Object.entries(operation.responses)) {
      responses[status] = {
        description: response.description,
        ...(response.etag ? { headers: { ETag: { schema: { type: 'string' } } } } : {}),
        ...(response.schema
          ? {
              content: {
                'application/json': { schema: schemaOf(response.schema, 'output') },
                ...Object.fromEntries(
                  (response.alsoAs ?? []).map((type) => [type, { schema: { type: 'string' } }]),
                ),
              },
            }
          : operation.html
            ? { content: { 'text/html': { schema: { type: 'string' } } } }
            : {}),
      };
    }
    const problemPages = operation.html === true && !secured;
    for (const status of problemStatuses(operation, secured)) {
      responses[String(status)] = {
        description: PROBLEM_RESPONSES[status],
        ...(status === 401 || status === 403 ? { headers: WWW_AUTHENTICATE } : {}),
        content: problemPages
          ? { 'text/html': { schema: { type: 'string' } } }
          : errorContent(status),
      };
    }
    const pathItem = (paths[operation.path] ??= {});
    pathItem[operation.method.toLowerCase()] = {
      operationId: operation.operationId,
      summary: operation.summary,
      tags: [operation.tag],
      ...(secured ? { security: [{ oauth2: operation.scopes }] } : { security: [] }),
      parameters: [
        ...parametersOf(schemaOf, operation.params, 'path'),
        ...parametersOf(schemaOf, operation.query, 'query'),
        ...headerParameters,
      ],
      ...(body
        ? {
            requestBody: {
              required: true,
              content: Object.fromEntries(
                (operation.mediaTypes ?? ['application/json']).map((type) => [
                  type,
                  { schema: schemaOf(body, 'input') },
                ]),
              ),
            },
          }
        : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Kefu customer-service API',
      version: '0.1.0',
      description:
        'Customer archive, communication records and (as they land) complaints, revisits and surveys. ' +
        'Errors the functions answer are RFC 9457 problem details (application/problem+json). ' +
        'What API Gateway refuses itself before any function runs has its own body ' +
        '`{"message": "..."}` as application/json: 401 (the JWT authorizer refused the token), 403 ' +
        "(the token holds none of the operation's scopes), 404 `Not Found` (no such method and " +
        'path), 413 `Request Entity Too Large` (over 10 MB), 429 `Too Many Requests` (throttling) ' +
        'and its own 5xx. docs/PROBLEMS.md lists both.',
    },
    servers: [{ url: serverUrl }],
    paths,
    components: {
      schemas: {
        ...components,
        Problem: schemaOf(problemSchema, 'output'),
        GatewayMessage: GATEWAY_MESSAGE,
      },
      securitySchemes: {
        oauth2: {
          type: 'oauth2',
          description:
            'Cognito in AWS (client credentials for integrators); `npm run token` locally.',
          flows: {
            clientCredentials: {
              tokenUrl: '/oauth2/token',
              scopes: Object.fromEntries(Object.values(SCOPES).map((scope) => [scope, scope])),
            },
          },
        },
      },
    },
  };
};
