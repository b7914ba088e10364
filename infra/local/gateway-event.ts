import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import type { Operation } from '../../wiring/manifest';

export interface MatchedRoute {
  route: Operation;
  pathParameters: Record<string, string>;
}

const compiled = new Map<string, RegExp>();

const patternOf = (path: string): RegExp => {
  let pattern = compiled.get(path);
  if (!pattern) {
    const source = path
      .split('/')
      .map((segment) =>
        /^\{(\w+)\}$/.test(segment)
          ? `(?<${segment.slice(1, -1)}>[^/]+)`
          : segment.replace(/[.*+?^$()|[\]\\]/g, '\\$&'),
      )
      .join('/');
    pattern = new RegExp(`^${source}$`);
    compiled.set(path, pattern);
  }
  return pattern;
};

/** Matches like API Gateway: literal segments win over `{parameters}`. */
export const matchRoute = (
  routes: readonly Operation[],
  method: string,
  path: string,
): MatchedRoute | undefined => {
  const candidates = routes
    .filter((route) => route.method === method)
    .map((route) => ({ route, match: patternOf(route.path).exec(path) }))
    .filter((candidate) => candidate.match !== null)
    .sort(
      (a, b) => (a.route.path.match(/\{/g)?.length ?? 0) - (b.route.path.match(/\{/g)?.length ?? 0),
    );
  const best = candidates[0];
  if (!best?.match) return undefined;
  const pathParameters: Record<string, string> = {};
  for (const [name, value] of Object.entries(best.match.groups ?? {})) {
    try {
      pathParameters[name] = decodeURIComponent(value);
    } catch {
      pathParameters[name] = value;
    }
  }
  return { route: best.route, pathParameters };
};

const TEXT_TYPES = /^(text\/|application\/([\w.+-]+\+)?(json|xml|x-www-form-urlencoded))/i;

/** Builds the HTTP API payload v2 event that Lambda would receive for this request. */
export const toApiGatewayEvent = (
  request: IncomingMessage,
  url: URL,
  body: Buffer,
  matched: MatchedRoute,
  authorizer: { claims: Record<string, string>; scopes: string[] } | undefined,
): APIGatewayProxyEventV2WithJWTAuthorizer => {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined)
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  // No prototype: `?constructor=` and `?__proto__=` are ordinary keys, as API Gateway passes them.
  const query: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [name, value] of url.searchParams)
    query[name] = Object.hasOwn(query, name) ? `${query[name]},${value}` : value;
  const now = new Date();
  const routeKey = `${matched.route.method} ${matched.route.path}`;
  const isText = body.length === 0 || TEXT_TYPES.test(headers['content-type'] ?? '');
  return {
    version: '2.0',
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.replace(/^\?/, ''),
    headers,
    ...(Object.keys(query).length > 0 ? { queryStringParameters: query } : {}),
    ...(Object.keys(matched.pathParameters).length > 0
      ? { pathParameters: matched.pathParameters }
      : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'localhost',
      http: {
        method: matched.route.method,
        path: url.pathname,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
      authorizer: {
        principalId: '',
        integrationLatency: 0,
        jwt: authorizer ?? { claims: {}, scopes: [] },
      },
    },
    ...(body.length > 0 ? { body: isText ? body.toString('utf8') : body.toString('base64') } : {}),
    isBase64Encoded: !isText,
  } as APIGatewayProxyEventV2WithJWTAuthorizer;
};
