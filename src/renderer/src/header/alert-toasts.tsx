// SLA alerts in the window: the same ones the desktop shows, here with a
// way to open the request. Alert text is shown as text.
import { useAppStore } from '../store/use-app-store';

export function AlertToasts() {
  const alerts = useAppStore((state) => state.alerts);
  const dismiss = useAppStore((state) => state.dismissAlert);
  const selectRequest = useAppStore((state) => state.selectRequest);

  return (
    <div className="alert-toasts" role="status" aria-live="polite">
      {alerts.map((alert) => (
        <div
          key={alert.id}
          className={`alert-toast alert-${alert.state}`}
          data-testid="sla-alert"
        >
          <strong>{alert.title}</strong>
          <p>{alert.body}</p>
          <div className="form-buttons">
            {alert.requestId !== null ? (
              <button
                type="button"
                className="quiet-button"
                onClick={() => {
                  void selectRequest(alert.requestId!, 'queue');
                  dismiss(alert.id);
                }}
              >
                Open request
              </button>
            ) : null}
            <button
              type="button"
              className="quiet-button"
              onClick={() => dismiss(alert.id)}
            >
              Dismiss
            </button>
          </div>
        </div>
      ))}
    </div>
  );
}
