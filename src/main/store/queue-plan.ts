import type { QueueFilter } from '../../shared/contract';
import { searchesText, type IndexedSort } from './queue-filter-sql';

/**
 * Sorting a match costs about this many times more than stepping over an
 * index entry (measured: ~0.7 us against ~0.07 us at 100,000 open
 * requests).
 */
const SORT_COST_PER_MATCH = 10;

export type PagePlan = 'walk-sort-index' | 'sort-matches';

/**
 * How to find one page of a filtered queue. Walking the sort index in
 * order stops after offset + limit matches but may step over every open
 * request; sorting the matches found through the filter index costs more
 * per match. SQLite's planner always sorts, which is slow when the filter
 * keeps most requests, so the choice is made here from the counts.
 */
export function choosePagePlan(
  matches: number,
  openRequests: number,
  offset: number,
  limit: number,
): PagePlan {
  if (matches === 0) return 'sort-matches';

  // Assume matches are spread evenly along the sort order.
  const stepped = Math.min(
    openRequests,
    ((offset + limit) * openRequests) / matches,
  );

  return stepped <= matches * SORT_COST_PER_MATCH
    ? 'walk-sort-index'
    : 'sort-matches';
}

const sortIndex: Record<IndexedSort, string> = {
  due: 'requests_open_by_due',
  age: 'requests_open_by_age',
};

/**
 * The index a page query must use under a plan (see migration 5), or null
 * to let SQLite start from the search index's matches.
 */
export function pageIndex(
  plan: PagePlan,
  sort: IndexedSort,
  filter: QueueFilter,
): string | null {
  if (plan === 'walk-sort-index') return sortIndex[sort];
  if (filter.types?.length) return 'requests_open_by_type';
  if (filter.neighborhoods?.length) return 'requests_open_by_neighborhood';
  if (searchesText(filter)) return null;

  // Nothing narrows an index's leading column: walking in sort order
  // steps over no more entries than a scan would, and sorts nothing.
  return sortIndex[sort];
}
