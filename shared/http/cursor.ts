import { createHmac, timingSafeEqual } from 'node:crypto';
import { signingKey } from '../adapters/signing-key';
import { problems } from './problem';

/**
 * Cursors are the store's position, bound to the list they came from and signed: a client can
 * hand one back but cannot forge, alter or reuse it on another list.
 */
const mac = (key: Buffer, payload: string) =>
  createHmac('sha256', key).update(payload).digest('base64url');

export const encodeCursor = async (
  list: string,
  position: Record<string, unknown> | undefined,
): Promise<string | undefined> => {
  if (!position) return undefined;
  const payload = Buffer.from(JSON.stringify({ l: list, p: position })).toString('base64url');
  return `${payload}.${mac(await signingKey(), payload)}`;
};

export const decodeCursor = async (
  list: string,
  cursor: string | undefined,
): Promise<Record<string, unknown> | undefined> => {
  if (cursor === undefined) return undefined;
  const [payload, signature, extra] = cursor.split('.');
  if (!payload || !signature || extra !== undefined) throw problems.invalidCursor();
  const expected = Buffer.from(mac(await signingKey(), payload));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw problems.invalidCursor();
  }
  const decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
    l?: unknown;
    p?: unknown;
  };
  if (decoded.l !== list || typeof decoded.p !== 'object' || decoded.p === null) {
    throw problems.invalidCursor();
  }
  return decoded.p as Record<string, unknown>;
};
