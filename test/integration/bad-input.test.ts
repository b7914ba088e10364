import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import {
  api,
  documents,
  expectCleanProblem,
  expectForbiddenByAuthorizer,
  expectGatewayAnswer,
  expectUnauthorized,
  newCustomer,
  readWrite,
  stack,
  tokenFor,
} from '../support/harness';
import { TOKEN_REFUSALS } from '../../infra/local/gateway-responses';

/** How many customers the archive holds, read from the list index. */
const customerCount = async () => {
  let count = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await documents.send(
      new QueryCommand({
        TableName: stack.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :list',
        ExpressionAttributeValues: { ':list': 'CUSTOMERS' },
        Select: 'COUNT',
        ExclusiveStartKey: start,
      }),
    );
    count += page.Count ?? 0;
    start = page.LastEvaluatedKey;
  } while (start);
  return count;
};

const post = async (body: unknown, headers: Record<string, string> = {}, token?: string) =>
  api('/customers', { method: 'POST', token: token ?? (await readWrite()), body, headers });

describe('bad input to POST /customers', () => {
  const cases: [string, unknown, Record<string, string>, number, string][] = [
    ['malformed JSON', '{"name": "Li", ', {}, 400, 'malformed-json'],
    ['a JSON array', '[]', {}, 400, 'validation-failed'],
    ['JSON null', 'null', {}, 400, 'validation-failed'],
    ['no body', undefined, {}, 400, 'validation-failed'],
    [
      'form-encoded content type',
      'name=Li',
      { 'content-type': 'application/x-www-form-urlencoded' },
      415,
      'unsupported-media-type',
    ],
    [
      'text/plain content type',
      JSON.stringify(newCustomer()),
      { 'content-type': 'text/plain' },
      415,
      'unsupported-media-type',
    ],
    [
      'a non-UTF-8 charset',
      JSON.stringify(newCustomer()),
      { 'content-type': 'application/json; charset=latin1' },
      415,
      'unsupported-media-type',
    ],
    ['an unknown field', newCustomer({ isAdmin: true }), {}, 400, 'validation-failed'],
    [
      'a __proto__ field',
      `{"__proto__": {"polluted": true}, ${JSON.stringify(newCustomer()).slice(1)}`,
      {},
      400,
      'validation-failed',
    ],
    ['a number as name', newCustomer({ name: 42 }), {}, 400, 'validation-failed'],
    ['an empty name', newCustomer({ name: '' }), {}, 400, 'validation-failed'],
    ['a blank name', newCustomer({ name: '   ' }), {}, 400, 'validation-failed'],
    ['a 10 kB name', newCustomer({ name: 'n'.repeat(10_240) }), {}, 400, 'validation-failed'],
    ['an invalid email', newCustomer({ email: 'li@@example' }), {}, 400, 'validation-failed'],
    ['an invalid phone', newCustomer({ phone: '12345' }), {}, 400, 'validation-failed'],
    ['letters as phone', newCustomer({ phone: 'call me maybe' }), {}, 400, 'validation-failed'],
    ['neither email nor phone', { name: 'Li' }, {}, 400, 'validation-failed'],
    ['an unknown language', newCustomer({ preferredLanguage: 'fr' }), {}, 400, 'validation-failed'],
    [
      'consent without source',
      newCustomer({ consents: { surveys: { granted: true } } }),
      {},
      400,
      'validation-failed',
    ],
    [
      'consent with a bad time',
      newCustomer({ consents: { surveys: { granted: true, source: 'web', at: 'yesterday' } } }),
      {},
      400,
      'validation-failed',
    ],
    [
      'too many tags',
      newCustomer({ tags: Array.from({ length: 51 }, (_, i) => `t${i}`) }),
      {},
      400,
      'validation-failed',
    ],
    ['a body over 64 kB', newCustomer({ name: 'x'.repeat(70_000) }), {}, 413, 'payload-too-large'],
  ];

  it.each(cases)(
    '%s is answered precisely and stores nothing',
    async (_label, body, headers, status, type) => {
      const before = await customerCount();
      const response = await post(body, headers);
      expectCleanProblem(response, status, type);
      expect(await customerCount()).toBe(before);
    },
  );

  it('points at each offending field', async () => {
    const response = await post(newCustomer({ name: '', email: 'bad', extra: 1 }));
    const errors = (response.body as { errors: { pointer: string; detail: string }[] }).errors;
    expect(errors.map((error) => error.pointer).sort()).toEqual(['#/', '#/email', '#/name'].sort());
    expect(errors.find((error) => error.pointer === '#/')?.detail).toContain('extra');
  });

  it('never echoes the hostile input back', async () => {
    const script = '<script>alert(1)</script>';
    const response = await post(newCustomer({ email: script }));
    expect(response.status).toBe(400);
    expect(response.text).not.toContain(script);
  });
});

