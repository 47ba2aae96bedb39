import {
  mkdirSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  contentTypeOf,
  loadStaticFile,
  resolveStaticPath,
  staticHeaders,
} from '../../../src/main/web/static-files';
import { contentSecurityPolicy } from '../../../src/shared/content-security-policy';

const ROOT = '/srv/app/renderer';

describe('resolveStaticPath', () => {
  it('maps a URL path to a file under the root with its MIME type', () => {
    expect(resolveStaticPath(ROOT, '/assets/index-abc.js')).toEqual({
      ok: true,
      filePath: join(ROOT, 'assets', 'index-abc.js'),
      contentType: 'text/javascript; charset=utf-8',
    });
  });

  it('decodes percent-encoded names such as font stacks with spaces', () => {
    const resolved = resolveStaticPath(
      ROOT,
      '/glyphs/Noto%20Sans%20Regular/0-255.pbf',
    );
    expect(resolved).toEqual({
      ok: true,
      filePath: join(ROOT, 'glyphs', 'Noto Sans Regular', '0-255.pbf'),
      contentType: 'application/x-protobuf',
    });
  });

  it('serves index.html for a folder path', () => {
    expect(resolveStaticPath(ROOT, '/')).toMatchObject({
      ok: true,
      filePath: join(ROOT, 'index.html'),
    });
  });

  it.each([
    ['/../etc/passwd', /dot/],
    ['/assets/../../etc/passwd', /dot/],
    ['/%2e%2e/etc/passwd', /dot/],
    ['/%2E%2E/%2E%2E/etc/passwd', /dot/],
    ['/.%2e/secret', /dot/],
    ['/assets/..%2f..%2fetc%2fpasswd', /forbidden character/],
    ['/%2fetc%2fpasswd', /forbidden character/],
    ['/..%5c..%5cwindows', /backslash/],
    ['/..\\..\\windows', /backslash/],
    ['/index.html%00.png', /forbidden character/],
    ['/C:%5cWindows', /backslash/],
    ['/C:/Windows/win.ini', /forbidden character/],
    ['/.git/config', /dot/],
    ['/.env', /dot/],
    ['/%E0%A4%A', /not validly encoded/],
    ['etc/passwd', /must start with/],
    ['', /must start with/],
  ])('refuses the hostile path %j', (path, reason) => {
    const resolved = resolveStaticPath(ROOT, path);
    expect(resolved.ok).toBe(false);
    if (!resolved.ok) expect(resolved.reason).toMatch(reason);
  });

  it('keeps an absolute-looking path inside the root', () => {
    const resolved = resolveStaticPath(ROOT, '//etc/passwd');
    expect(resolved).toMatchObject({
      ok: true,
      filePath: join(ROOT, 'etc', 'passwd'),
    });
  });

  it('refuses very long paths', () => {
    expect(resolveStaticPath(ROOT, `/${'a/'.repeat(600)}x`).ok).toBe(false);
  });
});

describe('contentTypeOf', () => {
  it.each([
    ['a.js', 'text/javascript; charset=utf-8'],
    ['a.MJS', 'text/javascript; charset=utf-8'],
    ['a.css', 'text/css; charset=utf-8'],
    ['a.html', 'text/html; charset=utf-8'],
    ['a.json', 'application/json'],
    ['streets.geojson', 'application/geo+json'],
    ['0-255.pbf', 'application/x-protobuf'],
    ['sprite.png', 'image/png'],
    ['icon.svg', 'image/svg+xml'],
    ['font.woff2', 'font/woff2'],
    ['archive.exe', 'application/octet-stream'],
    ['no-extension', 'application/octet-stream'],
  ])('%s is %s', (file, type) => {
    expect(contentTypeOf(file)).toBe(type);
  });
});

describe('loadStaticFile', () => {
  let base: string;
  let root: string;

  beforeAll(() => {
    base = mkdtempSync(join(tmpdir(), 'streetdesk-static-'));
    root = join(base, 'root');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>x</title>');
    writeFileSync(join(root, 'assets', 'app.js'), 'export {};');
    writeFileSync(join(base, 'secret.txt'), 'outside');
    symlinkSync(join(base, 'secret.txt'), join(root, 'leak.txt'));
  });

  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it('reads a file with its content type', async () => {
    const file = await loadStaticFile(root, '/assets/app.js');
    expect(file.status).toBe(200);
    if (file.status === 200) {
      expect(file.body.toString()).toBe('export {};');
      expect(file.contentType).toBe('text/javascript; charset=utf-8');
    }
  });

  it('is a 404 for a missing file, a folder, or a traversal', async () => {
    expect((await loadStaticFile(root, '/missing.js')).status).toBe(404);
    expect((await loadStaticFile(root, '/assets')).status).toBe(404);
    expect((await loadStaticFile(root, '/%2e%2e/secret.txt')).status).toBe(404);
  });

  it('refuses a symlink that leads out of the root', async () => {
    const file = await loadStaticFile(root, '/leak.txt');
    expect(file).toMatchObject({ status: 404, reason: /outside the folder/ });
  });
});

describe('staticHeaders', () => {
  it('carries the CSP, the content type and nosniff', () => {
    const headers = staticHeaders('text/css; charset=utf-8');
    expect(headers['Content-Security-Policy']).toBe(contentSecurityPolicy());
    expect(headers['Content-Type']).toBe('text/css; charset=utf-8');
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
  });
});
