// The last action's outcome, read out politely and shown for a while.
import { useEffect, useState } from 'react';

import { useAppStore } from '../store/use-app-store';

const SHOWN_MS = 8_000;

export function ActionNotice() {
  const notice = useAppStore((state) => state.notice);
  const [hidden, setHidden] = useState<number | null>(null);

  useEffect(() => {
    if (notice === null) return;
    const timer = setTimeout(() => setHidden(notice.id), SHOWN_MS);
    return () => clearTimeout(timer);
  }, [notice]);

  const shown = notice !== null && hidden !== notice.id ? notice : null;

  return (
    <p
      className={`action-notice${shown ? ` tone-${shown.tone}` : ''}`}
      role="status"
      aria-live="polite"
      data-testid="action-notice"
    >
      {shown?.text ?? ''}
    </p>
  );
}
