import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';

import {
  startBrowserServer,
  type BrowserServer,
} from '../../../src/main/browser-mode/browser-server';
import { createBasemapService } from '../../../src/main/basemap/basemap-service';
import { createLogger } from '../../../src/main/log/logger';
import { createEventHub } from '../../../src/main/services/event-hub';
import type { BasemapSource } from '../../../src/shared/console-preferences';
import { contentSecurityPolicy } from '../../../src/shared/content-security-policy';
import type { ServiceHandlers } from '../../../src/shared/contract';
import { solidPng, writeMbtiles } from '../../support/tile-archives';
import { unexpectedHandlers } from '../../support/unexpected-methods';

const token = 'test-token-0123456789abcdef';
const events = createEventHub(() => undefined);
const calls: unknown[] = [];

const handlers: ServiceHandlers = {
  ...unexpectedHandlers(),
  getAppInfo: () => ({
    version: 't',
    mode: 'browser',
    openRequests: 2,
    demo: null,
  }),
  listQueue: (query) => {
    calls.push(query);
    return { total: 0, offset: query.offset, rows: [] };
  },
  getQueueFacets: () => ({
    types: [],
    neighborhoods: [],
    queues: [],
    departments: [],
    crews: [],
  }),
  getMapPoints: () => ({ ids: [], coords: [], requestedAt: [], slaDueAt: [] }),
  locateInQueue: () => ({ index: null }),
  getRequest: (id) => {
    if (id === 'boom') throw new Error('the store is closed');
    return null;
  },
  openExternal: () => ({ opened: false, reason: 'no' }),
};

let dir: string;
let server: BrowserServer;
let base: string;
let cookie: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sd-server-'));
  mkdirSync(join(dir, 'renderer'));
  mkdirSync(join(dir, 'basemap', 'glyphs', 'Noto Sans Regular'), {
    recursive: true,
  });
  writeFileSync(
    join(dir, 'renderer', 'index.html'),
    '<!doctype html><p>console</p>',
  );
  writeFileSync(
    join(dir, 'basemap', 'glyphs', 'Noto Sans Regular', '0-255.pbf'),
    'pbf',
  );
  writeFileSync(join(dir, 'secret.txt'), 'outside the served folders');

  server = await startBrowserServer({
    handlers,
    events,
    rendererDir: join(dir, 'renderer'),
    basemapDir: join(dir, 'basemap'),
    token,
    port: 0,
    logger: createLogger({ level: 'error' }),
  });
  base = `http://127.0.0.1:${server.port}`;
  cookie = `sd_token=${token}`;
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const call = (
  method: string,
  body: unknown,
  headers: Record<string, string> = {},
) =>
  fetch(`${base}/api/call/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('browser mode server', () => {
  it('listens on loopback and prints a URL carrying the token', () => {
    expect(server.url).toBe(`${base}/?token=${token}`);
  });

  it('refuses every request without the token', async () => {
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(401);
    expect(await page.text()).toMatch(/token/);

    const api = await fetch(`${base}/api/call/getAppInfo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(api.status).toBe(401);
  });

  it('refuses a wrong token, even one differing only at the end', async () => {
    const wrong = await fetch(`${base}/`, {
      headers: { cookie: `sd_token=${token}x` },
    });
    expect(wrong.status).toBe(401);

    const link = await fetch(`${base}/?token=${token.slice(0, -1)}X`, {
      redirect: 'manual',
    });
    expect(link.status).toBe(403);
  });

  it('trades the token in the link for an HttpOnly, same-site cookie', async () => {
    const res = await fetch(server.url, { redirect: 'manual' });

    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toContain(`sd_token=${token}`);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
  });

  it('serves the renderer with the strict CSP once authenticated', async () => {
    const res = await fetch(`${base}/`, { headers: { cookie } });

    expect(res.status).toBe(200);
    expect(await res.text()).toContain('console');
    expect(res.headers.get('content-security-policy')).toContain(
      "script-src 'self'",
    );
  });

  it('serves basemap files with encoded names and refuses traversal', async () => {
    const glyph = await fetch(
      `${base}/basemap/glyphs/Noto%20Sans%20Regular/0-255.pbf`,
      {
        headers: { cookie },
      },
    );
    expect(glyph.status).toBe(200);

    for (const path of [
      '/basemap/..%2fsecret.txt',
      '/%2e%2e/secret.txt',
      '/basemap/../secret.txt',
    ]) {
      const res = await fetch(`${base}${path}`, { headers: { cookie } });
      expect(res.status, path).toBe(404);
    }
  });

  it('refuses a Host header other than its own (DNS rebinding)', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: server.port,
          path: '/',
          headers: { host: 'evil.example:80', cookie },
        },
        (res) => resolve(res.statusCode ?? 0),
      );
      req.on('error', reject);
      req.end();
    });

    expect(status).toBe(421);
  });

  it('runs a contract call with a parsed argument', async () => {
    const query = {
      filter: { types: ['Pothole'] },
      sort: 'due',
      offset: 0,
      limit: 50,
    };
    const res = await call('listQueue', { arg: query });

    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      ok: true,
      result: { total: 0, offset: 0, rows: [] },
    });
    expect(calls.at(-1)).toEqual(query);
  });

  it.each([
    ['not JSON', '{"arg":', /not valid JSON/],
    ['an array body', '[1]', /JSON object/],
    [
      'extra keys',
      { arg: { filter: {}, sort: 'due', offset: 0, limit: 5, sql: 'drop' } },
      /sql|Unrecognized/i,
    ],
    [
      'a wrong type',
      { arg: { filter: {}, sort: 'due', offset: '0', limit: 5 } },
      /offset/,
    ],
    [
      'a huge limit',
      { arg: { filter: {}, sort: 'due', offset: 0, limit: 1e9 } },
      /limit/,
    ],
    [
      'a prototype key',
      '{"arg":{"__proto__":{"admin":true},"filter":{},"sort":"due","offset":0,"limit":5}}',
      /bad argument/,
    ],
  ])('answers 400 with the reason for %s', async (_name, body, reason) => {
    const res = await call('listQueue', body);
    const answer = (await res.json()) as { ok: boolean; error: string };

    expect(res.status).toBe(400);
    expect(answer.ok).toBe(false);
    expect(answer.error).toMatch(reason);
  });

  it('answers 404 for a method not in the contract', async () => {
    const res = await call('constructor', { arg: null });
    expect(res.status).toBe(404);
  });

  it('answers 500 with the reason when a service fails, and keeps serving', async () => {
    const res = await call('getRequest', { arg: 'boom' });
    expect(res.status).toBe(500);
    expect(((await res.json()) as { error: string }).error).toContain(
      'the store is closed',
    );

    const next = await call('getAppInfo', {});
    expect(next.status).toBe(200);
  });

  it('refuses calls from another origin and bodies that are not JSON', async () => {
    const foreign = await call(
      'getAppInfo',
      {},
      { origin: 'http://evil.example' },
    );
    expect(foreign.status).toBe(403);

    const form = await call('getAppInfo', 'arg=1', {
      'content-type': 'text/plain',
    });
    expect(form.status).toBe(415);
  });

  it('refuses a body over 1 MB without falling over', async () => {
    const res = await call('getAppInfo', 'x'.repeat(1_100_000));
    expect(res.status).toBe(413);
  });

  it('pushes contract events to authenticated sockets only', async () => {
    const url = `ws://127.0.0.1:${server.port}/api/events`;

    const refused = new WebSocket(url);
    await expect(
      new Promise((resolve, reject) => {
        refused.on('open', resolve);
        refused.on('error', reject);
      }),
    ).rejects.toThrow(/403/);

    const socket = new WebSocket(url, { headers: { cookie } });
    await new Promise((resolve) => socket.on('open', resolve));
    const received = new Promise<unknown>((resolve) =>
      socket.on('message', (data: Buffer) =>
        resolve(JSON.parse(data.toString())),
      ),
    );

    events.emit('requestsChanged', { reason: 'import', changed: 3 });

    expect(await received).toEqual({
      event: 'requestsChanged',
      payload: { reason: 'import', changed: 3 },
    });
    socket.close();
  });
});

