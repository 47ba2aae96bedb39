import '../styles/filters.css';

import type { FacetValue } from '../../../shared/contract';
import type { OpenWorkStatus } from '../store/app-state';
import { useAppStore } from '../store/use-app-store';
import { AssignedToggle } from './assigned-toggle';
import { describeNeighborhood } from './facet-choices';
import { FacetPicker } from './facet-picker';
import { WORK_STATUS_LABELS } from './filter-labels';
import { SavedViewsMenu } from './saved-views-menu';
import { SearchBox } from './search-box';
import { SlaChips } from './sla-chips';
import { SortPicker } from './sort-picker';

const WORK_STATUSES = Object.keys(WORK_STATUS_LABELS) as OpenWorkStatus[];
const workStatusValues: FacetValue[] = WORK_STATUSES.map((value) => ({
  value,
  count: 0,
}));
const describeWorkStatus = (value: string) =>
  WORK_STATUS_LABELS[value as OpenWorkStatus] ?? value;

export function FilterBar() {
  const facets = useAppStore((state) => state.facets);
  const filter = useAppStore((state) => state.filter);
  const setTypes = useAppStore((state) => state.setTypes);
  const setNeighborhoods = useAppStore((state) => state.setNeighborhoods);
  const setListFilter = useAppStore((state) => state.setListFilter);
  const setWorkStatuses = useAppStore((state) => state.setWorkStatuses);
  const clearFilters = useAppStore((state) => state.clearFilters);
  const crews = facets?.crews ?? [];
  const crewName = (id: string) =>
    crews.find((crew) => crew.value === id)?.name ?? id;

  return (
    <div className="filter-bar" role="search" aria-label="Queue filters">
      <SearchBox />
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
      <FacetPicker
        label="Queue"
        testId="filter-queue"
        values={facets?.queues ?? []}
        selected={filter.queues}
        onChange={(values) => setListFilter('queues', values)}
      />
      <FacetPicker
        label="Department"
        testId="filter-department"
        values={facets?.departments ?? []}
        selected={filter.departments}
        onChange={(values) => setListFilter('departments', values)}
      />
      <FacetPicker
        label="Status"
        testId="filter-status"
        values={workStatusValues}
        selected={filter.workStatuses}
        onChange={(values) => setWorkStatuses(values as OpenWorkStatus[])}
        describe={describeWorkStatus}
      />
      <FacetPicker
        label="Crew"
        testId="filter-crew"
        values={crews}
        selected={filter.crewIds}
        onChange={(values) => setListFilter('crewIds', values)}
        describe={crewName}
      />
      <AssignedToggle />
      <SlaChips />
      <SortPicker />
      <SavedViewsMenu />
      <button type="button" className="filter-clear" onClick={clearFilters}>
        Clear filters
      </button>
    </div>
  );
}
