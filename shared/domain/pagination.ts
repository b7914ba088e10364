/** One page of a key-ordered list; `next` is the store's position, opaque to callers. */
export interface Page<T> {
  items: T[];
  next?: Record<string, unknown> | undefined;
}

export interface PageRequest {
  limit: number;
  after?: Record<string, unknown> | undefined;
}
