import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../../fakes/electron'));

import {
  contextBridge,
  ipcRenderer,
  resetFakeElectron,
} from '../../fakes/electron';
import {
  channelOf,
  eventNames,
  methodNames,
  type StreetDeskApi,
} from '../../../src/shared/contract';

let api: Record<string, unknown>;

beforeAll(async () => {
  resetFakeElectron();
  await import('../../../src/preload/index');
  expect([...contextBridge.exposed.keys()]).toEqual(['streetdesk']);
  api = contextBridge.exposed.get('streetdesk') as Record<string, unknown>;
});

describe('the preload', () => {
  it('exposes exactly the contract methods plus on, all functions', () => {
    expect(Object.keys(api).sort()).toEqual([...methodNames, 'on'].sort());
    for (const value of Object.values(api))
      expect(typeof value).toBe('function');
  });

  it('exposes nothing of ipcRenderer or Node', () => {
    const values = Object.values(api);
    expect(values).not.toContain(ipcRenderer);
    expect(values).not.toContain(Reflect.get(ipcRenderer, 'invoke'));
    for (const key of ['ipcRenderer', 'invoke', 'send', 'require', 'process']) {
      expect(api).not.toHaveProperty(key);
    }
  });

  it('bundles nothing that needs require() but electron (a sandbox rule)', () => {
    const read = (path: string) =>
      readFileSync(join(__dirname, '../../../src', path), 'utf8');
    const runtimeImports = (source: string) =>
      [...source.matchAll(/^import\s+(?!type\b)[^;]*?from\s+'([^']+)'/gms)].map(
        (match) => match[1],
      );

    // The preload may import electron and the dependency-free channel names;
    // those must import nothing at all, so the bundle stays one file.
    expect(runtimeImports(read('preload/index.ts'))).toEqual([
      'electron',
      '../shared/channels',
    ]);
    expect(runtimeImports(read('shared/channels.ts'))).toEqual([]);
  });

  it('uses the contract channel of every method', async () => {
    ipcRenderer.invoked.length = 0;
    for (const method of methodNames) {
      await (api[method] as (arg?: unknown) => Promise<unknown>)(undefined);
    }
    expect(ipcRenderer.invoked.map((call) => call.channel)).toEqual(
      methodNames.map((method) => channelOf(method)),
    );
  });

  it('sends each method on its own channel with the argument', async () => {
    ipcRenderer.invoked.length = 0;
    const typed = api as unknown as StreetDeskApi;
    const query = { filter: {}, sort: 'due' as const, offset: 0, limit: 10 };

    await typed.listQueue(query);
    await typed.getRequest('101000001');
    await typed.getAppInfo();

    expect(ipcRenderer.invoked).toEqual([
      { channel: channelOf('listQueue'), args: [query] },
      { channel: channelOf('getRequest'), args: ['101000001'] },
      { channel: channelOf('getAppInfo'), args: [undefined] },
    ]);
  });

  it('relays only the payload of a known event, until unsubscribed', () => {
    const typed = api as unknown as StreetDeskApi;
    const received: unknown[] = [];

    const off = typed.on('requestsChanged', (payload) =>
      received.push(payload),
    );
    const payload = { reason: 'sync', changed: 3 };
    ipcRenderer.emit(
      channelOf('requestsChanged'),
      { sender: 'secret' },
      payload,
    );
    off();
    ipcRenderer.emit(channelOf('requestsChanged'), {}, payload);

    expect(received).toEqual([payload]);
    expect(ipcRenderer.listenerCount(channelOf('requestsChanged'))).toBe(0);
  });

  it('accepts every event of the contract', () => {
    const typed = api as unknown as StreetDeskApi;
    for (const event of eventNames) {
      const off = typed.on(event, () => undefined);
      expect(ipcRenderer.listenerCount(channelOf(event))).toBe(1);
      off();
    }
  });

  it('refuses to subscribe to an event the contract does not have', () => {
    const on = api.on as (event: string, listener: () => void) => () => void;
    expect(() => on('ipc-internal', () => {})).toThrow(
      /no event called "ipc-internal"; use one of: requestsChanged/,
    );
    expect(ipcRenderer.listenerCount('streetdesk:ipc-internal')).toBe(0);
  });
});
