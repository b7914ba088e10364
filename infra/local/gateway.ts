import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { problemResponse, problems, type HttpProblem } from '../../shared/http/problem';
import { oauthScope, type Operation } from '../../wiring/manifest';
import { matchRoute, toApiGatewayEvent } from './gateway-event';
import { invoke } from './lambda-runtime';
import type { LocalVerifier } from './local-auth';

/** API Gateway HTTP APIs refuse payloads over 10 MB before any Lambda runs. */
const GATEWAY_PAYLOAD_LIMIT = 10 * 1024 * 1024;

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

/** Stringified claims and `scope` split into scopes, as the JWT authorizer hands them to Lambda. */
const authorize = async (route: Operation, header: string | undefined, verify: LocalVerifier) => {
  if (route.scopes.length === 0) return undefined;
  // The identity source may hold the token alone or prefixed with Bearer, as API Gateway reads it.
  const token = /^(?:Bearer\s+)?([^\s.]+\.[^\s.]+\.[^\s.]*)$/i.exec(header?.trim() ?? '')?.[1];
  if (!token) throw problems.unauthorized('Send a bearer token in the Authorization header.');
  let claims: Record<string, unknown>;
  try {
    claims = await verify(token);
  } catch {
    throw problems.unauthorized('The bearer token is invalid or expired.');
  }
  const scopes = typeof claims.scope === 'string' ? claims.scope.split(' ').filter(Boolean) : [];
  // HTTP APIs admit a token holding any one of the route's scopes; handlers then demand all.
  if (!route.scopes.some((scope) => scopes.includes(oauthScope(scope)))) {
    throw problems.forbidden(route.scopes);
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
 * events handed to the same handler modules that run on Lambda. `/_local/*` serves the local-only
 * helpers, which do not exist in AWS.
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
      if (body === undefined)
        return sendProblem(response, problems.payloadTooLarge(GATEWAY_PAYLOAD_LIMIT), url.pathname);
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
        if (!result)
          return sendProblem(response, problems.routeNotFound(method, url.pathname), url.pathname);
        return send(response, {
          statusCode: result.status,
          headers: {
            'Content-Type': result.status >= 400 ? 'application/problem+json' : 'application/json',
          },
          body: JSON.stringify(result.body),
        });
      }
      const matched = matchRoute(options.routes, method, url.pathname);
      if (!matched)
        return sendProblem(response, problems.routeNotFound(method, url.pathname), url.pathname);
      const authorizer = await authorize(
        matched.route,
        request.headers.authorization,
        options.verify,
      );
      const event = toApiGatewayEvent(request, url, body, matched, authorizer);
      const result = (await invoke(
        matched.route.handler,
        event,
      )) as APIGatewayProxyStructuredResultV2;
      send(response, result);
    })().catch((error: unknown) => {
      if (error instanceof Error && error.name === 'HttpProblem') {
        return sendProblem(response, error as HttpProblem, url.pathname);
      }
      options.log.error(
        `gateway: ${method} ${url.pathname} failed: ${(error as Error).stack ?? String(error)}`,
      );
      sendProblem(response, problems.internal('local-gateway'), url.pathname);
    });
  });
