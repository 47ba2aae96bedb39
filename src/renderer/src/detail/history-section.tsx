// Who did what to the selected request, when, and from which console. A
// supervisor can undo the latest merge into it for a while after.
import type { RequestHistoryEntry } from '../../../shared/contract';
import { useAppStore } from '../store/use-app-store';
import { formatClock } from './clock-format';

/** The server's default undo window; it refuses, with why, past its own. */
export const UNMERGE_WINDOW_MS = 24 * 60 * 60 * 1000;

/** The latest merge into the request that was not undone after. */
export function undoableMerge(
  history: readonly RequestHistoryEntry[],
  now: number,
): RequestHistoryEntry | null {
  for (let at = history.length - 1; at >= 0; at -= 1) {
    const entry = history[at]!;
    if (entry.action === 'unmerged') return null;
    if (entry.action !== 'merged') continue;
    const recent = now - entry.at <= UNMERGE_WINDOW_MS;
    return recent && entry.duplicateIds?.length ? entry : null;
  }
  return null;
}

export function HistorySection(props: { requestId: string }) {
  const history = useAppStore((state) => state.activity?.history ?? null);
  const role = useAppStore((state) => state.syncStatus?.signedInAs?.role);
  const now = useAppStore((state) => state.now);
  const unmerge = useAppStore((state) => state.unmerge);
  const supervisor = role === 'supervisor' || role === 'admin';
  const undoable =
    supervisor && history !== null ? undoableMerge(history, now) : null;

  return (
    <section className="detail-section" aria-label="History">
      <h3>History</h3>
      {history === null || history.length === 0 ? (
        <p className="muted">Nothing has been done to this request yet.</p>
      ) : (
        <ol className="history" data-testid="history">
          {history.map((entry) => (
            <li key={entry.historyId}>
              <time dateTime={new Date(entry.at).toISOString()}>
                {formatClock(entry.at)}
              </time>
              <span className="history-actor">{entry.actor}</span>
              <span className="history-summary">{entry.summary}</span>
              {entry.consoleId ? (
                <span
                  className="history-console"
                  title={`From console ${entry.consoleId}`}
                >
                  {entry.fromThisConsole
                    ? 'this console'
                    : `console ${entry.consoleId.slice(0, 8)}`}
                </span>
              ) : null}
              {entry === undoable ? (
                <button
                  type="button"
                  className="quiet-button"
                  data-testid="undo-merge"
                  onClick={() =>
                    void unmerge(props.requestId, entry.duplicateIds ?? [])
                  }
                >
                  Undo merge
                </button>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
