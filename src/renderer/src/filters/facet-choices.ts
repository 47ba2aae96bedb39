// Pure helpers of the filter pickers.
import type { FacetValue } from '../../../shared/contract';

/** The values whose label contains the query, case-insensitively. */
export function filterFacetValues(
  values: FacetValue[],
  query: string,
  describe: (value: string) => string = (value) => value,
): FacetValue[] {
  const needle = query.trim().toLowerCase();
  if (needle === '') return values;

  return values.filter((facet) =>
    describe(facet.value).toLowerCase().includes(needle),
  );
}

/** What the closed picker says: "All", the one choice, or "3 chosen". */
export function summarizeChoice(
  selected: string[],
  describe: (value: string) => string = (value) => value,
): string {
  if (selected.length === 0) return 'All';
  if (selected.length === 1) return describe(selected[0] ?? '');

  return `${selected.length} chosen`;
}

/** The empty neighbourhood stands for requests with none recorded. */
export function describeNeighborhood(value: string): string {
  return value === '' ? 'No neighbourhood' : value;
}
