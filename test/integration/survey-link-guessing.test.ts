import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { invokeHandlersInThisProcess } from '../support/sqs-records';

type PageHandler = (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>;
let openSurveyPage: PageHandler;

/** A documentation address (RFC 5737) of its own per test, so counts never mix. */
let nextHost = 1;
const freshAddress = () => `192.0.2.${nextHost++}`;

const pageEvent = (token: string, sourceIp: string): APIGatewayProxyEventV2 =>
  ({
    version: '2.0',
    routeKey: 'GET /s/{token}',
    rawPath: `/s/${token}`,
    rawQueryString: '',
    headers: { 'accept-language': 'en' },
    pathParameters: { token },
    requestContext: {
      http: { method: 'GET', path: `/s/${token}`, protocol: 'HTTP/1.1', sourceIp, userAgent: 'x' },
      requestId: `guess-${Math.random()}`,
    },
    isBase64Encoded: false,
  }) as unknown as APIGatewayProxyEventV2;

const forged = (n: number) => `01ARZ3NDEKTSV4RRFFQ69G5FAV.${String(n).padStart(8, '0')}.AAAA`;

beforeAll(async () => {
  invokeHandlersInThisProcess();
  delete process.env.SURVEY_LINK_GUESS_LIMIT;
  const page = await import('../../functions/surveys/open-survey-page');
  openSurveyPage = (event) => page.handler(event, {} as never);
});

describe('guessing survey links', () => {
  it('meets a 429 page after 20 unknown links from one address, and others are not slowed', async () => {
    const guesser = freshAddress();
    for (let attempt = 0; attempt < 20; attempt++) {
      expect((await openSurveyPage(pageEvent(forged(attempt), guesser))).statusCode).toBe(404);
    }
    const refused = await openSurveyPage(pageEvent(forged(20), guesser));
    expect(refused.statusCode).toBe(429);
    const retryAfter = Number(refused.headers?.['Retry-After']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(900);
    expect(String(refused.body)).toContain('Too many attempts');
    expect(String(refused.body)).not.toContain(forged(20));

    expect((await openSurveyPage(pageEvent(forged(21), freshAddress()))).statusCode).toBe(404);
  });
});
