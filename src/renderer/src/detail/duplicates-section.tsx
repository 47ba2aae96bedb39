// Likely duplicates of the selected request, each with why. A supervisor
// ticks the ones that are the same problem and merges them into this
// request, choosing which crew keeps the work.
import { useState } from 'react';

import type { DuplicateCandidate } from '../../../shared/contract';
import { formatDuration } from '../queue/time-format';
import { useAppStore } from '../store/use-app-store';

/** The crew choice: this request's own, one a duplicate had, or none. */
type CrewChoice = 'keep' | 'none' | `crew:${string}`;

function crewOptions(
  ownCrew: string | null,
  ticked: DuplicateCandidate[],
): string[] {
  const crews = new Set<string>();
  for (const candidate of ticked) {
    const crew = candidate.row?.assignedCrewId;
    if (crew && crew !== ownCrew) crews.add(crew);
  }
  return [...crews];
}

export function DuplicatesSection(props: {
  requestId: string;
  ownCrewId: string | null;
}) {
  const candidates = useAppStore((state) => state.duplicates);
  const role = useAppStore((state) => state.syncStatus?.signedInAs?.role);
  const crews = useAppStore((state) => state.crews);
  const now = useAppStore((state) => state.now);
  const selectRequest = useAppStore((state) => state.selectRequest);
  const merge = useAppStore((state) => state.merge);
  const [ticked, setTicked] = useState<string[]>([]);
  const [crewChoice, setCrewChoice] = useState<CrewChoice>('keep');
  const supervisor = role === 'supervisor' || role === 'admin';
  const crewName = (id: string) =>
    crews.find((crew) => crew.crewId === id)?.name ?? id;

  const open = (candidates ?? []).filter((c) => c.row !== null);
  const chosen = open.filter((c) => ticked.includes(c.serviceRequestId));
  const otherCrews = crewOptions(props.ownCrewId, chosen);

  return (
    <section
      className="detail-section"
      aria-label="Possible duplicates"
      data-testid="duplicates"
    >
      <h3>Possible duplicates</h3>
      {candidates === null ? (
        <p className="muted">Looking…</p>
      ) : candidates.length === 0 ? (
        <p className="muted">None found: no similar report nearby.</p>
      ) : (
        <ul className="duplicates">
          {candidates.map((candidate) => {
            const id = candidate.serviceRequestId;
            const isOpen = candidate.row !== null;
            return (
              <li
                key={id}
                data-testid="duplicate-candidate"
                data-request-id={id}
              >
                {supervisor && isOpen ? (
                  <input
                    type="checkbox"
                    aria-label={`Merge request ${id} into this one`}
                    checked={ticked.includes(id)}
                    onChange={(event) =>
                      setTicked((was) =>
                        event.target.checked
                          ? [...was, id]
                          : was.filter((each) => each !== id),
                      )
                    }
                  />
                ) : null}
                <button
                  type="button"
                  className="link-button duplicate-open"
                  onClick={() => void selectRequest(id, 'queue')}
                  disabled={!isOpen}
                >
                  <span className="duplicate-type">
                    {candidate.serviceName}
                  </span>
                  <span className="duplicate-address">
                    {candidate.address ?? 'No address'}
                  </span>
                </button>
                <span className="duplicate-why">
                  {candidate.reasons.join(', ')}
                  {isOpen ? '' : ', closed lately'}
                  {` · opened ${formatDuration(now - candidate.requestedAt)} ago`}
                </span>
              </li>
            );
          })}
        </ul>
      )}
      {supervisor && open.length > 0 ? (
        <form
          className="merge-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (chosen.length === 0) return;
            const crewId =
              crewChoice === 'keep'
                ? undefined
                : crewChoice === 'none'
                  ? null
                  : crewChoice.slice('crew:'.length);
            void merge(
              props.requestId,
              chosen.map((c) => c.serviceRequestId),
              crewId,
            ).then((done) => {
              if (done) setTicked([]);
            });
          }}
        >
          <label>
            <span>Crew for the merged request</span>
            <select
              value={crewChoice}
              onChange={(event) =>
                setCrewChoice(event.target.value as CrewChoice)
              }
            >
              <option value="keep">
                {props.ownCrewId
                  ? `Keep ${crewName(props.ownCrewId)}`
                  : 'Keep as it is (no crew)'}
              </option>
              {otherCrews.map((crew) => (
                <option key={crew} value={`crew:${crew}`}>
                  {crewName(crew)} (from a duplicate)
                </option>
              ))}
              <option value="none">No crew</option>
            </select>
          </label>
          <button
            type="submit"
            className="action-button"
            disabled={chosen.length === 0}
          >
            Merge {chosen.length || ''} into this request
          </button>
        </form>
      ) : null}
      {!supervisor && open.length > 0 ? (
        <p className="muted">Only a supervisor can merge requests.</p>
      ) : null}
    </section>
  );
}
