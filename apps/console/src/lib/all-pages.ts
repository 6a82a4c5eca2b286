/** Every item of a paged list (API.md "Lists"), page after page: what a case page shows whole. */
export async function allPages<T>(page: (cursor: string | undefined) => Promise<{ data: T[]; nextCursor: string | null }>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const next = await page(cursor);
    items.push(...next.data);
    cursor = next.nextCursor ?? undefined;
  } while (cursor);
  return items;
}
