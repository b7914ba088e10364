import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { problems } from './problem';

/** Kefu's bodies are small records; anything larger is a mistake or an attack. */
export const MAX_BODY_BYTES = 64 * 1024;

const mediaType = (contentType: string | undefined) =>
  contentType?.split(';')[0]?.trim().toLowerCase();

const charsetIsUtf8 = (contentType: string | undefined) => {
  const charset = /charset=("?)([^";]+)\1/i.exec(contentType ?? '')?.[2];
  return charset === undefined || charset.toLowerCase() === 'utf-8';
};

/**
 * Reads a JSON body strictly: size first (413), then media type (415), then syntax (400).
 * Returns `undefined` when there is no body, so the schema decides whether one was required.
 */
export const readJsonBody = (
  event: APIGatewayProxyEventV2,
  accepted: readonly string[],
): unknown => {
  if (event.body === undefined || event.body === '') return undefined;
  const raw = event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body);
  if (raw.byteLength > MAX_BODY_BYTES) throw problems.payloadTooLarge(MAX_BODY_BYTES);
  const contentType = event.headers['content-type'];
  if (!accepted.includes(mediaType(contentType) ?? '') || !charsetIsUtf8(contentType)) {
    throw problems.unsupportedMediaType(accepted);
  }
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch (error) {
    throw problems.malformedJson(error instanceof Error ? error.message : 'unparseable');
  }
};
