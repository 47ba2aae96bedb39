import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../../fakes/electron'));

import {
  app,
  BrowserWindow,
  fakeEvent,
  resetFakeElectron,
  session,
  shell,
} from '../../fakes/electron';
import {
  APP_INDEX_URL,
  appOrigins,
} from '../../../src/main/electron/app-origin';
import { createExternalOpener } from '../../../src/main/electron/external-links';
import {
  hardenEveryWebContents,
  hardenSession,
} from '../../../src/main/electron/hardening';
import { createMainWindow } from '../../../src/main/electron/window';
import { createWindowRegistry } from '../../../src/main/electron/window-registry';
import { recordingLogger } from './recording-logger';

type Electron = typeof import('electron');

const origins = appOrigins(undefined);

function openHardenedWindow(devServerUrl?: string) {
  const logger = recordingLogger();
  const openExternal = createExternalOpener({ logger });
  hardenEveryWebContents(app as unknown as Electron['app'], {
    origins: appOrigins(devServerUrl),
    openExternal,
    logger,
  });
  const window = createMainWindow({
    preloadPath: '/built/preload/index.cjs',
    registry: createWindowRegistry(),
    logger,
    devServerUrl,
  }) as unknown as BrowserWindow;
  return { window, logger };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(() => resetFakeElectron());

describe('the main window', () => {
  it('is created with secure webPreferences', () => {
    const { window } = openHardenedWindow();
    const prefs = window.options.webPreferences as Record<string, unknown>;

    expect(prefs.sandbox).toBe(true);
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.navigateOnDragDrop).toBe(false);
    expect(prefs.spellcheck).toBe(false);
    expect(prefs.safeDialogs).toBe(true);
    expect(prefs.disableBlinkFeatures).toBe('Auxclick');
    expect(prefs.preload).toBe('/built/preload/index.cjs');
  });

  it('loads the app protocol, and shows only once ready', () => {
    const { window } = openHardenedWindow();

    expect(window.loadedUrl).toBe(APP_INDEX_URL);
    expect(window.options).toMatchObject({ show: false, title: 'StreetDesk' });
    expect(window.options.minWidth).toBeGreaterThanOrEqual(800);
    expect(window.shown).toBe(false);
    window.emit('ready-to-show');
    expect(window.shown).toBe(true);
  });

  it('loads the dev server when one is given', () => {
    const { window } = openHardenedWindow('http://localhost:5173/');
    expect(window.loadedUrl).toBe('http://localhost:5173/');
  });
});

describe('navigation', () => {
  it.each(['will-navigate', 'will-redirect', 'will-frame-navigate'])(
    '%s to another origin is prevented, same origin allowed',
    (eventName) => {
      const { window, logger } = openHardenedWindow();

      const foreign = fakeEvent('https://evil.example/phish');
      window.webContents.emit(eventName, foreign);
      expect(foreign.defaultPrevented).toBe(true);

      const lookalike = fakeEvent('app://streetdesk.evil/index.html');
      window.webContents.emit(eventName, lookalike);
      expect(lookalike.defaultPrevented).toBe(true);

      const own = fakeEvent('app://streetdesk/index.html#/queue');
      window.webContents.emit(eventName, own);
      expect(own.defaultPrevented).toBe(false);

      expect(logger.lines.filter((l) => l.level === 'warn')).toHaveLength(2);
    },
  );

  it('allows the dev server origin only when developing', () => {
    const dev = openHardenedWindow('http://localhost:5173/');
    const toDev = fakeEvent('http://localhost:5173/index.html');
    dev.window.webContents.emit('will-navigate', toDev);
    expect(toDev.defaultPrevented).toBe(false);

    resetFakeElectron();
    const built = openHardenedWindow();
    const toDevWhenBuilt = fakeEvent('http://localhost:5173/index.html');
    built.window.webContents.emit('will-navigate', toDevWhenBuilt);
    expect(toDevWhenBuilt.defaultPrevented).toBe(true);
  });

  it('prevents a <webview> from attaching', () => {
    const { window } = openHardenedWindow();
    const event = fakeEvent();
    window.webContents.emit('will-attach-webview', event, {}, {});
    expect(event.defaultPrevented).toBe(true);
  });
});

