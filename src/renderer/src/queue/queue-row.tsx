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
  now: number;
  onSelect: (id: string, index: number) => void;
};

export const rowElementId = (index: number) => `queue-row-${index}`;

/** One request in the queue; every text is user data, rendered as text. */
export const QueueRow = memo(function QueueRow(props: QueueRowProps) {
  const { row, index, total, top, selected, now, onSelect } = props;
  const state = slaState(row.requestedAt, row.slaDueAt, now);

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
      style={{ transform: `translateY(${top}px)` }}
      onClick={() => onSelect(row.serviceRequestId, index)}
    >
      <span className="cell cell-request">
        <span className="request-type" title={row.serviceName}>
          {row.serviceName}
        </span>
        <span className="request-address">
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
        <span className="visually-hidden">, {SLA_LABELS[state]}</span>
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
