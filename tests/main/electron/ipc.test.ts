import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../../fakes/electron'));

import {
  BrowserWindow,
  ipcMain,
  resetFakeElectron,
  WebContents,
} from '../../fakes/electron';
import { forwardEvents, registerIpc } from '../../../src/main/electron/ipc';
import { createWindowRegistry } from '../../../src/main/electron/window-registry';
import {
  channelOf,
  methodNames,
  type EventName,
  type EventPayloads,
  type ServiceHandlers,
} from '../../../src/shared/contract';
import { recordingLogger } from './recording-logger';
import { unexpectedHandlers } from '../../support/unexpected-methods';

type Electron = typeof import('electron');

const goodQuery = {
  filter: { types: ['Street Light Outages'] },
  sort: 'due',
  offset: 0,
  limit: 50,
};

function fakeHandlers() {
  const calls: { method: string; arg: unknown }[] = [];
  const record =
    <T>(method: string, result: T) =>
    (arg: unknown) => {
      calls.push({ method, arg });
      return result;
    };

  const handlers: ServiceHandlers = {
    ...unexpectedHandlers(),
    getAppInfo: record('getAppInfo', {
      version: '1',
      mode: 'electron' as const,
      openRequests: 3,
      demo: null,
    }),
    listQueue: record('listQueue', { total: 0, offset: 0, rows: [] }),
    getQueueFacets: record('getQueueFacets', {
      types: [],
      neighborhoods: [],
      queues: [],
      departments: [],
      crews: [],
    }),
    getMapPoints: record('getMapPoints', {
      ids: [],
      coords: [],
      requestedAt: [],
      slaDueAt: [],
    }),
    locateInQueue: record('locateInQueue', { index: 4 }),
    getRequest: () => {
      throw new Error('database is locked');
    },
    openExternal: async () => {
      await Promise.resolve();
      throw new TypeError('boom');
    },
  };
  return { handlers, calls };
}

function setUp() {
  const logger = recordingLogger();
  const registry = createWindowRegistry();
  const window = new BrowserWindow({});
  registry.add(window as unknown as Electron['BrowserWindow']['prototype']);
  const { handlers, calls } = fakeHandlers();
  const unregister = registerIpc(
    ipcMain as unknown as Electron['ipcMain'],
    handlers,
    { logger, origins: ['app://streetdesk'], registry },
  );

  const eventFrom = (
    url = 'app://streetdesk/index.html',
    sender: WebContents = window.webContents,
    parent: unknown = null,
  ) => ({ sender, senderFrame: { url, parent } });

  return { logger, registry, window, calls, unregister, eventFrom };
}

const call = (method: string, event: unknown, ...args: unknown[]) =>
  ipcMain.invoke(channelOf(method), event, ...args);

beforeEach(() => resetFakeElectron());

