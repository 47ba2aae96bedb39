// The open requests the map cannot draw (no usable location, such as the
// City Hall placeholder): counted on the map and listed on demand, never
// pinned to some default spot.
import { useState } from 'react';

import { slaState } from '../../../shared/domain';
import { formatCountdown } from '../queue/time-format';
import { appStore, useAppStore } from '../store/use-app-store';
import { SLA_LABELS } from './sla-colors';

export function UnlocatedList() {
  const unlocated = useAppStore((state) => state.unlocated);
  const now = useAppStore((state) => state.now);
  const selectedId = useAppStore((state) => state.selectedId);
  const [open, setOpen] = useState(false);

  if (unlocated === null || unlocated.total === 0) return null;
  const more = unlocated.total - unlocated.rows.length;

  return (
    <section
      className="unlocated"
      aria-label="Requests with no location"
      data-testid="unlocated"
    >
      <button
        type="button"
        className="unlocated-toggle"
        aria-expanded={open}
        onClick={() => setOpen((shown) => !shown)}
      >
        {unlocated.total.toLocaleString()} with no location
      </button>
      {open ? (
        <ul className="unlocated-rows">
          {unlocated.rows.map((row) => {
            const state = slaState(row.requestedAt, row.slaDueAt, now);
            return (
              <li key={row.serviceRequestId}>
                <button
                  type="button"
                  className="unlocated-row"
                  aria-current={
                    row.serviceRequestId === selectedId ? 'true' : undefined
                  }
                  data-request-id={row.serviceRequestId}
                  onClick={() =>
                    void appStore
                      .getState()
                      .selectRequest(row.serviceRequestId, 'map')
                  }
                >
                  <span
                    className={`legend-dot sla-dot-${state}`}
                    aria-hidden="true"
                  />
                  <span className="unlocated-type">{row.serviceName}</span>
                  <span className="unlocated-address">
                    {row.address ?? 'No address given'}
                  </span>
                  <span className="unlocated-due">
                    {row.slaDueAt === null
                      ? SLA_LABELS.no_sla
                      : formatCountdown(row.slaDueAt, now)}
                  </span>
                </button>
              </li>
            );
          })}
          {more > 0 ? (
            <li className="muted">and {more.toLocaleString()} more</li>
          ) : null}
        </ul>
      ) : null}
    </section>
  );
}
