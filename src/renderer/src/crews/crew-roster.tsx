// Every crew: status, shift, the queues it serves, its depot and where it
// was last seen, and its current assignments. A dispatcher can move a crew
// between available, en route and on site, and open any of its requests.
import { useEffect, useMemo } from 'react';

import type { CrewListItem } from '../../../shared/contract';
import { useAppStore } from '../store/use-app-store';
import { CrewCard } from './crew-card';

const ORDER: Record<CrewListItem['status'], number> = {
  available: 0,
  en_route: 1,
  on_site: 2,
  off_shift: 3,
};

export function CrewRoster(props: { onShowRequest: () => void }) {
  const crews = useAppStore((state) => state.crews);
  const assignments = useAppStore((state) => state.crewAssignments);
  const loadCrewAssignments = useAppStore((state) => state.loadCrewAssignments);

  // Read when shown; a change to the requests reads it again while it is.
  useEffect(() => void loadCrewAssignments(), [loadCrewAssignments]);

  const sorted = useMemo(
    () =>
      [...crews].sort(
        (a, b) =>
          ORDER[a.status] - ORDER[b.status] || a.name.localeCompare(b.name),
      ),
    [crews],
  );
  const workOf = useMemo(
    () => new Map(assignments?.map((work) => [work.crewId, work])),
    [assignments],
  );

  if (crews.length === 0) {
    return (
      <div className="side-empty">
        <p>No crews yet: they arrive with the first sync.</p>
      </div>
    );
  }

  return (
    <ul className="roster" aria-label="Crews" data-testid="crew-roster">
      {sorted.map((crew) => (
        <CrewCard
          key={crew.crewId}
          crew={crew}
          work={workOf.get(crew.crewId)}
          workLoaded={assignments !== null}
          onShowRequest={props.onShowRequest}
        />
      ))}
    </ul>
  );
}
