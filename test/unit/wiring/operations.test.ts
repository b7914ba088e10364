import { describe, expect, it } from 'vitest';
import { apiHandler } from '../../../shared/http/api-handler';
import { idempotentApiHandler } from '../../../shared/http/idempotent-api-handler';
import * as z from '../../../shared/zod';
import { wiring } from '../../../wiring/manifest';
import { operationList, operations } from '../../../wiring/operations';
import { complaintOperations } from '../../../wiring/operations/complaints';
import { customerOperations } from '../../../wiring/operations/customers';
import { improvementOperations } from '../../../wiring/operations/improvements';
import { openApiOperations } from '../../../wiring/operations/openapi';
import { operationGroup } from '../../../wiring/operations/operation';
import { organizationOperations } from '../../../wiring/operations/organization';
import { reportOperations } from '../../../wiring/operations/reports';
import { revisitOperations } from '../../../wiring/operations/revisits';
import { surveyOperations } from '../../../wiring/operations/surveys';
import { privacyNoticeOperations } from '../../../wiring/operations/privacy-notices';
import { webhookOperations } from '../../../wiring/operations/webhooks';

const groups = [
  improvementOperations,
  complaintOperations,
  customerOperations,
  openApiOperations,
  organizationOperations,
  privacyNoticeOperations,
  reportOperations,
  revisitOperations,
  surveyOperations,
  webhookOperations,
];

const shapeKeys = (schema: z.ZodMiniType | undefined): string[] =>
  Object.keys((schema as { shape?: Record<string, unknown> } | undefined)?.shape ?? {}).sort();

describe('the operation modules', () => {
  it('lose no operation when joined, and the manifest routes are exactly them', () => {
    const declared = groups.flatMap((group) => Object.keys(group));
    expect(new Set(declared).size).toBe(declared.length);
    expect(Object.keys(operations).sort()).toEqual([...declared].sort());
    expect(wiring.routes.map((route) => route.operationId)).toEqual(
      operationList.map((operation) => operation.operationId),
    );
  });

  it('give every path parameter a schema, and no schema to a parameter the path lacks', () => {
    for (const operation of operationList) {
      const named = [...operation.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
      expect(shapeKeys(operation.params), operation.operationId).toEqual(named);
    }
  });

  it('derive the operation id from the key, the handler from the folder, the tag from the group', () => {
    const group = operationGroup(
      { tag: 'Examples', folder: 'examples' },
      {
        getExample: {
          method: 'GET',
          path: '/examples',
          file: 'get-example',
          scopes: [],
          summary: 'An example',
          responses: { 200: { description: 'The example' } },
        },
        openExamplePage: {
          method: 'GET',
          path: '/e',
          file: 'open-example-page',
          scopes: [],
          summary: 'A page',
          tag: 'Example pages',
          html: true,
          responses: { 200: { description: 'The page' } },
        },
      },
    );
    expect(group.getExample).toMatchObject({
      operationId: 'getExample',
      handler: 'functions/examples/get-example.ts',
      tag: 'Examples',
    });
    expect(group.getExample).not.toHaveProperty('file');
    expect(group.openExamplePage.tag).toBe('Example pages');
  });

  it('admit an operation only through the door its idempotency names (checked by tsc)', () => {
    // Never called: the @ts-expect-error lines fail `npm run typecheck` if either door opened.
    const wrongDoors = () => [
      // @ts-expect-error an idempotent operation cannot be built without Idempotency-Key support
      apiHandler(complaintOperations.createComplaint, async () => ({ status: 201 })),
      // @ts-expect-error an operation that is not idempotent cannot be built with it
      idempotentApiHandler(complaintOperations.getComplaint, async () => ({ status: 200 })),
    ];
    const rightDoors = () => [
      idempotentApiHandler(complaintOperations.createComplaint, async ({ body }) => ({
        status: 201,
        body: body.description,
      })),
      apiHandler(complaintOperations.getComplaint, async ({ path }) => ({
        status: 200,
        body: path.complaintId,
      })),
    ];
    expect(complaintOperations.createComplaint.idempotent).toBe(true);
    expect(complaintOperations.getComplaint).not.toHaveProperty('idempotent');
    expect([wrongDoors, rightDoors].every((doors) => typeof doors === 'function')).toBe(true);
  });
});
