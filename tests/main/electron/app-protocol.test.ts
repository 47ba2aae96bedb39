import {
  mkdirSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../../fakes/electron'));

import { protocol, resetFakeElectron } from '../../fakes/electron';
import {
  createAppRequestHandler,
  handleAppProtocol,
  registerAppScheme,
} from '../../../src/main/electron/app-protocol';
import { contentSecurityPolicy } from '../../../src/shared/content-security-policy';
import { recordingLogger } from './recording-logger';

let base: string;
let serve: (url: string, method?: string) => Promise<Response>;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'streetdesk-protocol-'));
  const rendererDir = join(base, 'renderer');
  const basemapDir = join(base, 'basemap');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  mkdirSync(join(basemapDir, 'glyphs', 'Noto Sans Regular'), {
    recursive: true,
  });
  writeFileSync(
    join(rendererDir, 'index.html'),
    '<!doctype html><div id=root>',
  );
  writeFileSync(join(rendererDir, 'assets', 'index.js'), 'console.log(1)');
  writeFileSync(
    join(basemapDir, 'streets.geojson'),
    '{"type":"FeatureCollection"}',
  );
  writeFileSync(
    join(basemapDir, 'glyphs', 'Noto Sans Regular', '0-255.pbf'),
    'pbf',
  );
  writeFileSync(join(base, 'secret.txt'), 'do not serve');
  writeFileSync(join(rendererDir, '.env'), 'do not serve');
  symlinkSync(join(base, 'secret.txt'), join(rendererDir, 'linked.txt'));

  resetFakeElectron();
  handleAppProtocol({ rendererDir, basemapDir }, recordingLogger());
  const handler = protocol.handlers.get('app');
  if (handler === undefined) throw new Error('app: was not handled');
  serve = (url, method = 'GET') => handler(new Request(url, { method }));
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('the app: protocol', () => {
  it('registers app as a standard, secure, fetchable, streaming scheme', () => {
    registerAppScheme();
    expect(protocol.privileged).toContainEqual({
      scheme: 'app',
      privileges: expect.objectContaining({
        standard: true,
        secure: true,
        supportFetchAPI: true,
        stream: true,
      }) as unknown,
    });
  });

  it('serves the renderer with its MIME type and the CSP header', async () => {
    const response = await serve('app://streetdesk/index.html');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('<!doctype html><div id=root>');
    expect(response.headers.get('content-type')).toBe(
      'text/html; charset=utf-8',
    );
    expect(response.headers.get('content-security-policy')).toBe(
      contentSecurityPolicy(),
    );

    const script = await serve('app://streetdesk/assets/index.js');
    expect(script.headers.get('content-type')).toBe(
      'text/javascript; charset=utf-8',
    );
  });

  it('serves index.html for the bare origin', async () => {
    const response = await serve('app://streetdesk/');
    expect(await response.text()).toContain('id=root');
  });

  it('serves the basemap from its own folder', async () => {
    const streets = await serve('app://streetdesk/basemap/streets.geojson');
    expect(streets.status).toBe(200);
    expect(streets.headers.get('content-type')).toBe('application/geo+json');
    expect(await streets.text()).toContain('FeatureCollection');

    const glyphs = await serve(
      'app://streetdesk/basemap/glyphs/Noto%20Sans%20Regular/0-255.pbf',
    );
    expect(glyphs.status).toBe(200);
    expect(glyphs.headers.get('content-type')).toBe('application/x-protobuf');
  });

  it.each([
    'app://streetdesk/%2e%2e/secret.txt',
    'app://streetdesk/..%2fsecret.txt',
    'app://streetdesk/basemap/..%2f..%2fsecret.txt',
    'app://streetdesk/basemap/%2e%2e/renderer/index.html',
    'app://streetdesk/..%5csecret.txt',
    'app://streetdesk/index.html%00.js',
    'app://streetdesk/missing.js',
    'app://other-host/index.html',
    // Dot segments, plain and encoded every which way.
    'app://streetdesk/../secret.txt',
    'app://streetdesk/basemap/../../secret.txt',
    'app://streetdesk/assets/%2E%2E/%2E%2E/secret.txt',
    'app://streetdesk/%2e%2e%2fsecret.txt',
    'app://streetdesk/%252e%252e/secret.txt',
    'app://streetdesk/.%2e/secret.txt',
    // Absolute paths, and drive letters.
    'app://streetdesk//etc/passwd',
    'app://streetdesk/%2fetc%2fpasswd',
    `app://streetdesk/${encodeURIComponent(base)}/secret.txt`,
    'app://streetdesk/C:%5cWindows%5cwin.ini',
    'app://streetdesk/C:/Windows/win.ini',
    // Backslashes, raw and encoded.
    'app://streetdesk/..\\secret.txt',
    'app://streetdesk/assets\\..\\..\\secret.txt',
    'app://streetdesk/%5c..%5csecret.txt',
    // Dot-files, and a link inside the folder to a file outside it.
    'app://streetdesk/.env',
    'app://streetdesk/linked.txt',
  ])('refuses %s with a 404 that still carries the CSP', async (url) => {
    const response = await serve(url);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('do not serve');
    expect(response.headers.get('content-security-policy')).toBe(
      contentSecurityPolicy(),
    );
  });

  it('serves the chosen archive tiles, and lets a style host through the CSP', async () => {
    const tiles: string[] = [];
    const handler = createAppRequestHandler(
      {
        rendererDir: join(base, 'renderer'),
        basemapDir: join(base, 'basemap'),
        basemap: () => ({
          view: () => Promise.resolve({ kind: 'bundled', problem: null }),
          serveTile: (path) => {
            tiles.push(path);
            return Promise.resolve(
              path.endsWith('/1/0/0')
                ? {
                    status: 200,
                    body: new Uint8Array([1, 2, 3]),
                    contentType: 'image/png',
                  }
                : { status: 204 },
            );
          },
          connectOrigins: () => ['https://tiles.city.example'],
          changed: () => Promise.resolve(),
          close: () => Promise.resolve(),
        }),
      },
      recordingLogger(),
    );
    const get = (url: string) => handler(new Request(url));

    const tile = await get('app://streetdesk/basemap-tiles/1/0/0');
    expect(tile.status).toBe(200);
    expect(tile.headers.get('content-type')).toBe('image/png');
    expect([...new Uint8Array(await tile.arrayBuffer())]).toEqual([1, 2, 3]);
    expect((await get('app://streetdesk/basemap-tiles/1/1/0')).status).toBe(
      204,
    );
    expect(tiles).toEqual(['/basemap-tiles/1/0/0', '/basemap-tiles/1/1/0']);

    const page = await get('app://streetdesk/index.html');
    expect(page.headers.get('content-security-policy')).toBe(
      contentSecurityPolicy(['https://tiles.city.example']),
    );
  });

  it('answers 404 for tiles before the services are up', async () => {
    expect((await serve('app://streetdesk/basemap-tiles/1/0/0')).status).toBe(
      404,
    );
  });

  it('refuses methods other than GET and HEAD', async () => {
    expect((await serve('app://streetdesk/index.html', 'POST')).status).toBe(
      405,
    );
    const head = await serve('app://streetdesk/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});