describe('bad input to PUT /privacy-notices/{noticeId}', () => {
  const id = `bad-${Date.now().toString(36)}`;
  const valid = {
    title: { 'zh-CN': '隐私说明', 'zh-TW': '隱私說明', en: 'Privacy notice' },
    text: { 'zh-CN': '我们收集…', 'zh-TW': '我們收集…', en: 'We collect…' },
    purposes: ['surveys'],
    material: false,
  };
  const cases: [string, string, unknown, number, string, string?][] = [
    ['malformed JSON', id, '{"title": ', 400, 'malformed-json'],
    [
      'a language missing',
      id,
      { ...valid, text: { en: 'x' } },
      400,
      'validation-failed',
      '#/text/zh-CN',
    ],
    [
      'an unknown language',
      id,
      { ...valid, text: { ...valid.text, fr: 'x' } },
      400,
      'validation-failed',
      '#/text',
    ],
    [
      'a blank text',
      id,
      { ...valid, text: { ...valid.text, en: '   ' } },
      400,
      'validation-failed',
      '#/text/en',
    ],
    [
      'a purpose twice',
      id,
      { ...valid, purposes: ['surveys', 'surveys'] },
      400,
      'validation-failed',
      '#/purposes',
    ],
    ['no purpose', id, { ...valid, purposes: [] }, 400, 'validation-failed', '#/purposes'],
    [
      'an unknown purpose',
      id,
      { ...valid, purposes: ['profiling'] },
      400,
      'validation-failed',
      '#/purposes/0',
    ],
    [
      'material as a string',
      id,
      { ...valid, material: 'yes' },
      400,
      'validation-failed',
      '#/material',
    ],
    [
      'an unknown field',
      id,
      { ...valid, effectiveFrom: '2030-01-01' },
      400,
      'validation-failed',
      '#/',
    ],
    [
      'a text over 8,000 characters',
      id,
      { ...valid, text: { ...valid.text, en: 'x'.repeat(8_001) } },
      400,
      'validation-failed',
      '#/text/en',
    ],
    ['an id with capitals', 'Shop', valid, 400, 'validation-failed'],
    ['an id with a dot', 'shop.v2', valid, 400, 'validation-failed'],
    ['an id over 64 characters', 'a'.repeat(65), valid, 400, 'validation-failed'],
  ];

  it.each(cases)(
    '%s is answered precisely and stores nothing',
    async (_name, noticeId, body, status, type, pointer) => {
      const admin = await tokenFor(['admin', 'customers:read']);
      const response = await api(`/privacy-notices/${encodeURIComponent(noticeId)}`, {
        method: 'PUT',
        token: admin,
        body,
      });
      expectCleanProblem(response, status, type);
      if (pointer) {
        const errors = (response.body as { errors?: { pointer?: string }[] }).errors ?? [];
        expect(errors.map((error) => error.pointer)).toContain(pointer);
      }
      // Nothing was published: the notice is unknown (or its id is not one, for the bad ids).
      expect(
        (await api(`/privacy-notices/${encodeURIComponent(noticeId)}`, { token: admin })).status,
      ).toBe(noticeId === id ? 404 : 400);
    },
  );

  it('accepts a notice at its limits in every language: the longest fits the 64 kB body', async () => {
    const admin = await tokenFor(['admin', 'customers:read']);
    const longest = {
      ...valid,
      title: { 'zh-CN': '题'.repeat(200), 'zh-TW': '題'.repeat(200), en: 't'.repeat(200) },
      text: { 'zh-CN': '字'.repeat(8_000), 'zh-TW': '字'.repeat(8_000), en: 'x'.repeat(8_000) },
    };
    const response = await api(`/privacy-notices/${id}-longest`, {
      method: 'PUT',
      token: admin,
      body: longest,
    });
    expect(response.status, response.text).toBe(201);
  });

  it('answers a body over 64 kB with 413, nothing written', async () => {
    const admin = await tokenFor(['admin', 'customers:read']);
    const huge = { ...valid, text: { ...valid.text, en: 'x'.repeat(70_000) } };
    const response = await api(`/privacy-notices/${id}`, {
      method: 'PUT',
      token: admin,
      body: huge,
    });
    expectCleanProblem(response, 413, 'payload-too-large');
    expect((await api(`/privacy-notices/${id}`, { token: admin })).status).toBe(404);
  });

  it('refuses a version path that is not a version number', async () => {
    const staff = await tokenFor(['customers:read']);
    for (const version of ['0', '-1', '1.5', 'latest', '101']) {
      expectCleanProblem(
        await api(`/privacy-notices/${id}/versions/${version}`, { token: staff }),
        400,
        'validation-failed',
      );
    }
  });
});

