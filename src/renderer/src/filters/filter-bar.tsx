import '../styles/filters.css';

import type { QueueSort } from '../../../shared/contract';
import { useAppStore } from '../store/use-app-store';
import { describeNeighborhood } from './facet-choices';
import { FacetPicker } from './facet-picker';

const SORTS: { value: QueueSort; label: string }[] = [
  { value: 'due', label: 'SLA due, soonest first' },
  { value: 'age', label: 'Age, oldest first' },
];

export function FilterBar() {
  const facets = useAppStore((state) => state.facets);
  const filter = useAppStore((state) => state.filter);
  const sort = useAppStore((state) => state.sort);
  const setTypes = useAppStore((state) => state.setTypes);
  const setNeighborhoods = useAppStore((state) => state.setNeighborhoods);
  const setSort = useAppStore((state) => state.setSort);

  return (
    <div className="filter-bar">
      <FacetPicker
        label="Type"
        testId="filter-type"
        values={facets?.types ?? []}
        selected={filter.types}
        onChange={setTypes}
      />
      <FacetPicker
        label="Neighbourhood"
        testId="filter-neighborhood"
        values={facets?.neighborhoods ?? []}
        selected={filter.neighborhoods}
        onChange={setNeighborhoods}
        describe={describeNeighborhood}
      />
      <label className="sort-select">
        <span>Sort</span>
        <select
          data-testid="queue-sort"
          value={sort}
          onChange={(event) => setSort(event.target.value as QueueSort)}
        >
          {SORTS.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
