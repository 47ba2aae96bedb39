// One crew in the roster. Addresses and types are residents' and the
// city's data: rendered as text only.
import { useEffect, useRef } from 'react';

import type { CrewAssignments, CrewListItem } from '../../../shared/contract';
import { slaState } from '../../../shared/domain';
import { crewStatusSchema } from '../../../shared/sync-protocol';
import { formatClock } from '../detail/clock-format';
import { CREW_STATUS_LABELS } from '../dispatch/assign-section';
import { SLA_LABELS } from '../map/sla-colors';
import { useAppStore } from '../store/use-app-store';
import { boundedWork } from './crew-work';
import { lastSeenWords } from './last-seen';

type CrewCardProps = {
  crew: CrewListItem;
  /** Undefined when the crew holds no open work (or it is not read yet). */
  work: CrewAssignments | undefined;
  workLoaded: boolean;
  onShowRequest: () => void;
};

export function CrewCard(props: CrewCardProps) {
  const { crew } = props;
  const setCrewStatus = useAppStore((state) => state.setCrewStatus);
  const focus = useAppStore((state) =>
    state.crewFocus?.crewId === crew.crewId ? state.crewFocus.seq : null,
  );
  const card = useRef<HTMLLIElement>(null);
  // Picked on the map: brought into view, each time it is picked.
  useEffect(() => {
    if (focus !== null) card.current?.scrollIntoView({ block: 'nearest' });
  }, [focus]);
  const lastSeen = lastSeenWords(crew);
  const headingId = `crew-${crew.crewId}`;

  return (
    <li
      ref={card}
      className={`roster-crew${focus !== null ? ' roster-focused' : ''}`}
      aria-labelledby={headingId}
      aria-current={focus !== null ? 'true' : undefined}
      data-crew-id={crew.crewId}
      data-status={crew.status}
    >
      <div className="roster-head">
        <h3 id={headingId} className="roster-name">
          {crew.name}
        </h3>
        <select
          aria-label={`Status of ${crew.name}`}
          value={crew.status}
          onChange={(event) => {
            const status = crewStatusSchema.safeParse(event.target.value);
            if (status.success) void setCrewStatus(crew.crewId, status.data);
          }}
        >
          {crewStatusSchema.options.map((status) => (
            <option key={status} value={status}>
              {CREW_STATUS_LABELS[status]}
            </option>
          ))}
        </select>
        {crew.pending ? <span className="pending-mark">pending</span> : null}
      </div>
      <dl className="roster-facts">
        <dt>Shift</dt>
        <dd className="roster-shift">
          {formatClock(crew.shiftStart)}–{formatClock(crew.shiftEnd)}
        </dd>
        <dt>Queues</dt>
        <dd className="roster-queues">
          {crew.queues.length > 0 ? crew.queues.join(', ') : 'None'}
        </dd>
        <dt>Depot</dt>
        <dd className="roster-depot">{crew.depot}</dd>
        <dt>Last seen</dt>
        <dd className="roster-last-seen" data-testid="crew-last-seen">
          {lastSeen ?? <span className="muted">No position reported</span>}
        </dd>
      </dl>
      <CrewWork {...props} />
    </li>
  );
}

function CrewWork(props: CrewCardProps) {
  const { crew, work } = props;
  const now = useAppStore((state) => state.now);
  const selectedId = useAppStore((state) => state.selectedId);
  const selectRequest = useAppStore((state) => state.selectRequest);
  const setListFilter = useAppStore((state) => state.setListFilter);
  // The workload in the crew list may be newer than the rows: take the larger.
  const total = Math.max(crew.activeAssignments, work?.total ?? 0);
  const { shown, more } = boundedWork(work?.rows ?? [], total);

  return (
    <div className="roster-work">
      <p className="roster-work-count">
        {total === 0
          ? 'No open assignments'
          : `${total} open assignment${total === 1 ? '' : 's'}`}
      </p>
      {total > 0 && !props.workLoaded ? (
        <p className="muted">Looking…</p>
      ) : null}
      {shown.length > 0 ? (
        <ul
          className="roster-requests"
          aria-label={`Assignments of ${crew.name}`}
          data-testid="crew-assignments"
        >
          {shown.map((row) => {
            const state = slaState(row.requestedAt, row.slaDueAt, now);
            return (
              <li key={row.serviceRequestId}>
                <button
                  type="button"
                  className="link-button roster-request"
                  data-request-id={row.serviceRequestId}
                  data-sla={state}
                  aria-current={
                    row.serviceRequestId === selectedId ? 'true' : undefined
                  }
                  onClick={() => {
                    void selectRequest(row.serviceRequestId, 'queue');
                    props.onShowRequest();
                  }}
                >
                  <span className="roster-request-type">{row.serviceName}</span>
                  <span className={`roster-request-sla sla-${state}`}>
                    {SLA_LABELS[state]}
                    {row.pending ? (
                      <span className="pending-mark"> · pending</span>
                    ) : null}
                  </span>
                  <span className="roster-request-where">
                    <span className="roster-request-id">
                      {row.serviceRequestId}
                    </span>{' '}
                    {row.address ?? 'No address'}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      ) : null}
      {more > 0 ? (
        <button
          type="button"
          className="quiet-button roster-more"
          onClick={() => setListFilter('crewIds', [crew.crewId])}
        >
          +{more} more: show all in the queue
        </button>
      ) : null}
    </div>
  );
}
