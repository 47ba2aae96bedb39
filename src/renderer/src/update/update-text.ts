// What the update indicator says for each state of the updater. Pure, so
// the words are tested without a DOM.
import type { UpdateState } from '../../../shared/update-state';

export type UpdateView = {
  /** Short text in the header; empty when there is nothing worth saying. */
  label: string;
  /** A longer sentence, e.g. the error, for the title and screen readers. */
  detail: string | null;
  tone: 'quiet' | 'busy' | 'ready' | 'error';
  /** 0-100 while downloading; null otherwise. */
  percent: number | null;
  /** What the person can do now. */
  action: 'restart' | 'retry' | null;
};

const size = (bytes: number) =>
  bytes >= 1_000_000
    ? `${(bytes / 1_000_000).toFixed(1)} MB`
    : `${Math.round(bytes / 1000)} kB`;

export function updateView(state: UpdateState | null): UpdateView {
  const quiet = (detail: string | null): UpdateView => ({
    label: '',
    detail,
    tone: 'quiet',
    percent: null,
    action: null,
  });
  if (state === null) return quiet(null);

  switch (state.status) {
    case 'unavailable':
      return quiet(state.message);
    case 'idle':
      return quiet(`StreetDesk ${state.currentVersion}; not checked yet.`);
    case 'not-available':
      return quiet(`StreetDesk ${state.currentVersion} is up to date.`);
    case 'checking':
      return {
        label: 'Checking for updates…',
        detail: null,
        tone: 'busy',
        percent: null,
        action: null,
      };
    case 'available':
      return {
        label: `Update ${state.version} found`,
        detail: 'Starting the download.',
        tone: 'busy',
        percent: 0,
        action: null,
      };
    case 'downloading': {
      const { percent, transferredBytes, totalBytes } = state.progress;
      const whole = Math.max(0, Math.min(100, Math.floor(percent)));
      return {
        label: `Downloading update ${state.version}: ${whole}%`,
        detail:
          totalBytes > 0
            ? `${size(transferredBytes)} of ${size(totalBytes)}`
            : null,
        tone: 'busy',
        percent: whole,
        action: null,
      };
    }
    case 'ready':
      return {
        label: `Update ${state.version} is ready`,
        detail:
          'It installs when you restart StreetDesk; your changes are saved.',
        tone: 'ready',
        percent: null,
        action: 'restart',
      };
    case 'error':
      return {
        label: state.version
          ? `Update ${state.version} failed`
          : 'Update check failed',
        detail: state.message,
        tone: 'error',
        percent: null,
        action: 'retry',
      };
  }
}
