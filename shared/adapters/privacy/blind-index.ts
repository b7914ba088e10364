import { createHmac } from 'node:crypto';
import { KEY_VARIABLES, keyMaterial } from '../key-material';

const blindIndexKey = keyMaterial(KEY_VARIABLES.blindIndex, 'base64url');

/**
 * A keyed HMAC of a normalized contact value (lower-case email, E.164 phone): exact lookups work,
 * while the table never holds the value itself in a key, and nobody without the key can test a
 * guess against it.
 */
export const blindIndex = async (
  kind: 'email' | 'phone' | 'source-ip',
  value: string,
): Promise<string> =>
  createHmac('sha256', await blindIndexKey())
    .update(`${kind}\u0000${value}`)
    .digest('base64url');
