import '../styles/header.css';

import { useEffect, useState } from 'react';

import { applyTheme, storedTheme, type Theme } from '../layout/theme';
import { useAppStore } from '../store/use-app-store';

const count = new Intl.NumberFormat('en-US');

export function AppHeader() {
  const info = useAppStore((state) => state.info);
  const total = useAppStore((state) => state.total);
  const [theme, setTheme] = useState<Theme>(storedTheme);

  useEffect(() => applyTheme(theme), [theme]);

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
      <button
        type="button"
        className="theme-toggle"
        aria-pressed={theme === 'dark'}
        onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}
      >
        Dark theme
      </button>
    </header>
  );
}
