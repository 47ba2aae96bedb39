// The ticked requests (from the queue or a lasso on the map) and one crew
// to send to all of them.
import { useState } from 'react';

import { useAppStore } from '../store/use-app-store';

export function BulkBar() {
  const marked = useAppStore((state) => state.markedIds);
  const crews = useAppStore((state) => state.crews);
  const now = useAppStore((state) => state.now);
  const assign = useAppStore((state) => state.assign);
  const unassignMany = useAppStore((state) => state.unassignMany);
  const clearMarked = useAppStore((state) => state.clearMarked);
  const [crewId, setCrewId] = useState('');

  if (marked.length === 0) return null;
  const onShift = crews
    .filter(
      (crew) =>
        crew.status !== 'off_shift' &&
        now >= crew.shiftStart &&
        now < crew.shiftEnd,
    )
    .sort((a, b) => a.name.localeCompare(b.name));

  return (
    <form
      className="bulk-bar"
      aria-label="Bulk assignment"
      data-testid="bulk-bar"
      onSubmit={(event) => {
        event.preventDefault();
        if (crewId !== '') void assign([...marked], crewId);
      }}
    >
      <strong data-testid="marked-count">{marked.length} ticked</strong>
      <label>
        <span className="visually-hidden">Crew for the ticked requests</span>
        <select value={crewId} onChange={(e) => setCrewId(e.target.value)}>
          <option value="">Choose a crew…</option>
          {onShift.map((crew) => (
            <option key={crew.crewId} value={crew.crewId}>
              {crew.name} ({crew.activeAssignments} open)
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="action-button" disabled={crewId === ''}>
        Assign all
      </button>
      <button
        type="button"
        className="quiet-button"
        data-testid="unassign-all"
        onClick={() => void unassignMany([...marked])}
      >
        Unassign all
      </button>
      <button type="button" className="quiet-button" onClick={clearMarked}>
        Clear
      </button>
    </form>
  );
}
