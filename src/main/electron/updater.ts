// The thin layer between electron-updater's autoUpdater and the plain-Node
// update service: the city's generic feed, download in the background,
// never install on quit, and each autoUpdater event passed on as a report.
// The service decides what the person sees and when to install.
import { basename } from 'node:path';

import type { AppUpdater } from 'electron-updater';

import type { Logger } from '../log/logger';
import type { UpdateEngine, UpdateReport } from '../update/update-service';

/** The part of electron-updater's autoUpdater StreetDesk uses. */
export type AutoUpdater = Pick<
  AppUpdater,
  | 'autoDownload'
  | 'autoInstallOnAppQuit'
  | 'allowDowngrade'
  | 'setFeedURL'
  | 'checkForUpdates'
  | 'quitAndInstall'
  | 'on'
  | 'logger'
>;

type FileInfo = { url: string; sha512: string };
type UpdateInfoLike = { version: string; files?: FileInfo[]; sha512?: string };

/** The published sha512 of the file electron-updater downloaded. */
export function publishedSha512(
  info: UpdateInfoLike,
  downloadedFile: string,
): string | null {
  const name = basename(downloadedFile);
  const file = info.files?.find(
    (candidate) => basename(decodeURIComponent(candidate.url)) === name,
  );

  return file?.sha512 ?? info.sha512 ?? info.files?.[0]?.sha512 ?? null;
}

export function electronUpdateEngine(
  updater: AutoUpdater,
  feedUrl: string,
  logger: Logger,
) {
  return (report: UpdateReport): UpdateEngine => {
    updater.autoDownload = true;
    updater.autoInstallOnAppQuit = false;
    updater.allowDowngrade = false;
    updater.logger = {
      info: (message: unknown) => logger.debug(String(message)),
      warn: (message: unknown) => logger.warn(String(message)),
      error: (message: unknown) => logger.error(String(message)),
    };
    updater.setFeedURL({ provider: 'generic', url: feedUrl });

    updater.on('checking-for-update', () => report.checking());
    updater.on('update-available', (info) => report.available(info.version));
    updater.on('update-not-available', () => report.notAvailable());
    updater.on('download-progress', (progress) =>
      report.progress({
        percent: progress.percent,
        transferredBytes: progress.transferred,
        totalBytes: progress.total,
      }),
    );
    updater.on('update-downloaded', (event) => {
      void report.downloaded({
        version: event.version,
        file: event.downloadedFile,
        sha512: publishedSha512(event, event.downloadedFile),
      });
    });
    updater.on('error', (error) => report.failed(error));

    return {
      async check() {
        // Outcomes and errors arrive as events; the promise's own rejection
        // repeats the error event, so it is only logged here.
        await updater.checkForUpdates().catch((error: unknown) => {
          logger.debug('checkForUpdates rejected', { error: String(error) });
        });
      },
      install() {
        // Not silent: the installer shows; run StreetDesk again afterwards.
        updater.quitAndInstall(false, true);
      },
    };
  };
}
