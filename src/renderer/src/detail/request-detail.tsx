import '../styles/detail.css';

import { slaState } from '../../../shared/domain';
import { AssignSection } from '../dispatch/assign-section';
import { StatusSection } from '../dispatch/status-section';
import { SLA_LABELS } from '../map/sla-colors';
import { formatCountdown, formatDuration } from '../queue/time-format';
import { useAppStore } from '../store/use-app-store';
import { DuplicatesSection } from './duplicates-section';
import { HistorySection } from './history-section';
import { NearbySection } from './nearby-section';
import { NotesSection } from './notes-section';

const dateTime = new Intl.DateTimeFormat('en-US', {
  month: 'short',
  day: 'numeric',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function Field(props: { label: string; value: string | null }) {
  if (!props.value) return null;

  return (
    <div className="detail-field">
      <dt>{props.label}</dt>
      <dd>{props.value}</dd>
    </div>
  );
}

/** The selected request; every text is user data, rendered as text. */
export function RequestDetail() {
  const selectedId = useAppStore((state) => state.selectedId);
  const detail = useAppStore((state) => state.detail);
  const missing = useAppStore((state) => state.detailMissing);
  const now = useAppStore((state) => state.now);
  const clearSelection = useAppStore((state) => state.clearSelection);
  const watched = useAppStore(
    (state) => selectedId !== null && state.watchedIds.includes(selectedId),
  );
  const toggleWatch = useAppStore((state) => state.toggleWatch);
  const dispatch = useAppStore((state) => state.dispatch);
  const openLink = useAppStore((state) => state.openLink);

  if (!selectedId) {
    return (
      <aside className="request-detail empty" aria-label="Selected request">
        <p>Select a request in the queue or on the map to see its details.</p>
      </aside>
    );
  }

  const loaded = detail?.serviceRequestId === selectedId ? detail : null;
  const state = loaded
    ? slaState(loaded.requestedAt, loaded.slaDueAt, now)
    : null;

  return (
    <aside
      className="request-detail"
      aria-label="Selected request"
      aria-busy={!loaded && !missing}
      data-testid="selected-request"
      data-request-id={selectedId}
    >
      <header className="detail-header">
        <h2>
          {loaded?.serviceName ??
            (missing ? `Request ${selectedId} is no longer open` : 'Loading…')}
        </h2>
        {state ? (
          <span className={`sla-badge sla-${state}`}>{SLA_LABELS[state]}</span>
        ) : null}
        <button
          type="button"
          className="pill-toggle watch-toggle"
          data-testid="watch-toggle"
          aria-pressed={watched}
          title="Alert me when this request falls at risk or breaches"
          onClick={() => void toggleWatch(selectedId)}
        >
          {watched ? 'Watching' : 'Watch'}
        </button>
        <button
          type="button"
          className="detail-close"
          onClick={clearSelection}
          aria-label="Close the request details"
        >
          ×
        </button>
      </header>
      {loaded ? (
        <>
          <p className="detail-address">
            {loaded.address ?? 'No address'}
            {loaded.lat === null ? (
              <span className="no-location">no location</span>
            ) : null}
          </p>
          <dl className="detail-fields">
            <Field label="Case" value={loaded.serviceRequestId} />
            <Field label="Neighbourhood" value={loaded.neighborhood} />
            <Field label="ZIP code" value={loaded.zipcode} />
            <Field
              label="Opened"
              value={withNote(
                dateTime.format(loaded.requestedAt),
                `${formatDuration(now - loaded.requestedAt)} ago`,
              )}
            />
            <Field
              label="SLA due"
              value={
                loaded.slaDueAt === null
                  ? null
                  : withNote(
                      dateTime.format(loaded.slaDueAt),
                      formatCountdown(loaded.slaDueAt, now),
                    )
              }
            />
            <Field label="Queue" value={loaded.queue} />
            <Field label="Department" value={loaded.department} />
            <Field label="Source" value={loaded.source} />
            <Field label="Agency" value={loaded.agencyResponsible} />
            <Field label="Status notes" value={loaded.statusNotes} />
            {loaded.mediaUrl ? (
              <div className="detail-field">
                <dt>Photo</dt>
                <dd>
                  <button
                    type="button"
                    className="link-button"
                    data-testid="open-photo"
                    title={loaded.mediaUrl}
                    onClick={() => void openLink(loaded.mediaUrl!)}
                  >
                    Open the reporter's photo
                  </button>
                </dd>
              </div>
            ) : null}
          </dl>
          {loaded.description ? (
            <p className="detail-description">{loaded.description}</p>
          ) : null}
          <AssignSection
            requestId={loaded.serviceRequestId}
            closed={loaded.status === 'closed'}
          />
          <StatusSection requestId={loaded.serviceRequestId} />
          <NotesSection
            requestId={loaded.serviceRequestId}
            closed={loaded.status === 'closed'}
          />
          <DuplicatesSection
            key={loaded.serviceRequestId}
            requestId={loaded.serviceRequestId}
            ownCrewId={dispatch?.assignedCrewId ?? null}
          />
          <HistorySection requestId={loaded.serviceRequestId} />
          <NearbySection />
        </>
      ) : null}
    </aside>
  );
}

const withNote = (value: string, note: string) => `${value} (${note})`;
