import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../../fakes/electron'));

const services = vi.hoisted(() => ({
  options: [] as Record<string, unknown>[],
  closed: 0,
  fail: null as Error | null,
}));

vi.mock('../../../src/main/services/console-services', () => ({
  createConsoleServices: (options: Record<string, unknown>) => {
    services.options.push(options);
    if (services.fail !== null) return Promise.reject(services.fail);
    return Promise.resolve({
      handlers: {},
      events: { on: () => () => undefined },
      close: () => {
        services.closed += 1;
      },
    });
  },
}));

const embedded = vi.hoisted(() => ({
  started: [] as Record<string, unknown>[],
  closed: 0,
}));

vi.mock('../../../src/main/services/embedded-central', () => ({
  startEmbeddedCentral: (options: Record<string, unknown>) => {
    embedded.started.push(options);
    return Promise.resolve({
      url: 'http://127.0.0.1:8399',
      signIn: { username: 'dispatch', password: 'demo-secret' },
      close: () => {
        embedded.closed += 1;
        return Promise.resolve();
      },
    });
  },
}));

import { DEVELOPMENT_RUN_UPDATES } from '../../../src/main/electron/app-updates';
import { methodNames } from '../../../src/shared/contract';

type FakeElectron = typeof import('../../fakes/electron');

let dataDir: string;

/** Runs the entry once, against a fresh fake electron it returns. */
async function startEntry(
  prepare: (fake: FakeElectron) => void = () => undefined,
): Promise<FakeElectron> {
  vi.resetModules();
  // The mocked module, i.e. the very instance the entry will import.
  const fake = (await import('electron')) as unknown as FakeElectron;
  fake.resetFakeElectron();
  prepare(fake);

  await import('../../../src/main/index');
  // Let whenReady().then(start) and the awaited services settle.
  await new Promise((resolve) => setTimeout(resolve, 20));
  return fake;
}

beforeEach(() => {
  services.options.length = 0;
  services.closed = 0;
  services.fail = null;
  embedded.started.length = 0;
  embedded.closed = 0;
  dataDir = join(mkdtempSync(join(tmpdir(), 'streetdesk-entry-')), 'data');
  vi.stubEnv('STREETDESK_DATA_DIR', dataDir);
  vi.stubEnv('ELECTRON_RENDERER_URL', '');
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
});

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  rmSync(join(dataDir, '..'), { recursive: true, force: true });
});

describe('the Electron entry', () => {
  it('starts the embedded demo central API and signs the console in to it', async () => {
    await startEntry();

    expect(embedded.started[0]).toMatchObject({ dataDir, replaySpeed: 1 });
    expect(services.options[0]?.central).toEqual({
      url: 'http://127.0.0.1:8399',
      signIn: { username: 'dispatch', password: 'demo-secret' },
    });
  });

  it("syncs with the city's server instead when STREETDESK_CENTRAL_URL names one", async () => {
    vi.stubEnv('STREETDESK_CENTRAL_URL', 'https://311.city.example');
    vi.stubEnv('STREETDESK_REPLAY_SPEED', '0');

    await startEntry();

    expect(embedded.started).toEqual([]);
    expect(services.options[0]?.central).toEqual({
      url: 'https://311.city.example',
    });
  });

  it('hands the services an updater that stays off in a development run', async () => {
    await startEntry();

    const updates = services.options[0]?.updates as {
      state(): unknown;
      restart(version: string): { restarting: boolean };
    };
    expect(updates.state()).toMatchObject({
      status: 'unavailable',
      message: DEVELOPMENT_RUN_UPDATES,
    });
    expect(updates.restart('9.9.9').restarting).toBe(false);
  });

  it('wires services, protocol, hardening, IPC, menu and a window', async () => {
    const { app, BrowserWindow, ipcMain, Menu, protocol, session } =
      await startEntry();

    expect(app.getPath('userData')).toBe(dataDir);
    expect(services.options[0]).toMatchObject({
      dataDir,
      mode: 'electron',
      version: '0.0.0-test',
    });
    expect(services.options[0]?.openExternal).toBeTypeOf('function');
    expect(protocol.privileged).toHaveLength(1);
    expect(protocol.handlers.has('app')).toBe(true);
    expect(session.defaultSession.permissionRequestHandler).not.toBeNull();
    expect(ipcMain.handlers.size).toBe(methodNames.length);
    expect(Menu.applied).not.toBeNull();

    expect(BrowserWindow.created).toHaveLength(1);
    const window = BrowserWindow.created[0];
    expect(window?.loadedUrl).toBe('app://streetdesk/index.html');
    // Every webContents is hardened as it is created.
    expect(window?.webContents.windowOpenHandler).not.toBeNull();

    expect(existsSync(join(dataDir, 'logs', 'streetdesk.log'))).toBe(true);
  });

  it('quits when the windows close and closes the services on quit', async () => {
    const { app } = await startEntry();

    app.emit('window-all-closed');
    expect(app.quitCalls).toBe(process.platform === 'darwin' ? 0 : 1);
    app.emit('will-quit');
    expect(services.closed).toBe(1);
    expect(embedded.closed).toBe(1);
  });

  it('quits at once when another instance holds the lock', async () => {
    const { app, BrowserWindow } = await startEntry((fake) => {
      fake.app.hasLock = false;
    });

    expect(app.quitCalls).toBe(1);
    expect(services.options).toEqual([]);
    expect(BrowserWindow.created).toEqual([]);
  });

  it('shows what went wrong and exits when the services fail', async () => {
    services.fail = new Error('the database file is damaged');
    const { app, BrowserWindow, dialog } = await startEntry();

    expect(dialog.errors[0]?.content).toMatch(/the database file is damaged/);
    expect(app.exitCode).toBe(1);
    expect(BrowserWindow.created).toEqual([]);
  });
});
