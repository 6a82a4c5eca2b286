/**
 * A paged list (API.md "Lists") read page by page on request (TanStack Query's infinite queries): the first page
 * without a cursor, each next one with the previous page's `nextCursor`, none after a page whose cursor is null.
 * For lists too long to read whole (lib/all-pages.ts reads the short ones whole).
 */
export const cursorPages = {
  initialPageParam: undefined as string | undefined,
  getNextPageParam: (last: { nextCursor: string | null }): string | undefined => last.nextCursor ?? undefined,
};
