// The console's updater as a state machine: idle, checking, not-available,
// available, downloading (with progress), ready, error. An engine (in the
// app, electron-updater; in tests, the plain-Node feed engine) reports what
// happens; the service keeps the state the person sees, checks every
// downloaded file against its published sha512 once more, and installs
// only when the person chooses to restart into a ready update.
import type { DownloadProgress, UpdateState } from '../../shared/update-state';
import type { Logger } from '../log/logger';
import { sha512OfFile } from './update-feed';
import { checksumMessage, describeUpdateError } from './update-errors';

/** What an engine tells the service, as it happens. */
export type UpdateReport = {
  checking(): void;
  available(version: string): void;
  notAvailable(): void;
  progress(progress: DownloadProgress): void;
  /** sha512 (base64) as the feed published it; null if the engine had none. */
  downloaded(download: {
    version: string;
    file: string;
    sha512: string | null;
  }): Promise<void>;
  failed(error: unknown): void;
};

export type UpdateEngine = {
  /** Asks the feed; the outcome arrives through the report. */
  check(): Promise<void>;
  /** Quits and installs the downloaded update. */
  install(): void;
};

export type RestartResult = { restarting: boolean; reason?: string };

export type UpdateService = {
  state(): UpdateState;
  check(): Promise<UpdateState>;
  /** Installs `version` if it is the update that is ready; otherwise refuses. */
  restart(version: string): RestartResult;
  onChange(listener: (state: UpdateState) => void): () => void;
  stop(): void;
};

export type UpdateServiceOptions = {
  currentVersion: string;
  feedUrl: string;
  connect: (report: UpdateReport) => UpdateEngine;
  logger: Logger;
  now?: () => number;
  /** Checks a downloaded file's sha512 (base64); tests may inject one. */
  sha512OfFile?: (path: string) => Promise<string>;
  /** First check after this long; null: only when asked. 10 s by default. */
  firstCheckMs?: number | null;
  /** Then every this long; null: never again. 4 hours by default. */
  intervalMs?: number | null;
};

// An available update is already being downloaded (autoDownload).
const BUSY = new Set<UpdateState['status']>([
  'checking',
  'available',
  'downloading',
]);

export function createUpdateService(
  options: UpdateServiceOptions,
): UpdateService {
  const { currentVersion, logger } = options;
  const now = options.now ?? Date.now;
  const hashFile = options.sha512OfFile ?? sha512OfFile;
  const listeners = new Set<(state: UpdateState) => void>();
  let current: UpdateState = { status: 'idle', currentVersion };

  const set = (next: UpdateState) => {
    current = next;
    for (const listener of listeners) listener(next);
  };

  const fail = (error: unknown, version: string | null) => {
    const message = describeUpdateError(error, options.feedUrl, version);
    logger.warn('update failed', { message, version });
    set({ status: 'error', currentVersion, message, version });
  };

  const versionInFlight = () =>
    current.status === 'available' || current.status === 'downloading'
      ? current.version
      : null;

  const report: UpdateReport = {
    checking() {
      set({ status: 'checking', currentVersion });
    },
    available(version) {
      logger.info('update available', { version, currentVersion });
      set({ status: 'available', currentVersion, version });
    },
    notAvailable() {
      set({ status: 'not-available', currentVersion, checkedAt: now() });
    },
    progress(progress) {
      const version = versionInFlight();
      if (version === null) return;
      set({ status: 'downloading', currentVersion, version, progress });
    },
    async downloaded({ version, file, sha512 }) {
      if (versionInFlight() !== version) {
        logger.warn('an unexpected download was ignored', { version });
        return;
      }

      // The engine checked the file already; the file on disk is what
      // would be installed, so it is checked again here before any offer.
      if (sha512 === null) {
        return fail(
          new Error(`update ${version} came without a sha512 to verify it by`),
          version,
        );
      }
      let actual: string;
      try {
        actual = await hashFile(file);
      } catch (error) {
        return fail(error, version);
      }
      if (actual !== sha512) {
        logger.error('downloaded update does not match its sha512', {
          version,
        });
        set({
          status: 'error',
          currentVersion,
          message: checksumMessage(version),
          version,
        });
        return;
      }

      logger.info('update downloaded and verified', { version });
      set({ status: 'ready', currentVersion, version });
    },
    failed(error) {
      fail(error, versionInFlight());
    },
  };

  const engine = options.connect(report);

  const check = async () => {
    if (BUSY.has(current.status) || current.status === 'ready') return current;
    try {
      await engine.check();
    } catch (error) {
      if (current.status !== 'error') fail(error, versionInFlight());
    }

    return current;
  };

  const timers: NodeJS.Timeout[] = [];
  const schedule = (ms: number | null | undefined, repeat: boolean) => {
    if (ms === null || ms === undefined) return;
    const run = () => void check();
    const timer = repeat ? setInterval(run, ms) : setTimeout(run, ms);
    timer.unref();
    timers.push(timer);
  };
  schedule(
    options.firstCheckMs === undefined ? 10_000 : options.firstCheckMs,
    false,
  );
  schedule(
    options.intervalMs === undefined ? 4 * 60 * 60 * 1000 : options.intervalMs,
    true,
  );

  return {
    state: () => current,
    check,
    restart(version) {
      if (current.status !== 'ready') {
        return {
          restarting: false,
          reason: 'No update is ready to install yet.',
        };
      }
      if (current.version !== version) {
        return {
          restarting: false,
          reason:
            `Update ${version} is not the one ready to install ` +
            `(${current.version}).`,
        };
      }

      logger.info('restarting to install the update', { version });
      engine.install();
      return { restarting: true };
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop() {
      for (const timer of timers) clearTimeout(timer);
      listeners.clear();
    },
  };
}

/** For browser mode, a development run, or no feed: says why, does nothing. */
export function createUnavailableUpdates(
  currentVersion: string,
  message: string,
): UpdateService {
  const state: UpdateState = { status: 'unavailable', currentVersion, message };

  return {
    state: () => state,
    check: () => Promise.resolve(state),
    restart: () => ({ restarting: false, reason: message }),
    onChange: () => () => {},
    stop() {},
  };
}

export const BROWSER_MODE_UPDATES =
  'Updates are managed by the desktop app; browser mode never installs one.';
