import { customerKeys } from './customer-keys';
import { noteAccess } from './access-tracking';
import { isSealed, openValue, sealValue } from './field-seal';

/** A path to personal text inside an item; `*` stands for every element of an array. */
type FieldPath = readonly string[];

/**
 * Every field that may hold personal data, by item type: these are stored sealed under the
 * customer's data key. Free text is here because people write names, numbers and addresses in it.
 */
export const PERSONAL_FIELDS: Readonly<Record<string, readonly FieldPath[]>> = {
  Customer: [['name'], ['email'], ['phone']],
  Interaction: [['need'], ['result']],
  Complaint: [['subject'], ['description'], ['resolution', 'plan'], ['attachments', '*', 'name']],
  TimelineEntry: [['note'], ['details', 'attachments', '*']],
  Survey: [
    ['answer', 'comment'],
    ['unreadReply', 'text'],
    ['automaticReplies', '*', 'subject'],
  ],
  Revisit: [
    ['attempts', '*', 'notes'],
    ['outcome', 'notes'],
  ],
  ServiceRecord: [['notes']],
  CustomerTimelineEntry: [['summary'], ['detail']],
};

/** What a reader sees in place of text whose customer was erased. */
export const ERASED_TEXT = '[erased]';

type Item = Record<string, unknown>;
type Transform = (value: string, field: string) => string;

/** Copies `value` with `transform` applied to the strings at `path`, naming each by its position. */
const mapPath = (value: unknown, path: FieldPath, transform: Transform, at: string): unknown => {
  if (path.length === 0) return typeof value === 'string' ? transform(value, at) : value;
  const [head, ...rest] = path as [string, ...string[]];
  if (head === '*') {
    return Array.isArray(value)
      ? value.map((element, index) => mapPath(element, rest, transform, `${at}.${index}`))
      : value;
  }
  if (value === null || typeof value !== 'object' || !(head in value)) return value;
  const field = at ? `${at}.${head}` : head;
  return { ...value, [head]: mapPath((value as Item)[head], rest, transform, field) };
};

const mapFields = (item: Item, paths: readonly FieldPath[], transform: Transform): Item =>
  paths.reduce<Item>((current, path) => mapPath(current, path, transform, '') as Item, item);

const identity = (item: Item) => `${String(item.pk)}|${String(item.sk)}`;

/**
 * Seals an item's personal fields before it is written; `customerId` is whose data it is. The item
 * remembers it (`sealedFor`), so that any reader, a stream consumer included, can open it. For an
 * erased customer (no key) personal text is not kept at all: it is written as erased.
 */
export const sealItem = async <T extends Item>(item: T, customerId: string): Promise<T> => {
  const paths = PERSONAL_FIELDS[String(item.entityType)];
  if (!paths) return item;
  const key = await customerKeys.get(customerId);
  if (key) noteAccess(customerId, 'change');
  const sealed = mapFields(item, paths, (value, field) =>
    key ? sealValue(key, { customerId, item: identity(item), field }, value) : ERASED_TEXT,
  );
  return { ...sealed, sealedFor: customerId } as unknown as T;
};

/**
 * Opens an item's sealed fields as read from the table or a stream image (keys still on it).
 * Once the customer is erased their key is gone, and each sealed field reads as `erasedAs`.
 */
export const openItem = async <T extends Item>(
  item: T,
  erasedAs: string = ERASED_TEXT,
): Promise<T> => {
  const paths = PERSONAL_FIELDS[String(item.entityType)];
  const customerId = item.sealedFor;
  if (!paths || typeof customerId !== 'string') return item;
  const key = await customerKeys.get(customerId);
  if (!key) return mapFields(item, paths, () => erasedAs) as T;
  noteAccess(customerId, 'read');
  return mapFields(item, paths, (value, field) =>
    isSealed(value) ? openValue(key, { customerId, item: identity(item), field }, value) : value,
  ) as T;
};
