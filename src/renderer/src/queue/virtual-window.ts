// The arithmetic of the virtualized queue: which rows to put in the DOM,
// which pages to fetch, which cached pages to drop, where to scroll.

export type RowWindow = { first: number; last: number };

/**
 * The rows to render for a scroll position: the visible ones plus
 * `overscan` on each side, clamped to the list; last < first when empty.
 */
export function visibleRows(options: {
  scrollTop: number;
  viewportHeight: number;
  rowHeight: number;
  total: number;
  overscan: number;
}): RowWindow {
  const { scrollTop, viewportHeight, rowHeight, total, overscan } = options;
  if (total <= 0 || rowHeight <= 0) return { first: 0, last: -1 };

  const top = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const bottom = Math.ceil(
    (Math.max(0, scrollTop) + viewportHeight) / rowHeight,
  );

  return {
    first: Math.max(0, Math.min(top - overscan, total - 1)),
    last: Math.min(total - 1, bottom + overscan - 1),
  };
}

/** The page indices that hold rows first..last. */
export function pagesFor(window: RowWindow, pageSize: number): number[] {
  if (window.last < window.first) return [];

  const pages: number[] = [];
  const lastPage = Math.floor(window.last / pageSize);
  for (
    let page = Math.floor(window.first / pageSize);
    page <= lastPage;
    page++
  ) {
    pages.push(page);
  }

  return pages;
}

/**
 * The cached pages to drop so at most `keep` remain: those farthest from
 * the page the dispatcher is looking at go first.
 */
export function pagesToEvict(
  cached: number[],
  centerPage: number,
  keep: number,
): number[] {
  if (cached.length <= keep) return [];

  const byDistance = [...cached].sort(
    (a, b) => Math.abs(b - centerPage) - Math.abs(a - centerPage),
  );

  return byDistance.slice(0, cached.length - keep);
}

/**
 * The scrollTop that brings row `index` fully into view with the least
 * movement, or null when it is already fully visible.
 */
export function scrollTopToReveal(options: {
  index: number;
  scrollTop: number;
  viewportHeight: number;
  rowHeight: number;
}): number | null {
  const { index, scrollTop, viewportHeight, rowHeight } = options;
  const rowTop = index * rowHeight;
  const rowBottom = rowTop + rowHeight;

  if (rowTop < scrollTop) return rowTop;
  if (rowBottom > scrollTop + viewportHeight) return rowBottom - viewportHeight;

  return null;
}
