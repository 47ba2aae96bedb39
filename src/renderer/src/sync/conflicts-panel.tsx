// The intents the server refused, each with its reason and what to do:
// open the request to act again, or dismiss once dealt with.
import { formatClock } from '../detail/clock-format';
import { useAppStore } from '../store/use-app-store';

export function ConflictsPanel() {
  const conflicts = useAppStore((state) => state.conflicts);
  const dismiss = useAppStore((state) => state.dismissConflict);
  const selectRequest = useAppStore((state) => state.selectRequest);

  if (conflicts.length === 0) {
    return (
      <div className="side-empty">
        <p>
          No conflicts. Every change you made was accepted or is on its way.
        </p>
      </div>
    );
  }

  return (
    <ul className="conflicts" data-testid="conflicts">
      {conflicts.map((conflict) => (
        <li key={conflict.seq} data-testid="conflict">
          <p className="conflict-summary">{conflict.summary}</p>
          <p className="conflict-reason">{conflict.reason}</p>
          <p className="conflict-when muted">
            Made {formatClock(conflict.createdAt)}, refused{' '}
            {formatClock(conflict.rejectedAt)}
          </p>
          <div className="form-buttons">
            {conflict.requestIds.map((id) => (
              <button
                key={id}
                type="button"
                className="quiet-button"
                onClick={() => void selectRequest(id, 'queue')}
              >
                Open request {id}
              </button>
            ))}
            <button
              type="button"
              className="quiet-button"
              onClick={() => void dismiss(conflict.seq)}
            >
              Dismiss
            </button>
          </div>
        </li>
      ))}
    </ul>
  );
}
