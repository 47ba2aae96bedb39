// How the console stands with the central API, always in view: online or
// offline, changes waiting to be sent, the last sync, the first load.
import { formatDuration } from '../queue/time-format';
import { useAppStore } from '../store/use-app-store';
import { initialSyncProgress, lastSyncText } from './sync-words';

const count = new Intl.NumberFormat('en-US');

export function SyncStatusBar(props: { onShowConflicts: () => void }) {
  const status = useAppStore((state) => state.syncStatus);
  const conflicts = useAppStore((state) => state.conflicts.length);
  const now = useAppStore((state) => state.now);
  const clockOffset = useAppStore((state) => state.clockOffsetMs);

  if (status === null) return null;
  // lastSyncAt is this machine's clock; `now` is the server's.
  const localNow = now - clockOffset;
  const connected = status.signedInAs !== null;
  const { initialSync } = status;
  const progress = initialSyncProgress(initialSync);

  return (
    <div
      className="sync-bar"
      data-testid="sync-status"
      data-online={status.online ? 'true' : 'false'}
    >
      {connected && !status.online ? (
        <p
          className="offline-banner"
          role="status"
          data-testid="offline-banner"
        >
          <strong>Offline.</strong> Your changes are saved on this computer and
          will be sent when the central system can be reached.
          {status.lastError ? (
            <span className="offline-reason"> {status.lastError}</span>
          ) : null}
        </p>
      ) : null}
      <div className="sync-facts">
        <span className={`sync-dot ${status.online ? 'online' : 'offline'}`}>
          {connected ? (status.online ? 'Online' : 'Offline') : 'Not connected'}
        </span>
        {status.signedInAs ? (
          <span>
            {status.signedInAs.name} ({status.signedInAs.role})
          </span>
        ) : null}
        <span data-testid="pending-count">
          {status.outboxDepth === 0
            ? 'all changes sent'
            : `${count.format(status.outboxDepth)} change${status.outboxDepth === 1 ? '' : 's'} waiting` +
              (status.oldestPendingAgeMs !== null &&
              status.oldestPendingAgeMs > 60_000
                ? `, oldest ${formatDuration(status.oldestPendingAgeMs)}`
                : '')}
        </span>
        {connected ? (
          <span data-testid="last-sync">{lastSyncText(status, localNow)}</span>
        ) : null}
        <button
          type="button"
          className={`conflicts-button${conflicts > 0 ? ' has-conflicts' : ''}`}
          onClick={props.onShowConflicts}
          data-testid="conflicts-button"
        >
          {conflicts === 0
            ? 'No conflicts'
            : `${conflicts} conflict${conflicts === 1 ? '' : 's'}`}
        </button>
      </div>
      {connected && !initialSync.done ? (
        <div className="initial-sync">
          <label>
            <span>{progress.text}</span>
            <progress max={progress.max} value={progress.value} />
          </label>
        </div>
      ) : null}
    </div>
  );
}
