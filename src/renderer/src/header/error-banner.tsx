import { useAppStore } from '../store/use-app-store';

export function ErrorBanner() {
  const errors = useAppStore((state) => state.errors);
  const dismiss = useAppStore((state) => state.dismissError);

  if (errors.length === 0) return null;

  return (
    <div className="error-banner" role="alert">
      {errors.map((error) => (
        <p key={error.id} className="error-line">
          <span>{error.message}</span>
          <button type="button" onClick={() => dismiss(error.id)}>
            Dismiss
          </button>
        </p>
      ))}
    </div>
  );
}