describe('authentication and scopes', () => {
  it("answers API Gateway's 401 without a token, with a malformed one, a forged one and an expired one", async () => {
    expectUnauthorized(await api('/customers'), TOKEN_REFUSALS.missing);
    expectUnauthorized(
      await api('/customers', { headers: { authorization: 'Basic abc' } }),
      TOKEN_REFUSALS.malformed,
    );
    expectUnauthorized(await api('/customers', { token: 'not.a.jwt' }), TOKEN_REFUSALS.malformed);
    const token = await readWrite();
    const [header, payload] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as Record<
      string,
      unknown
    >;
    const elevated = Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString(
      'base64url',
    );
    expectUnauthorized(
      await api('/customers', { token: `${header}.${elevated}.${token.split('.')[2]}` }),
      TOKEN_REFUSALS.signature,
    );
    const expired = await tokenFor(['customers:read'], { expiresIn: '-1m' });
    expectUnauthorized(await api('/customers', { token: expired }), TOKEN_REFUSALS.expired);
  });

  it("answers API Gateway's 403 naming the route's scope to a token without it", async () => {
    const readOnly = await tokenFor(['customers:read']);
    const before = await customerCount();
    const response = await api('/customers', { token: readOnly, body: newCustomer() });
    expectForbiddenByAuthorizer(response, ['customers:write']);
    expect(await customerCount()).toBe(before);
    expectForbiddenByAuthorizer(
      await api('/customers', { token: await tokenFor(['customers:write']) }),
      ['customers:read'],
    );
  });

  it('serves the OpenAPI document without a token', async () => {
    expect((await api('/openapi.json')).status).toBe(200);
  });

  it("answers unknown routes and methods with API Gateway's 404, token or not", async () => {
    const token = await readWrite();
    expectGatewayAnswer(await api('/customers/abc/secrets', { token }), 404, 'Not Found');
    expectGatewayAnswer(await api('/customers', { token, method: 'DELETE' }), 404, 'Not Found');
    expectGatewayAnswer(await api('/customers/abc/secrets'), 404, 'Not Found');
  });
});
