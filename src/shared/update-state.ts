// What the console's updater is doing, as the person at the console sees
// it. The services push every change as the `updateState` event.

export type DownloadProgress = {
  /** 0-100. */
  percent: number;
  transferredBytes: number;
  totalBytes: number;
};

export type UpdateState =
  /** Updates are not handled here (browser mode, a development run, no feed). */
  | { status: 'unavailable'; currentVersion: string; message: string }
  | { status: 'idle'; currentVersion: string }
  | { status: 'checking'; currentVersion: string }
  | { status: 'not-available'; currentVersion: string; checkedAt: number }
  | { status: 'available'; currentVersion: string; version: string }
  | {
      status: 'downloading';
      currentVersion: string;
      version: string;
      progress: DownloadProgress;
    }
  /** Downloaded and verified: installs only when the person restarts. */
  | { status: 'ready'; currentVersion: string; version: string }
  | {
      status: 'error';
      currentVersion: string;
      /** Says what went wrong and what to do, in words. */
      message: string;
      /** The version being fetched, if the error came during a download. */
      version: string | null;
    };

export type UpdateStatus = UpdateState['status'];