describe('browser mode with a chosen basemap archive', () => {
  it('serves its tiles to the console only, and widens the CSP for a style host only', async () => {
    const archive = join(dir, 'city.mbtiles');
    const png = solidPng(0, 90, 200);
    writeMbtiles(archive, {
      metadata: { format: 'png' },
      tiles: [{ z: 2, x: 1, y: 2, data: png }],
    });
    let source: BasemapSource = { kind: 'mbtiles', path: archive };
    const basemap = createBasemapService({
      source: () => source,
      logger: createLogger({ level: 'error' }),
    });
    const tiled = await startBrowserServer({
      handlers,
      events,
      rendererDir: join(dir, 'renderer'),
      basemapDir: join(dir, 'basemap'),
      basemap,
      token,
      port: 0,
      logger: createLogger({ level: 'error' }),
    });
    const root = `http://127.0.0.1:${tiled.port}`;

    try {
      expect((await fetch(`${root}/basemap-tiles/2/1/2`)).status).toBe(401);
      const tile = await fetch(`${root}/basemap-tiles/2/1/2`, {
        headers: { cookie },
      });
      expect(tile.status).toBe(200);
      expect(tile.headers.get('content-type')).toBe('image/png');
      expect(Buffer.from(await tile.arrayBuffer()).equals(png)).toBe(true);
      const missing = await fetch(`${root}/basemap-tiles/2/0/0`, {
        headers: { cookie },
      });
      expect(missing.status).toBe(204);
      const bad = await fetch(`${root}/basemap-tiles/2/9/9`, {
        headers: { cookie },
      });
      expect(bad.status).toBe(400);

      const page = async () =>
        (await fetch(`${root}/`, { headers: { cookie } })).headers.get(
          'content-security-policy',
        );
      expect(await page()).toBe(contentSecurityPolicy());
      source = { kind: 'style-url', url: 'https://maps.city.example/s.json' };
      await basemap.changed();
      expect(await page()).toBe(
        contentSecurityPolicy(['https://maps.city.example']),
      );
    } finally {
      await tiled.close();
      await basemap.close();
    }
  });
});
