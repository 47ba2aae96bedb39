// A small stand-in for the `electron` module: just what StreetDesk's thin
// Electron layer uses, recording every call so tests can assert on it.
// Use with: vi.mock('electron', () => import('../../fakes/electron')).
import { EventEmitter } from 'node:events';

type Listener = (...args: unknown[]) => unknown;

export type FakeEvent = {
  defaultPrevented: boolean;
  preventDefault(): void;
  url: string;
};

export function fakeEvent(url = ''): FakeEvent {
  const event = {
    defaultPrevented: false,
    url,
    preventDefault() {
      event.defaultPrevented = true;
    },
  };
  return event;
}

let nextWebContentsId = 1;

export class WebContents extends EventEmitter {
  readonly id = nextWebContentsId++;
  windowOpenHandler: ((details: { url: string }) => unknown) | null = null;
  readonly sent: { channel: string; payload: unknown }[] = [];

  setWindowOpenHandler(handler: (details: { url: string }) => unknown) {
    this.windowOpenHandler = handler;
  }

  send(channel: string, payload: unknown) {
    this.sent.push({ channel, payload });
  }
}

export class BrowserWindow extends EventEmitter {
  static created: BrowserWindow[] = [];

  readonly webContents = new WebContents();
  loadedUrl: string | null = null;
  shown = false;
  private destroyed = false;

  constructor(readonly options: Record<string, unknown>) {
    super();
    BrowserWindow.created.push(this);
    app.emit('web-contents-created', fakeEvent(), this.webContents);
  }

  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    return Promise.resolve();
  }

  show() {
    this.shown = true;
  }

  isDestroyed() {
    return this.destroyed;
  }

  isMinimized() {
    return false;
  }

  restore() {}

  focus() {}

  close() {
    this.destroyed = true;
    this.emit('closed');
  }
}

class FakeApp extends EventEmitter {
  isPackaged = false;
  hasLock = true;
  quitCalls = 0;
  exitCode: number | null = null;
  requestSingleInstanceLock() {
    return this.hasLock;
  }
  whenReady() {
    return Promise.resolve();
  }
  quit() {
    this.quitCalls += 1;
  }
  exit(code = 0) {
    this.exitCode = code;
  }
  paths: Record<string, string> = { userData: '/tmp/streetdesk-fake' };
  getPath(name: string) {
    return this.paths[name] ?? `/tmp/fake-${name}`;
  }
  setPath(name: string, value: string) {
    this.paths[name] = value;
  }
  getVersion() {
    return '0.0.0-test';
  }
}

export const app = new FakeApp();

export const ipcMain = {
  handlers: new Map<string, Listener>(),
  handle(channel: string, handler: Listener) {
    if (this.handlers.has(channel)) {
      throw new Error(
        `Attempted to register a second handler for '${channel}'`,
      );
    }
    this.handlers.set(channel, handler);
  },
  removeHandler(channel: string) {
    this.handlers.delete(channel);
  },
  /** What ipcRenderer.invoke would trigger, with a hand-made event. */
  invoke(
    channel: string,
    event: unknown,
    ...args: unknown[]
  ): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (handler === undefined) {
      return Promise.reject(new Error(`No handler for ${channel}`));
    }
    // Like Electron: a throwing handler becomes a rejected invoke.
    return Promise.resolve().then(() => handler(event, ...args));
  },
};

class FakeIpcRenderer extends EventEmitter {
  readonly invoked: { channel: string; args: unknown[] }[] = [];
  invoke(channel: string, ...args: unknown[]) {
    this.invoked.push({ channel, args });
    return Promise.resolve({ channel, args });
  }
}

export const ipcRenderer = new FakeIpcRenderer();

export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld(key: string, api: unknown) {
    this.exposed.set(key, api);
  },
};

export const protocol = {
  privileged: [] as unknown[],
  handlers: new Map<string, (request: Request) => Promise<Response>>(),
  registerSchemesAsPrivileged(schemes: unknown[]) {
    this.privileged.push(...schemes);
  },
  handle(scheme: string, handler: (request: Request) => Promise<Response>) {
    this.handlers.set(scheme, handler);
  },
};

export const session = {
  defaultSession: {
    permissionRequestHandler: null as Listener | null,
    permissionCheckHandler: null as Listener | null,
    setPermissionRequestHandler(handler: Listener) {
      this.permissionRequestHandler = handler;
    },
    setPermissionCheckHandler(handler: Listener) {
      this.permissionCheckHandler = handler;
    },
  },
};

export const shell = {
  opened: [] as string[],
  openExternal(url: string) {
    this.opened.push(url);
    return Promise.resolve();
  },
};

export const Menu = {
  applied: null as { template: unknown[] } | null,
  buildFromTemplate(template: unknown[]) {
    return { template };
  },
  setApplicationMenu(menu: { template: unknown[] } | null) {
    this.applied = menu;
  },
};

export class Notification {
  static supported = true;
  static shown: { title: string; body: string }[] = [];
  static isSupported() {
    return Notification.supported;
  }
  constructor(readonly options: { title: string; body: string }) {}
  show() {
    Notification.shown.push(this.options);
  }
}

export const dialog = {
  errors: [] as { title: string; content: string }[],
  showErrorBox(title: string, content: string) {
    this.errors.push({ title, content });
  },
};

/** Reversible but not plain text, so a test can tell it was used. */
export const safeStorage = {
  available: true,
  backend: 'gnome_libsecret',
  isEncryptionAvailable() {
    return this.available;
  },
  getSelectedStorageBackend() {
    return this.backend;
  },
  encryptString(text: string) {
    return Buffer.from(`sealed:${Buffer.from(text).toString('base64')}`);
  },
  decryptString(data: Buffer) {
    const text = data.toString();
    if (!text.startsWith('sealed:'))
      throw new Error('Error while decrypting the ciphertext');
    return Buffer.from(text.slice('sealed:'.length), 'base64').toString();
  },
};

/** Puts every recorder back to empty; call in beforeEach. */
export function resetFakeElectron(): void {
  app.removeAllListeners();
  app.isPackaged = false;
  app.hasLock = true;
  app.quitCalls = 0;
  app.exitCode = null;
  app.paths = { userData: '/tmp/streetdesk-fake' };
  BrowserWindow.created = [];
  ipcMain.handlers.clear();
  ipcRenderer.removeAllListeners();
  ipcRenderer.invoked.length = 0;
  contextBridge.exposed.clear();
  protocol.privileged.length = 0;
  protocol.handlers.clear();
  session.defaultSession.permissionRequestHandler = null;
  session.defaultSession.permissionCheckHandler = null;
  shell.opened.length = 0;
  Menu.applied = null;
  Notification.supported = true;
  Notification.shown = [];
  dialog.errors.length = 0;
  safeStorage.available = true;
  safeStorage.backend = 'gnome_libsecret';
}
