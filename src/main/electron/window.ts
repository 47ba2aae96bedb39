// The console's main window: hardened preferences, shown once painted,
// loading the app protocol (or the dev server while developing).
import { BrowserWindow } from 'electron';

import type { Logger } from '../log/logger';
import { APP_INDEX_URL } from './app-origin';
import type { WindowRegistry } from './window-registry';

export type MainWindowOptions = {
  preloadPath: string;
  registry: WindowRegistry;
  logger: Logger;
  /** electron-vite's ELECTRON_RENDERER_URL in development; absent when built. */
  devServerUrl?: string;
};

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const { logger } = options;

  const window = new BrowserWindow({
    title: 'StreetDesk',
    width: 1400,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    show: false,
    backgroundColor: '#ffffff',
    autoHideMenuBar: false,
    // Written out here, not built by a helper, so that Electronegativity
    // (npm run audit:electron) reads the literal values and fails the build
    // if one of them is ever weakened.
    webPreferences: {
      preload: options.preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      // A middle click would otherwise ask for a new window; the window
      // open handler denies it anyway, this stops it being asked.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  options.registry.add(window);

  window.once('ready-to-show', () => window.show());
  window.webContents.on('render-process-gone', (_event, details) => {
    logger.error('the window renderer process ended', {
      reason: details.reason,
      exitCode: details.exitCode,
    });
  });

  const url = options.devServerUrl ?? APP_INDEX_URL;
  window.loadURL(url).catch((error: unknown) => {
    logger.error('the window could not load the console', { url, error });
  });

  return window;
}
