import middy from '@middy/core';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import type { Language } from '../domain/customers/customer';
import { DynamoGuessLimiter } from '../adapters/dynamodb/guess-limiter';
import { apiRequestIdOf, logger, withLogContext } from '../adapters/logger';
import type { Operation } from '../../wiring/operations/operation';
import {
  errorPage,
  type Page,
  SURVEY_PAGE_HEADERS,
  tooManyAttemptsPage,
} from '../presentation/pages/survey-pages';

let limiter: DynamoGuessLimiter | undefined;
const guessLimiter = () => (limiter ??= new DynamoGuessLimiter());

/** A form with a score and a comment is far smaller; anything larger is refused unread. */
export const MAX_FORM_BYTES = 16 * 1024;

export interface PageRequest {
  path: Record<string, string | undefined>;
  query: Record<string, string | undefined>;
  /** The form fields of a POST (application/x-www-form-urlencoded); a repeated field is refused. */
  form: Record<string, string>;
  /** From Accept-Language, for pages shown before the survey (and its customer) is known. */
  language: Language;
}

class PageRefused extends Error {
  constructor(readonly status: number) {
    super(`page request refused (${status})`);
  }
}

/** zh-TW/zh-HK/zh-Hant → zh-TW, other Chinese → zh-CN, English → en; Chinese by default. */
export const languageFromHeader = (header: string | undefined): Language => {
  for (const part of (header ?? '').toLowerCase().split(',')) {
    const tag = part.split(';')[0]?.trim() ?? '';
    if (/^zh-(tw|hk|mo|hant)/.test(tag)) return 'zh-TW';
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return 'zh-CN';
};

const readForm = (event: APIGatewayProxyEventV2): Record<string, string> => {
  if (event.body === undefined || event.body === '') return {};
  const raw = event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body);
  if (raw.byteLength > MAX_FORM_BYTES) throw new PageRefused(413);
  const type = event.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') throw new PageRefused(415);
  const form: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(raw.toString('utf8'))) {
    if (Object.hasOwn(form, name)) throw new PageRefused(400);
    form[name] = value;
  }
  return form;
};

const html = (page: Page): APIGatewayProxyStructuredResultV2 => ({
  statusCode: page.status,
  headers: { ...SURVEY_PAGE_HEADERS },
  body: page.html,
});

/**
 * The middy stack of the public survey pages: HTML for every outcome (a customer's browser
 * shows it, so problems are pages too), strict form reading, no stack traces, no token logged.
 */
export const pageHandler = (operation: Operation, run: (request: PageRequest) => Promise<Page>) =>
  withLogContext(
    middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, Context>(
      async (event: APIGatewayProxyEventV2) => {
        const language = languageFromHeader(event.headers['accept-language']);
        const address = event.requestContext.http.sourceIp;
        const wait = await guessLimiter().retryAfter(address);
        if (wait > 0) {
          const refused = html(tooManyAttemptsPage(language));
          return { ...refused, headers: { ...refused.headers, 'Retry-After': String(wait) } };
        }
        const page = await run({
          path: event.pathParameters ?? {},
          query: event.queryStringParameters ?? {},
          form: readForm(event),
          language,
        });
        // 404 is what a forged or unknown link gets: each one counts towards the address's limit.
        if (page.status === 404) await guessLimiter().noteFailure(address);
        return html(page);
      },
    ).use({
      onError: async (request) => {
        const language = languageFromHeader(request.event.headers?.['accept-language']);
        const error = request.error;
        if (error instanceof PageRefused) {
          request.response = html(errorPage(language, error.status));
          return;
        }
        logger.error('page failed', {
          operationId: operation.operationId,
          error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
        });
        request.response = html(errorPage(language, 500));
      },
    }),
    apiRequestIdOf,
  );
