// Chooses how the installed app updates itself: from the feed the city's
// IT set (see update/feed-url.ts), through electron-updater. A development
// run, or an app with no feed set, gets an updater that says why it is off.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Logger } from '../log/logger';
import {
  installerFeedUrl,
  resolveFeedUrl,
  UPDATE_POLICY_FILE,
} from '../update/feed-url';
import {
  createUnavailableUpdates,
  createUpdateService,
  type UpdateService,
} from '../update/update-service';
import { electronUpdateEngine, type AutoUpdater } from './updater';

export const DEVELOPMENT_RUN_UPDATES =
  'Updates are installed only by the packaged app; this is a development run.';

export type AppUpdatesOptions = {
  isPackaged: boolean;
  version: string;
  userData: string;
  resourcesPath: string;
  argv: readonly string[];
  env: Record<string, string | undefined>;
  logger: Logger;
  /** electron-updater's autoUpdater, loaded only when it is needed. */
  loadAutoUpdater: () => Promise<AutoUpdater>;
};

function readIfPresent(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

export async function createAppUpdates(
  options: AppUpdatesOptions,
): Promise<UpdateService> {
  const { logger, version } = options;
  if (!options.isPackaged) {
    return createUnavailableUpdates(version, DEVELOPMENT_RUN_UPDATES);
  }

  const choice = resolveFeedUrl({
    policyText: readIfPresent(join(options.userData, UPDATE_POLICY_FILE)),
    argv: options.argv,
    env: options.env,
    installerUrl: installerFeedUrl(
      readIfPresent(join(options.resourcesPath, 'app-update.yml')),
    ),
  });
  if (choice.url === null) {
    logger.info('updates are off', { reason: choice.reason });
    return createUnavailableUpdates(version, choice.reason);
  }

  logger.info('updates come from the city feed', {
    feed: choice.url,
    source: choice.source,
  });
  const autoUpdater = await options.loadAutoUpdater();

  return createUpdateService({
    currentVersion: version,
    feedUrl: choice.url,
    logger,
    connect: electronUpdateEngine(autoUpdater, choice.url, logger),
  });
}
