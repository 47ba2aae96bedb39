// Every crew: status, where it is, the queues it serves, its open work.
// A dispatcher can move a crew between available, en route and on site.
import type { CrewListItem } from '../../../shared/contract';
import { crewStatusSchema } from '../../../shared/sync-protocol';
import { CREW_STATUS_LABELS } from '../dispatch/assign-section';
import { formatClock } from '../detail/clock-format';
import { useAppStore } from '../store/use-app-store';

const ORDER: Record<CrewListItem['status'], number> = {
  available: 0,
  en_route: 1,
  on_site: 2,
  off_shift: 3,
};

export function CrewRoster() {
  const crews = useAppStore((state) => state.crews);
  const setCrewStatus = useAppStore((state) => state.setCrewStatus);
  const sorted = [...crews].sort(
    (a, b) => ORDER[a.status] - ORDER[b.status] || a.name.localeCompare(b.name),
  );

  if (crews.length === 0) {
    return (
      <div className="side-empty">
        <p>No crews yet: they arrive with the first sync.</p>
      </div>
    );
  }

  return (
    <table className="roster" data-testid="crew-roster">
      <caption className="visually-hidden">Crews</caption>
      <thead>
        <tr>
          <th scope="col">Crew</th>
          <th scope="col">Status</th>
          <th scope="col">Open</th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((crew) => (
          <tr
            key={crew.crewId}
            data-crew-id={crew.crewId}
            data-status={crew.status}
          >
            <td>
              <strong>{crew.name}</strong>
              <span className="roster-where">
                {crew.lastLat !== null ? 'Last seen near ' : 'At '}
                {crew.depot}
              </span>
              <span className="roster-queues">{crew.queues.join(', ')}</span>
              <span className="roster-shift">
                Shift {formatClock(crew.shiftStart)}–
                {formatClock(crew.shiftEnd)}
              </span>
            </td>
            <td>
              <select
                aria-label={`Status of ${crew.name}`}
                value={crew.status}
                onChange={(event) => {
                  const status = crewStatusSchema.safeParse(event.target.value);
                  if (status.success)
                    void setCrewStatus(crew.crewId, status.data);
                }}
              >
                {crewStatusSchema.options.map((status) => (
                  <option key={status} value={status}>
                    {CREW_STATUS_LABELS[status]}
                  </option>
                ))}
              </select>
              {crew.pending ? (
                <span className="pending-mark">pending</span>
              ) : null}
            </td>
            <td className="roster-open">{crew.activeAssignments}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
