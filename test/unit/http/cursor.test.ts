import { beforeAll, describe, expect, it } from 'vitest';
import { useUnitSigningKey } from '../../support/unit-signing-key';
import { decodeCursor, encodeCursor } from '../../../shared/http/cursor';
import { HttpProblem } from '../../../shared/http/problem';

beforeAll(() => {
  useUnitSigningKey();
});

describe('signed cursors', () => {
  it('round-trips a position for the same list', async () => {
    const position = { pk: 'CUSTOMER#1', sk: 'PROFILE' };
    const cursor = await encodeCursor('customers', position);
    expect(await decodeCursor('customers', cursor)).toEqual(position);
  });

  it('has no cursor on the last page and none means the first page', async () => {
    expect(await encodeCursor('customers', undefined)).toBeUndefined();
    expect(await decodeCursor('customers', undefined)).toBeUndefined();
  });

  it('refuses a cursor of another list, an altered one and garbage', async () => {
    const cursor = (await encodeCursor('interactions:A', { pk: 'A' })) ?? '';
    await expect(decodeCursor('interactions:B', cursor)).rejects.toBeInstanceOf(HttpProblem);
    const [payload, signature] = cursor.split('.');
    const altered = `${Buffer.from(JSON.stringify({ l: 'interactions:A', p: { pk: 'B' } })).toString('base64url')}.${signature}`;
    await expect(decodeCursor('interactions:A', altered)).rejects.toMatchObject({
      status: 400,
      slug: 'invalid-cursor',
    });
    await expect(decodeCursor('interactions:A', `${payload}`)).rejects.toMatchObject({
      status: 400,
    });
    await expect(decodeCursor('interactions:A', '..')).rejects.toMatchObject({ status: 400 });
  });
});
