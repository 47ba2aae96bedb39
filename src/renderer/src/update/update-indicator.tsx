// The updater in the header: quiet while there is nothing to say; then
// checking, a download with its progress bar, "ready: restart now" (the
// person chooses when), or what went wrong with a way to try again.
import { useAppStore } from '../store/use-app-store';
import { updateView } from './update-text';

export function UpdateIndicator() {
  const update = useAppStore((state) => state.update);
  const checkForUpdates = useAppStore((state) => state.checkForUpdates);
  const restartToUpdate = useAppStore((state) => state.restartToUpdate);
  const view = updateView(update);

  if (view.label === '') return null;

  return (
    <div
      className={`update-indicator update-${view.tone}`}
      role={view.tone === 'error' ? 'alert' : 'status'}
      data-testid="update-indicator"
      data-status={update?.status}
    >
      <span className="update-label">{view.label}</span>
      {view.percent !== null ? (
        <progress
          className="update-progress"
          max={100}
          value={view.percent}
          aria-label={view.label}
        />
      ) : null}
      {view.detail ? (
        <span className="update-detail">{view.detail}</span>
      ) : null}
      {view.action === 'restart' ? (
        <button type="button" onClick={() => void restartToUpdate()}>
          Restart now
        </button>
      ) : null}
      {view.action === 'retry' ? (
        <button type="button" onClick={() => void checkForUpdates()}>
          Try again
        </button>
      ) : null}
    </div>
  );
}
