import { createHmac, timingSafeEqual } from 'node:crypto';
import { signingKey } from './signing-key';

/**
 * Opaque, tamper-evident tokens: a base64url JSON payload and its HMAC-SHA256. The purpose is
 * part of what is signed, so a token made for one use (a list cursor) is worthless for another
 * (a survey answer link).
 */
const mac = (key: Buffer, purpose: string, payload: string) =>
  createHmac('sha256', key).update(`${purpose}\n${payload}`).digest('base64url');

export const signToken = async (purpose: string, content: object): Promise<string> => {
  const payload = Buffer.from(JSON.stringify(content)).toString('base64url');
  return `${payload}.${mac(await signingKey(), purpose, payload)}`;
};

/** The signed content, or undefined when the token is malformed, altered or for another purpose. */
export const verifyToken = async (purpose: string, token: string): Promise<unknown> => {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return undefined;
  const expected = Buffer.from(mac(await signingKey(), purpose, payload));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
};
