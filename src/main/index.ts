// The Electron entry: wires the plain-Node services to hardened windows.
// Everything here is glue; the policies live in ./electron and ./web.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { app, dialog, ipcMain, session } from 'electron';

import type { BasemapService } from './basemap/basemap-service';
import { appOrigins } from './electron/app-origin';
import { createAppUpdates } from './electron/app-updates';
import { handleAppProtocol, registerAppScheme } from './electron/app-protocol';
import { createExternalOpener } from './electron/external-links';
import { hardenEveryWebContents, hardenSession } from './electron/hardening';
import { forwardEvents, registerIpc } from './electron/ipc';
import { installAppMenu } from './electron/menu';
import { createNotifier, showSlaAlerts } from './electron/notifications';
import { createSafeSecretStore } from './electron/safe-secret-store';
import { createMainWindow } from './electron/window';
import { createWindowRegistry } from './electron/window-registry';
import { createLogger, isLogLevel, type Logger } from './log/logger';
import { startEmbeddedCentral } from './services/embedded-central';
import {
  createConsoleServices,
  type ConsoleServices,
} from './services/console-services';

// Tests and demos run against a throwaway folder; it must be set before the
// single-instance lock, which lives in the user-data folder.
const dataDirOverride = process.env.STREETDESK_DATA_DIR;
if (dataDirOverride !== undefined && dataDirOverride !== '') {
  const dataDir = resolve(dataDirOverride);
  mkdirSync(dataDir, { recursive: true });
  app.setPath('userData', dataDir);
}

// A packaged app never loads a URL from its environment.
const devServerUrl = app.isPackaged ? undefined : localDevServerUrl();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerAppScheme();
  const logger = createLogger({
    file: join(app.getPath('userData'), 'logs', 'streetdesk.log'),
    level: logLevel(),
    component: 'main',
    console: !app.isPackaged,
  });
  app
    .whenReady()
    .then(() => start(logger))
    .catch((error: unknown) => failToStart(error, logger));
}

async function start(logger: Logger): Promise<void> {
  const userData = app.getPath('userData');
  logger.info('StreetDesk is starting', {
    version: app.getVersion(),
    electron: process.versions.electron,
    userData,
    dev: devServerUrl !== undefined,
  });

  const origins = appOrigins(devServerUrl);
  const openExternal = createExternalOpener({ logger: logger.child('links') });

  hardenEveryWebContents(app, {
    origins,
    openExternal,
    logger: logger.child('hardening'),
  });
  hardenSession(session.defaultSession, {
    origins,
    logger: logger.child('permissions'),
  });

  const resourcesDir = app.isPackaged
    ? process.resourcesPath
    : join(__dirname, '../../resources');
  // The chosen basemap's tiles are served once the services are up.
  let basemap: BasemapService | null = null;
  handleAppProtocol(
    {
      rendererDir: join(__dirname, '../renderer'),
      basemapDir: join(resourcesDir, 'basemap'),
      basemap: () => basemap,
    },
    logger.child('protocol'),
  );

  // The city's server when one is named; otherwise the demo's own.
  const centralUrl = process.env.STREETDESK_CENTRAL_URL;
  const embedded = centralUrl
    ? null
    : await startEmbeddedCentral({
        dataDir: userData,
        resourcesDir,
        logger,
        replaySpeed: replaySpeed(),
      });

  const updates = await createAppUpdates({
    isPackaged: app.isPackaged,
    version: app.getVersion(),
    userData,
    resourcesPath: process.resourcesPath,
    argv: process.argv,
    env: process.env,
    logger: logger.child('updates'),
    loadAutoUpdater: async () => (await import('electron-updater')).autoUpdater,
  });

  const services = await createConsoleServices({
    dataDir: userData,
    resourcesDir,
    mode: 'electron',
    logger,
    version: app.getVersion(),
    openExternal,
    secretStore: createSafeSecretStore(
      join(userData, 'central-token.sealed'),
      logger.child('secrets'),
    ),
    central: embedded
      ? { url: embedded.url, signIn: embedded.signIn }
      : { url: centralUrl ?? '' },
    updates,
  });

  basemap = services.basemap;

  const registry = createWindowRegistry();
  registerIpc(ipcMain, services.handlers, {
    logger: logger.child('ipc'),
    origins,
    registry,
  });
  const stopEvents = forwardEvents(
    services.events,
    registry,
    logger.child('events'),
  );
  const stopAlerts = showSlaAlerts(
    services.events,
    createNotifier(logger.child('notifications')),
  );
  const stopForwarding = () => {
    stopEvents();
    stopAlerts();
  };

  installAppMenu({
    isDevelopment: devServerUrl !== undefined,
    platform: process.platform,
    openExternal,
  });

  const openWindow = () =>
    createMainWindow({
      preloadPath: join(__dirname, '../preload/index.cjs'),
      registry,
      logger: logger.child('window'),
      devServerUrl,
    });
  openWindow();

  app.on('second-instance', () => {
    const [window] = registry.all();
    if (window === undefined) return void openWindow();
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('activate', () => {
    if (registry.all().length === 0) openWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => {
    shutDown(services, stopForwarding, logger);
    void embedded?.close();
  });
}

function shutDown(
  services: ConsoleServices,
  stopForwarding: () => void,
  logger: Logger,
): void {
  stopForwarding();
  try {
    services.close();
    logger.info('StreetDesk stopped');
  } catch (error) {
    logger.error('the services did not close cleanly', { error });
  }
}

function failToStart(error: unknown, logger: Logger): void {
  const reason = error instanceof Error ? error.message : String(error);
  logger.error('StreetDesk could not start', { error });
  dialog.showErrorBox(
    'StreetDesk could not start',
    `${reason}\n\nThe log in ${join(app.getPath('userData'), 'logs')} ` +
      'has the details. Fix the cause (disk space, folder rights, a damaged ' +
      'database) and start StreetDesk again.',
  );
  app.exit(1);
}

/** STREETDESK_REPLAY_SPEED: the demo's 2015 replay speed; 0 turns it off. */
function replaySpeed(): number | null {
  const speed = Number(process.env.STREETDESK_REPLAY_SPEED ?? '1');
  return Number.isFinite(speed) && speed > 0 ? speed : null;
}

function logLevel() {
  const wanted = process.env.STREETDESK_LOG_LEVEL;
  if (isLogLevel(wanted)) return wanted;
  return app.isPackaged ? 'info' : 'debug';
}

/** electron-vite's dev server, accepted only on the loopback interface. */
function localDevServerUrl(): string | undefined {
  const url = process.env.ELECTRON_RENDERER_URL;
  if (url === undefined) return undefined;
  try {
    const { protocol, hostname } = new URL(url);
    const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(hostname);
    return protocol === 'http:' && loopback ? url : undefined;
  } catch {
    return undefined;
  }
}
