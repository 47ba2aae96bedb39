// Who did what to the selected request, when, and from which console.
import { useAppStore } from '../store/use-app-store';
import { formatClock } from './clock-format';

export function HistorySection() {
  const history = useAppStore((state) => state.activity?.history ?? null);

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
                <span className="history-console" title="From console">
                  {entry.consoleId}
                </span>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