describe('registerIpc', () => {
  it('registers one channel per contract method and can remove them', () => {
    const { unregister } = setUp();
    expect([...ipcMain.handlers.keys()].sort()).toEqual(
      methodNames.map((method) => channelOf(method)).sort(),
    );
    unregister();
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('passes a good call to the handler with the parsed argument', async () => {
    const { calls, eventFrom } = setUp();

    await expect(call('listQueue', eventFrom(), goodQuery)).resolves.toEqual({
      total: 0,
      offset: 0,
      rows: [],
    });
    await expect(call('getAppInfo', eventFrom())).resolves.toMatchObject({
      openRequests: 3,
    });
    expect(calls).toEqual([
      { method: 'listQueue', arg: goodQuery },
      { method: 'getAppInfo', arg: undefined },
    ]);
  });

  describe('refuses the sender', () => {
    it('from a foreign origin', async () => {
      const { calls, eventFrom, logger } = setUp();
      await expect(
        call('getAppInfo', eventFrom('https://evil.example/')),
      ).rejects.toThrow(
        /getAppInfo was refused: pages from https:\/\/evil.example/,
      );
      expect(calls).toEqual([]);
      expect(logger.lines.at(-1)).toMatchObject({
        level: 'warn',
        message: 'refused an IPC call',
      });
    });

    it('from a look-alike app origin', async () => {
      const { eventFrom } = setUp();
      await expect(
        call('getAppInfo', eventFrom('app://streetdesk.evil/index.html')),
      ).rejects.toThrow(/refused/);
    });

    it('from a frame that is gone', async () => {
      const { window } = setUp();
      await expect(
        call('getAppInfo', { sender: window.webContents, senderFrame: null }),
      ).rejects.toThrow(/navigated away or closed/);
    });

    it('from a subframe, even of our origin', async () => {
      const { eventFrom } = setUp();
      await expect(
        call('getAppInfo', eventFrom(undefined, undefined, { url: 'x' })),
      ).rejects.toThrow(/only the top frame/);
    });

    it('from a webContents that is not one of our windows', async () => {
      const { eventFrom } = setUp();
      const stranger = new WebContents();
      await expect(
        call('getAppInfo', eventFrom(undefined, stranger)),
      ).rejects.toThrow(/not a window StreetDesk opened/);
    });

    it('from a window that has been closed', async () => {
      const { eventFrom, window } = setUp();
      window.close();
      await expect(call('getAppInfo', eventFrom())).rejects.toThrow(
        /not a window StreetDesk opened/,
      );
    });
  });

  describe('rejects hostile payloads with a clear message', () => {
    const polluted = JSON.parse(
      '{"filter":{},"sort":"due","offset":0,"limit":5,"__proto__":{"admin":true}}',
    ) as unknown;

    it.each([
      ['a string for an object', 'listQueue', 'everything', /expected object/],
      ['null', 'listQueue', null, /expected object/],
      ['a wrong type', 'listQueue', { ...goodQuery, limit: '50' }, /limit/],
      ['an extra key', 'listQueue', { ...goodQuery, sql: 'DROP TABLE' }, /sql/],
      ['a __proto__ key', 'listQueue', polluted, /__proto__/],
      ['a huge limit', 'listQueue', { ...goodQuery, limit: 1e9 }, /limit/],
      [
        'a negative offset',
        'listQueue',
        { ...goodQuery, offset: -1 },
        /offset/,
      ],
      [
        'a huge array',
        'getMapPoints',
        { types: Array.from({ length: 10_000 }, () => 'x') },
        /types/,
      ],
      ['a huge string', 'getRequest', 'x'.repeat(1_000_000), /request id/],
      ['a function', 'getRequest', () => 'x', /expected string/],
      ['an id with a path', 'getRequest', '../../etc', /request id/],
      ['an argument where none is taken', 'getAppInfo', { a: 1 }, /argument/],
      [
        'a constructor key',
        'getMapPoints',
        { constructor: { prototype: { polluted: true } } },
        /constructor/,
      ],
    ])('%s', async (_label, method, arg, reason) => {
      const { calls, eventFrom } = setUp();

      const outcome = call(method, eventFrom(), arg);
      await expect(outcome).rejects.toThrow(
        new RegExp(`^${method} was called with a bad argument`),
      );
      await expect(outcome).rejects.toThrow(reason);
      expect(calls).toEqual([]);
      expect(({} as Record<string, unknown>).admin).toBeUndefined();
    });

    it('more than one argument', async () => {
      const { calls, eventFrom } = setUp();
      await expect(
        call('getRequest', eventFrom(), '101000001', 'extra'),
      ).rejects.toThrow(/at most one argument but was called with 2/);
      expect(calls).toEqual([]);
    });
  });

  it('turns a handler exception into a rejected call, not a crash', async () => {
    const { eventFrom, logger } = setUp();

    await expect(call('getRequest', eventFrom(), '101000001')).rejects.toThrow(
      'getRequest failed in the services (database is locked); see the StreetDesk log.',
    );
    await expect(
      call('openExternal', eventFrom(), { url: 'https://www.boston.gov/' }),
    ).rejects.toThrow(/openExternal failed in the services \(boom\)/);

    const errors = logger.lines.filter((line) => line.level === 'error');
    expect(errors.map((line) => line.context?.method)).toEqual([
      'getRequest',
      'openExternal',
    ]);

    // The channel still serves after a failure.
    await expect(
      call('locateInQueue', eventFrom(), {
        id: '101000001',
        filter: {},
        sort: 'age',
      }),
    ).resolves.toEqual({ index: 4 });
  });
});

describe('forwardEvents', () => {
  function eventHub() {
    const listeners = new Map<string, Set<(payload: unknown) => void>>();
    return {
      on<E extends EventName>(
        event: E,
        listener: (payload: EventPayloads[E]) => void,
      ) {
        const set = listeners.get(event) ?? new Set();
        set.add(listener as (payload: unknown) => void);
        listeners.set(event, set);
        return () => set.delete(listener as (payload: unknown) => void);
      },
      emit(event: EventName, payload: unknown) {
        for (const listener of listeners.get(event) ?? []) listener(payload);
      },
    };
  }

  it('sends every event to every live app window until unsubscribed', () => {
    const registry = createWindowRegistry();
    const first = new BrowserWindow({});
    const second = new BrowserWindow({});
    const closed = new BrowserWindow({});
    const outsider = new BrowserWindow({});
    for (const window of [first, second, closed]) {
      registry.add(window as unknown as Electron['BrowserWindow']['prototype']);
    }
    closed.close();

    const hub = eventHub();
    const stop = forwardEvents(hub, registry, recordingLogger());
    const payload = { reason: 'import', changed: 93963 };
    hub.emit('requestsChanged', payload);

    const expected = [{ channel: channelOf('requestsChanged'), payload }];
    expect(first.webContents.sent).toEqual(expected);
    expect(second.webContents.sent).toEqual(expected);
    expect(closed.webContents.sent).toEqual([]);
    expect(outsider.webContents.sent).toEqual([]);

    stop();
    hub.emit('requestsChanged', payload);
    expect(first.webContents.sent).toHaveLength(1);
  });
});
