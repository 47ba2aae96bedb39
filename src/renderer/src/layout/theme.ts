// Light or dark (the control-room screen); kept between runs.
export type Theme = 'light' | 'dark';

const KEY = 'streetdesk.theme';

export function storedTheme(): Theme {
  const stored = globalThis.localStorage?.getItem(KEY);
  if (stored === 'light' || stored === 'dark') return stored;

  return globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches
    ? 'dark'
    : 'light';
}

export function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
  localStorage.setItem(KEY, theme);
}
