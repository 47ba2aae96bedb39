// A stand-in for electron-updater's autoUpdater: it records how it was set
// up and what it was asked, and a test emits its events by hand.
import { EventEmitter } from 'node:events';

import type { AutoUpdater } from '../../src/main/electron/updater';

export class FakeAutoUpdater extends EventEmitter {
  autoDownload = false;
  autoInstallOnAppQuit = true;
  allowDowngrade = true;
  logger: unknown = null;
  feeds: unknown[] = [];
  checks = 0;
  installs: { isSilent?: boolean; isForceRunAfter?: boolean }[] = [];
  /** What checkForUpdates does: resolve, or reject like a failed check. */
  checkOutcome: () => Promise<unknown> = () => Promise.resolve(null);

  setFeedURL(options: unknown) {
    this.feeds.push(options);
  }

  checkForUpdates() {
    this.checks += 1;
    return this.checkOutcome();
  }

  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean) {
    this.installs.push({ isSilent, isForceRunAfter });
  }

  /** As the wrapper sees it: electron-updater's type. */
  asAutoUpdater(): AutoUpdater {
    return this as unknown as AutoUpdater;
  }
}

/** An error as builder-util-runtime makes it: a message and a code. */
export function updaterError(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}
