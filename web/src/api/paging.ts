/**
 * The API's paged lists (`{items, next_cursor}`) read whole. The lists a person has (their
 * conversations, their groups) are short enough to hold at once; paging keeps each answer small.
 */

export const LIST_PAGE_SIZE = 100;

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

/** Every item, page after page, asking `page` for the one at each cursor until the last. */
export async function allPages<T>(page: (cursor: string | undefined) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const answer = await page(cursor);
    items.push(...answer.items);
    cursor = answer.next_cursor ?? undefined;
  } while (cursor !== undefined);
  return items;
}
