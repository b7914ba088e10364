import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { problemResponse, problems, type HttpProblem } from '../../shared/http/problem';
import { oauthScope, type Operation } from '../../wiring/manifest';
import { matchRoute, toApiGatewayEvent } from './gateway-event';
import {
  GATEWAY_PAYLOAD_LIMIT,
  gatewayResponses,
  refusalOf,
  TOKEN_REFUSALS,
} from './gateway-responses';
import { invoke } from './lambda-runtime';
import type { LocalVerifier } from './local-auth';

export type LocalRouteHandler = (
  method: string,
  path: string,
  body: unknown,
) => Promise<{ status: number; body: unknown } | undefined>;

const send = (response: ServerResponse, result: APIGatewayProxyStructuredResultV2) => {
  response.statusCode = result.statusCode ?? 200;
  for (const [name, value] of Object.entries(result.headers ?? {}))
    response.setHeader(name, String(value));
  if (result.cookies?.length) response.setHeader('Set-Cookie', result.cookies);
  response.end(
    result.body === undefined
      ? undefined
      : Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8'),
  );
};

const sendProblem = (response: ServerResponse, problem: HttpProblem, path: string) =>
  send(response, problemResponse(problem, path));

const readBody = (request: IncomingMessage): Promise<Buffer | undefined> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > GATEWAY_PAYLOAD_LIMIT) {
        resolve(undefined);
        request.resume();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () =>
      resolve(size > GATEWAY_PAYLOAD_LIMIT ? undefined : Buffer.concat(chunks)),
    );
    request.on('error', reject);
  });

type Authorized =
  | { refused: APIGatewayProxyStructuredResultV2 }
  | { refused?: undefined; claims: Record<string, string>; scopes: string[] }
  | undefined;

/**
 * The JWT authorizer: stringified claims and `scope` split into scopes, as it hands them to
 * Lambda, or API Gateway's own 401/403 (gateway-responses.ts) when it refuses.
 */
const authorize = async (
  route: Operation,
  header: string | undefined,
  verify: LocalVerifier,
): Promise<Authorized> => {
  if (route.scopes.length === 0) return undefined;
  const identity = header?.trim() ?? '';
  if (!identity) return { refused: gatewayResponses.unauthorized(TOKEN_REFUSALS.missing) };
  // The identity source may hold the token alone or prefixed with Bearer, as API Gateway reads it.
  const token = /^(?:Bearer\s+)?([^\s.]+\.[^\s.]+\.[^\s.]*)$/i.exec(identity)?.[1];
  if (!token) return { refused: gatewayResponses.unauthorized(TOKEN_REFUSALS.malformed) };
  let claims: Record<string, unknown>;
  try {
    claims = await verify(token);
  } catch (error) {
    return { refused: gatewayResponses.unauthorized(refusalOf(error)) };
  }
  const scopes = typeof claims.scope === 'string' ? claims.scope.split(' ').filter(Boolean) : [];
  // HTTP APIs admit a token holding any one of the route's scopes; handlers then demand all.
  if (!route.scopes.some((scope) => scopes.includes(oauthScope(scope)))) {
    return { refused: gatewayResponses.forbidden(route.scopes.map(oauthScope)) };
  }
  const stringClaims = Object.fromEntries(
    Object.entries(claims).map(([name, value]) => [
      name,
      Array.isArray(value) ? `[${value.join(' ')}]` : String(value),
    ]),
  );
  return { claims: stringClaims, scopes };
};

/**
 * The local API Gateway: routes from the manifest, JWTs checked as the authorizer would, payload v2
 * events handed to the same handler modules that run on Lambda. What API Gateway answers itself
 * (401, the authorizer's 403, 404 for unknown routes, 413, 500) comes from gateway-responses.ts,
 * shaped as AWS shapes it. `/_local/*` serves the local-only helpers, which do not exist in AWS.
 */
export const createGateway = (options: {
  routes: readonly Operation[];
  verify: LocalVerifier;
  localRoutes: LocalRouteHandler;
  log: { error(message: string): void };
}): Server =>
  createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const method = request.method ?? 'GET';
    void (async () => {
      const body = await readBody(request);
      if (body === undefined) return send(response, gatewayResponses.payloadTooLarge());
      if (url.pathname.startsWith('/_local/')) {
        let parsed: unknown = body;
        try {
          // Raw email (`npm run inbound`) stays raw; everything else under /_local is JSON.
          if (request.headers['content-type'] !== 'message/rfc822') {
            parsed = body.length > 0 ? JSON.parse(body.toString('utf8')) : undefined;
          }
        } catch {
          return sendProblem(
            response,
            problems.malformedJson('the body is not JSON'),
            url.pathname,
          );
        }
        const result = await options.localRoutes(method, url.pathname, parsed);
        if (!result) return send(response, gatewayResponses.notFound());
        return send(response, {
          statusCode: result.status,
          headers: {
            'Content-Type': result.status >= 400 ? 'application/problem+json' : 'application/json',
          },
          body: JSON.stringify(result.body),
        });
      }
      const matched = matchRoute(options.routes, method, url.pathname);
      if (!matched) return send(response, gatewayResponses.notFound());
      const authorizer = await authorize(
        matched.route,
        request.headers.authorization,
        options.verify,
      );
      if (authorizer?.refused) return send(response, authorizer.refused);
      const event = toApiGatewayEvent(request, url, body, matched, authorizer);
      const result = (await invoke(
        matched.route.handler,
        event,
      )) as APIGatewayProxyStructuredResultV2;
      send(response, result);
    })().catch((error: unknown) => {
      // A function that throws instead of answering: API Gateway's own 500, as in AWS.
      options.log.error(
        `gateway: ${method} ${url.pathname} failed: ${(error as Error).stack ?? String(error)}`,
      );
      send(response, gatewayResponses.internalServerError());
    });
  });
