/** Page size of the lists on the patient page: one page covers nearly every patient. */
export const SECTION_PAGE = 50;

/** Next page's cursor for `useInfiniteQuery`: `undefined` ends the list. */
export function nextCursor(page: { nextCursor: string | null }): string | undefined {
  return page.nextCursor ?? undefined;
}
