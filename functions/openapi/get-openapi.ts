import { wiring } from '../../wiring/manifest';
import { apiHandler } from '../../shared/http/api-handler';
import { operations } from '../../shared/http/contracts/operations';
import { buildOpenApiDocument } from '../../shared/http/openapi';

let document: ReturnType<typeof buildOpenApiDocument> | undefined;

export const handler = apiHandler(operations.getOpenApi, async () => {
  document ??= buildOpenApiDocument(wiring, operations);
  return { status: 200, body: document };
});
