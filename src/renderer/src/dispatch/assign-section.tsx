// Assigning a crew to the selected request: the suggested crews with their
// reasons, any other on-shift crew, and unassigning.
import { useState } from 'react';

import type { CrewListItem } from '../../../shared/contract';
import { useAppStore } from '../store/use-app-store';

export const CREW_STATUS_LABELS: Record<CrewListItem['status'], string> = {
  available: 'Available',
  en_route: 'En route',
  on_site: 'On site',
  off_shift: 'Off shift',
};

const onShift = (crew: CrewListItem, now: number) =>
  crew.status !== 'off_shift' && now >= crew.shiftStart && now < crew.shiftEnd;

export function AssignSection(props: { requestId: string; closed: boolean }) {
  const { requestId, closed } = props;
  const dispatch = useAppStore((state) => state.dispatch);
  const suggestions = useAppStore((state) => state.suggestions);
  const crews = useAppStore((state) => state.crews);
  const now = useAppStore((state) => state.now);
  const assign = useAppStore((state) => state.assign);
  const unassign = useAppStore((state) => state.unassign);
  const [other, setOther] = useState('');

  const current =
    dispatch?.serviceRequestId === requestId ? dispatch.assignedCrewId : null;
  const currentName =
    current === null
      ? null
      : (crews.find((crew) => crew.crewId === current)?.name ?? current);
  const available = crews
    .filter((crew) => onShift(crew, now) && crew.crewId !== current)
    .sort((a, b) => a.name.localeCompare(b.name));

  if (closed) {
    return (
      <section className="detail-section" aria-label="Crew">
        <h3>Crew</h3>
        <p className="muted">A closed request cannot be assigned.</p>
      </section>
    );
  }

  return (
    <section
      className="detail-section assign-section"
      aria-label="Crew"
      data-testid="assign-section"
    >
      <h3>Crew</h3>
      <div className="assigned-now">
        {currentName === null ? (
          <span className="muted">No crew assigned.</span>
        ) : (
          <>
            <span>
              Assigned to{' '}
              <strong data-testid="assigned-crew">{currentName}</strong>
              {dispatch?.pending ? (
                <span className="pending-mark"> · pending</span>
              ) : null}
            </span>
            <button
              type="button"
              className="quiet-button"
              onClick={() => void unassign(requestId)}
            >
              Unassign
            </button>
          </>
        )}
      </div>

      <h4>Suggested crews</h4>
      {suggestions === null ? (
        <p className="muted">Finding crews…</p>
      ) : suggestions.suggestions.length === 0 ? (
        <p className="muted">{suggestions.none}</p>
      ) : (
        <ol className="suggestions" data-testid="crew-suggestions">
          {suggestions.suggestions.map((suggestion) => (
            <li key={suggestion.crewId} data-crew-id={suggestion.crewId}>
              <div className="suggestion-text">
                <strong>{suggestion.name}</strong>
                <span className="suggestion-reasons">
                  {suggestion.reasons.join(' · ')}
                </span>
              </div>
              <button
                type="button"
                className="action-button"
                disabled={suggestion.crewId === current}
                aria-label={`Assign ${suggestion.name}`}
                onClick={() => void assign([requestId], suggestion.crewId)}
              >
                {suggestion.crewId === current ? 'Assigned' : 'Assign'}
              </button>
            </li>
          ))}
        </ol>
      )}

      <form
        className="assign-other"
        onSubmit={(event) => {
          event.preventDefault();
          if (other !== '') void assign([requestId], other);
          setOther('');
        }}
      >
        <label>
          <span>Another crew on shift</span>
          <select
            value={other}
            onChange={(event) => setOther(event.target.value)}
          >
            <option value="">Choose a crew…</option>
            {available.map((crew) => (
              <option key={crew.crewId} value={crew.crewId}>
                {crew.name} ({CREW_STATUS_LABELS[crew.status]},{' '}
                {crew.activeAssignments} open)
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="action-button" disabled={other === ''}>
          Assign
        </button>
      </form>
    </section>
  );
}
