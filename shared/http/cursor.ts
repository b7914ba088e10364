import { signToken, verifyToken } from '../adapters/signed-tokens';
import { problems } from './problem';

/**
 * Cursors are the store's position, bound to the list they came from and signed: a client can
 * hand one back but cannot forge, alter or reuse it on another list.
 */
const PURPOSE = 'cursor';

export const encodeCursor = async (
  list: string,
  position: Record<string, unknown> | undefined,
): Promise<string | undefined> =>
  position ? signToken(PURPOSE, { l: list, p: position }) : undefined;

export const decodeCursor = async (
  list: string,
  cursor: string | undefined,
): Promise<Record<string, unknown> | undefined> => {
  if (cursor === undefined) return undefined;
  const decoded = (await verifyToken(PURPOSE, cursor)) as { l?: unknown; p?: unknown } | undefined;
  if (decoded?.l !== list || typeof decoded.p !== 'object' || decoded.p === null) {
    throw problems.invalidCursor();
  }
  return decoded.p as Record<string, unknown>;
};
