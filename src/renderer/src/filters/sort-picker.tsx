import { useAppStore } from '../store/use-app-store';
import { sortChoice } from './filter-labels';

/**
 * Time to breach, age, or distance from the selected request (offered
 * only when the selection has a location).
 */
export function SortPicker() {
  const sort = useAppStore((state) => state.sort);
  const setSort = useAppStore((state) => state.setSort);
  const detail = useAppStore((state) => state.detail);
  const from =
    detail?.lat != null && detail.long != null
      ? { lat: detail.lat, long: detail.long }
      : null;

  return (
    <label className="sort-select">
      <span>Sort</span>
      <select
        data-testid="queue-sort"
        value={sortChoice(sort)}
        onChange={(event) => {
          const value = event.target.value;
          if (value === 'due' || value === 'age') setSort(value);
          else if (from !== null) setSort({ by: 'distance', from });
        }}
      >
        <option value="due">Time to breach, soonest first</option>
        <option value="age">Age, oldest first</option>
        <option
          value="distance"
          disabled={from === null && sortChoice(sort) !== 'distance'}
        >
          Distance from the selected request
        </option>
      </select>
    </label>
  );
}
