// An update engine in plain Node over the feed: check latest.yml, download
// the release file with progress and keep it only if its sha512 matches.
// It drives the same service as electron-updater does in the app, so the
// service is tested against a real HTTP feed; installing is left to the
// caller (the app has electron-updater's quitAndInstall for that).
import { checkFeed, downloadVerified, type FeedOptions } from './update-feed';
import type { UpdateEngine, UpdateReport } from './update-service';

export type FeedEngineOptions = FeedOptions & {
  currentVersion: string;
  /** Where downloads are kept. */
  dir: string;
  install: (file: string) => void;
};

export function feedEngine(options: FeedEngineOptions) {
  return (report: UpdateReport): UpdateEngine => {
    let downloaded: string | null = null;

    return {
      async check() {
        report.checking();
        try {
          const found = await checkFeed(options);
          if (!found.available) return report.notAvailable();

          report.available(found.version);
          const file = await downloadVerified({
            ...options,
            version: found.version,
            file: found.file,
            onProgress: (progress) => report.progress(progress),
          });
          downloaded = file;
          await report.downloaded({
            version: found.version,
            file,
            sha512: found.file.sha512,
          });
        } catch (error) {
          report.failed(error);
        }
      },
      install() {
        if (downloaded !== null) options.install(downloaded);
      },
    };
  };
}
