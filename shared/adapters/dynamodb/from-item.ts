import { openItem } from '../privacy/personal-fields';
import { withoutKeys } from './keys';

/**
 * An item as read (or from a stream image) → its domain object, personal fields opened; an erased
 * customer's text reads as `erasedAs`.
 */
export const fromItem = async <T>(item: Record<string, unknown>, erasedAs?: string): Promise<T> =>
  withoutKeys<T>(await openItem(item, erasedAs));
