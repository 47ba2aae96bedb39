import { memo } from 'react';

import type { QueueRow as Row } from '../../../shared/domain';
import { slaState } from '../../../shared/domain';
import { SLA_LABELS } from '../map/sla-colors';
import { formatCountdown, formatDueTime, formatDuration } from './time-format';

type QueueRowProps = {
  row: Row;
  index: number;
  total: number;
  top: number;
  selected: boolean;
  marked: boolean;
  /** The assigned crew's name, if the row has one. */
  crewName: string | null;
  now: number;
  onSelect: (id: string, index: number) => void;
  onToggleMark: (id: string) => void;
};

export const WORK_LABELS: Record<Row['workStatus'], string> = {
  open: 'Unassigned',
  assigned: 'Assigned',
  in_progress: 'In progress',
  resolved: 'Resolved',
  closed: 'Closed',
};

export const rowElementId = (index: number) => `queue-row-${index}`;

/** One request in the queue; every text is user data, rendered as text. */
export const QueueRow = memo(function QueueRow(props: QueueRowProps) {
  const { row, index, total, top, selected, marked, now } = props;
  const state = slaState(row.requestedAt, row.slaDueAt, now);
  const id = row.serviceRequestId;

  return (
    <div
      id={rowElementId(index)}
      role="option"
      aria-selected={selected}
      aria-posinset={index + 1}
      aria-setsize={total}
      className="queue-row"
      data-testid="queue-row"
      data-request-id={row.serviceRequestId}
      data-sla={state}
      data-work={row.workStatus}
      data-pending={row.pending ? 'true' : undefined}
      data-duplicate-of={row.possibleDuplicateOf}
      data-marked={marked ? 'true' : undefined}
      style={{ transform: `translateY(${top}px)` }}
      onClick={(event) => {
        // Ctrl or Cmd with a click ticks the row for a bulk action.
        if (event.ctrlKey || event.metaKey) props.onToggleMark(id);
        else props.onSelect(id, index);
      }}
    >
      <span
        className="cell-mark"
        data-testid="queue-mark"
        title={marked ? 'Untick' : 'Tick for a bulk action'}
        onClick={(event) => {
          event.stopPropagation();
          props.onToggleMark(id);
        }}
      >
        <span aria-hidden="true">{marked ? '☑' : '☐'}</span>
      </span>
      <span className="cell cell-request">
        <span className="request-type" title={row.serviceName}>
          {row.serviceName}
        </span>
        <span className="request-address">
          {/* First, so a long address cannot push it out of sight. */}
          {row.possibleDuplicateOf ? (
            <span
              className="duplicate-mark"
              data-testid="duplicate-mark"
              title={`Likely a duplicate of request ${row.possibleDuplicateOf}`}
            >
              duplicate?
            </span>
          ) : null}
          {row.address ?? <span className="muted">No address</span>}
          {row.hasLocation ? null : (
            <span className="no-location" title="Not on the map: no location">
              no location
            </span>
          )}
        </span>
      </span>
      <span className="cell cell-neighborhood">
        {row.neighborhood ?? <span className="muted">—</span>}
      </span>
      <span className="cell cell-work" data-testid="queue-work">
        <span className={`work-badge work-${row.workStatus}`}>
          {WORK_LABELS[row.workStatus]}
          {row.pending ? (
            <span className="pending-mark" title="Waiting for the server">
              {' '}
              · pending
            </span>
          ) : null}
        </span>
        {props.crewName ? (
          <span className="work-crew" title={props.crewName}>
            {props.crewName}
          </span>
        ) : null}
      </span>
      <span className="cell cell-age">
        {formatDuration(now - row.requestedAt)}
      </span>
      <span className={`cell cell-due sla-${state}`}>
        {row.slaDueAt === null ? (
          SLA_LABELS.no_sla
        ) : (
          <>
            <span className="due-time">{formatDueTime(row.slaDueAt, now)}</span>
            <span className="due-countdown">
              {formatCountdown(row.slaDueAt, now)}
            </span>
          </>
        )}
        <span className="visually-hidden">
          , {SLA_LABELS[state]}
          {marked ? ', ticked' : ''}
        </span>
      </span>
    </div>
  );
});

export function PlaceholderRow(props: { top: number }) {
  return (
    <div
      role="presentation"
      className="queue-row placeholder"
      style={{ transform: `translateY(${props.top}px)` }}
    >
      <span className="skeleton" />
    </div>
  );
}
