import { randomBytes } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from '../dynamodb/document-client';
import { keys } from '../dynamodb/keys';
import { unwrapDataKey, wrapDataKey } from './master-keyring';

const CACHE_MS = 60_000;
const CACHE_ENTRIES = 5_000;

/** Unwrapped keys (null: none, the customer was erased), kept briefly per execution environment. */
const cache = new Map<string, { key: Buffer | null; until: number }>();

const remember = (customerId: string, key: Buffer | null) => {
  cache.delete(customerId);
  if (cache.size >= CACHE_ENTRIES) cache.delete(cache.keys().next().value as string);
  cache.set(customerId, { key, until: Date.now() + CACHE_MS });
};

/**
 * Each customer's own data key, stored wrapped beside their profile. Deleting it is the erasure:
 * every copy of their personal data, in any item, stream record or backup, becomes unreadable.
 * Keys are cached for a minute, so a request makes at most one KMS call per customer.
 */
export const customerKeys = {
  /** A new key and the item that stores it (to be written with the customer, once). */
  async create(customerId: string, table = tableName()) {
    const key = randomBytes(32);
    const item = {
      ...keys.customerDataKey(customerId),
      entityType: 'CustomerDataKey',
      customerId,
      wrappedKey: await wrapDataKey(customerId, key),
    };
    remember(customerId, key);
    return {
      key,
      put: { TableName: table, Item: item, ConditionExpression: 'attribute_not_exists(pk)' },
    };
  },

  /** The customer's key, or undefined once erased. */
  async get(customerId: string, table = tableName()): Promise<Buffer | undefined> {
    const cached = cache.get(customerId);
    if (cached && cached.until > Date.now()) return cached.key ?? undefined;
    const { Item } = await documentClient().send(
      new GetCommand({
        TableName: table,
        Key: keys.customerDataKey(customerId),
        ConsistentRead: true,
      }),
    );
    const key =
      typeof Item?.wrappedKey === 'string'
        ? await unwrapDataKey(customerId, Item.wrappedKey)
        : null;
    remember(customerId, key);
    return key ?? undefined;
  },

  /** The delete that shreds (to be written in the erasure's transaction). */
  shred(customerId: string, table = tableName()) {
    cache.delete(customerId);
    return { TableName: table, Key: keys.customerDataKey(customerId) };
  },

  forget(customerId: string): void {
    cache.delete(customerId);
  },
};
