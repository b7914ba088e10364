import { apiHandler } from '../../shared/http/api-handler';
import { buildOpenApiDocument } from '../../shared/http/openapi';
import { operationList } from '../../wiring/operations';
import { openApiOperations } from '../../wiring/operations/openapi';

let document: ReturnType<typeof buildOpenApiDocument> | undefined;

export const handler = apiHandler(openApiOperations.getOpenApi, async () => {
  document ??= buildOpenApiDocument(operationList);
  return { status: 200, body: document };
});
