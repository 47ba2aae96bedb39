import '../styles/header.css';

import type { Theme } from '../layout/theme';
import { useAppStore } from '../store/use-app-store';
import { UpdateIndicator } from '../update/update-indicator';

const count = new Intl.NumberFormat('en-US');

export function AppHeader(props: {
  theme: Theme;
  onToggleTheme: () => void;
  /** Opens the settings, where the first-run setup guide is. */
  onSetUp: () => void;
}) {
  const info = useAppStore((state) => state.info);
  const total = useAppStore((state) => state.total);
  const setupPending = useAppStore(
    (state) => state.settings !== null && !state.settings.setupDone,
  );

  const shown = total === null ? '…' : count.format(total);
  const all = info ? count.format(info.openRequests) : '…';

  return (
    <header className="app-header">
      <h1 className="app-name">StreetDesk</h1>
      <p className="open-count" aria-live="polite">
        <strong>{shown}</strong> of {all} open requests shown
      </p>
      {info?.demo ? (
        <p className="demo-note">
          Demo data: Boston 311 cases from 2015, moved forward to today
        </p>
      ) : null}
      {setupPending ? (
        <button
          type="button"
          className="setup-button"
          data-testid="setup-button"
          onClick={props.onSetUp}
        >
          Set up this console
        </button>
      ) : null}
      <UpdateIndicator />
      <button
        type="button"
        className="theme-toggle"
        aria-pressed={props.theme === 'dark'}
        onClick={props.onToggleTheme}
      >
        Dark theme
      </button>
    </header>
  );
}
