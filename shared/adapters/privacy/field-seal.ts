import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** What a sealed value is bound to: a copy in another item, field or customer does not open. */
export interface SealContext {
  customerId: string;
  item: string;
  field: string;
}

const PREFIX = 'pd1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

const aad = (context: SealContext) =>
  Buffer.from(JSON.stringify([context.customerId, context.item, context.field]), 'utf8');

export const isSealed = (value: unknown): value is string =>
  typeof value === 'string' && value.startsWith(PREFIX);

/** AES-256-GCM under the customer's data key, with the context as additional authenticated data. */
export const sealValue = (key: Buffer, context: SealContext, plaintext: string): string => {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(aad(context));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
};

/** Throws when the value was altered, or sealed for another item, field, customer or key. */
export const openValue = (key: Buffer, context: SealContext, sealed: string): string => {
  const bytes = Buffer.from(sealed.slice(PREFIX.length), 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES))
    .setAAD(aad(context))
    .setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([
    decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)),
    decipher.final(),
  ]).toString('utf8');
};