describe('new windows', () => {
  it('are always denied; an allowed https link goes to the OS browser', async () => {
    const { window } = openHardenedWindow();
    const handler = window.webContents.windowOpenHandler;
    expect(handler).not.toBeNull();

    const result = handler?.({ url: 'https://www.boston.gov/311' });
    await flush();

    expect(result).toEqual({ action: 'deny' });
    expect(shell.opened).toEqual(['https://www.boston.gov/311']);
  });

  it.each([
    'javascript:alert(document.cookie)',
    'https://boston.gov.evil.com/',
    'https://xn--bston-3ve.gov/',
    'https://user:pw@www.boston.gov/',
    'file:///etc/passwd',
    'app://streetdesk/index.html',
    'http://www.boston.gov/',
    'data:text/html,<script>alert(1)</script>',
    'ms-settings:privacy',
    'streetdesk://open?x=1',
    'mailto:someone@evil.example',
    'about:blank',
    '',
  ])('are denied and %s is not opened', async (url) => {
    const { window } = openHardenedWindow();

    const result = window.webContents.windowOpenHandler?.({ url });
    await flush();

    expect(result).toEqual({ action: 'deny' });
    expect(shell.opened).toEqual([]);
  });
});

describe('permissions', () => {
  function hardenedSession() {
    const logger = recordingLogger();
    hardenSession(
      session.defaultSession as unknown as Electron['session']['defaultSession'],
      {
        origins,
        logger,
      },
    );
    const request = session.defaultSession.permissionRequestHandler;
    const check = session.defaultSession.permissionCheckHandler;
    if (request === null || check === null) throw new Error('not installed');
    return { request, check, logger };
  }

  const ask = (
    request: (...args: unknown[]) => unknown,
    permission: string,
    requestingUrl: string,
  ) => {
    let granted: boolean | undefined;
    request({}, permission, (answer: boolean) => (granted = answer), {
      requestingUrl,
    });
    return granted;
  };

  it.each([
    'media',
    'geolocation',
    'openExternal',
    'hid',
    'usb',
    'serial',
    'unknown',
    'clipboard-read',
    'display-capture',
    'fullscreen',
    'pointerLock',
    'midi',
    'midiSysex',
    'idle-detection',
    'storage-access',
    'window-management',
    'mediaKeySystem',
  ])('denies %s even to the app', (permission) => {
    const { request, check } = hardenedSession();
    expect(ask(request, permission, 'app://streetdesk/index.html')).toBe(false);
    expect(check(null, permission, 'app://streetdesk', {})).toBe(false);
  });

  it('grants notifications to the app origin only', () => {
    const { request, check, logger } = hardenedSession();

    expect(ask(request, 'notifications', 'app://streetdesk/index.html')).toBe(
      true,
    );
    expect(ask(request, 'notifications', 'https://evil.example/')).toBe(false);
    expect(check(null, 'notifications', 'app://streetdesk', {})).toBe(true);
    expect(check(null, 'notifications', 'https://evil.example', {})).toBe(
      false,
    );
    expect(logger.lines.some((l) => l.message.includes('denied'))).toBe(true);
  });

  it.each([
    'https://evil.example/',
    'app://streetdesk.evil/index.html',
    'http://localhost:5173/',
    'file:///tmp/page.html',
    '',
    'not a url',
  ])(
    'grants even the allowed permissions to no page from %s',
    (requestingUrl) => {
      const { request, check } = hardenedSession();
      for (const permission of ['notifications', 'clipboard-sanitized-write']) {
        expect(ask(request, permission, requestingUrl)).toBe(false);
        expect(check(null, permission, requestingUrl, {})).toBe(false);
      }
    },
  );
});
