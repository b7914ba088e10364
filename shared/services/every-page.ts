import type { Page, PageRequest } from '../domain/pagination';

/** Reads page after page (of `pageSize`) until the last one, or until `limit` items were read. */
export const everyPage = async <T>(
  read: (page: PageRequest) => Promise<Page<T>>,
  limit: number,
  pageSize = 100,
): Promise<T[]> => {
  const items: T[] = [];
  let after: Record<string, unknown> | undefined;
  do {
    const page = await read({ limit: pageSize, after });
    items.push(...page.items);
    after = page.next;
  } while (after && items.length < limit);
  return items;
};
