import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../../fakes/electron'));

import { protocol, resetFakeElectron } from '../../fakes/electron';
import { handleAppProtocol } from '../../../src/main/electron/app-protocol';
import { contentSecurityPolicy } from '../../../src/shared/content-security-policy';
import { recordingLogger } from './recording-logger';

/** The policy as directive name → sources. */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((part) => {
      const [name = '', ...sources] = part.trim().split(/\s+/);
      return [name, sources];
    }),
  );
}

describe('the Content-Security-Policy', () => {
  it('is exactly the reviewed policy', () => {
    expect(contentSecurityPolicy()).toBe(
      [
        "default-src 'none'",
        "script-src 'self'",
        "worker-src 'self' blob:",
        "style-src 'self'",
        "img-src 'self' data: blob:",
        "font-src 'self'",
        "connect-src 'self'",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
        "object-src 'none'",
      ].join('; '),
    );
  });

  it('allows no eval, no inline script or style, and nothing from other hosts', () => {
    const policy = contentSecurityPolicy();
    for (const weak of [
      "'unsafe-eval'",
      "'unsafe-inline'",
      "'wasm-unsafe-eval'",
      "'unsafe-hashes'",
      "'strict-dynamic'",
      '*',
      'http:',
      'https:',
      'ws:',
      'file:',
    ]) {
      expect(policy.split(/[\s;]+/)).not.toContain(weak);
    }

    const parsed = directives(policy);
    expect(parsed.get('script-src')).toEqual(["'self'"]);
    expect(parsed.get('connect-src')).toEqual(["'self'"]);
    // No frames of any kind, from anywhere, and none of us framed.
    expect(parsed.has('frame-src')).toBe(false);
    expect(parsed.get('default-src')).toEqual(["'none'"]);
    expect(parsed.get('frame-ancestors')).toEqual(["'none'"]);
    expect(parsed.get('object-src')).toEqual(["'none'"]);
  });

  it('adds a chosen style host to connect-src alone, and only a plain origin', () => {
    const policy = directives(
      contentSecurityPolicy([
        'https://tiles.city.example',
        'http://10.0.0.5:8080',
        "https://evil.example; script-src 'unsafe-inline'",
        'https://x.example/path',
        '*',
        'javascript:alert(1)',
      ]),
    );

    expect(policy.get('connect-src')).toEqual([
      "'self'",
      'https://tiles.city.example',
      'http://10.0.0.5:8080',
    ]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
  });

  it('lets MapLibre start its worker from a blob: URL, which only worker-src allows', () => {
    const parsed = directives(contentSecurityPolicy());
    expect(parsed.get('worker-src')).toEqual(["'self'", 'blob:']);
    expect(parsed.get('script-src')).not.toContain('blob:');
  });

  it('needs nothing inline from the renderer page itself', () => {
    const html = readFileSync(
      join(__dirname, '../../../src/renderer/index.html'),
      'utf8',
    );
    // Inline <script> bodies, inline handlers and <style> would be blocked.
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>\s*\S/);
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/<style/i);
  });
});

describe('the CSP on every app: response', () => {
  let base: string;
  let serve: (url: string, method?: string) => Promise<Response>;

  beforeAll(() => {
    base = mkdtempSync(join(tmpdir(), 'streetdesk-csp-'));
    mkdirSync(join(base, 'renderer'));
    mkdirSync(join(base, 'basemap'));
    writeFileSync(join(base, 'renderer', 'index.html'), '<!doctype html>');
    writeFileSync(join(base, 'basemap', 'style.json'), '{}');

    resetFakeElectron();
    handleAppProtocol(
      {
        rendererDir: join(base, 'renderer'),
        basemapDir: join(base, 'basemap'),
      },
      recordingLogger(),
    );
    const handler = protocol.handlers.get('app');
    if (handler === undefined) throw new Error('app: was not handled');
    serve = (url, method = 'GET') => handler(new Request(url, { method }));
  });
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it.each([
    ['the page', 'app://streetdesk/index.html', 'GET', 200],
    ['the basemap', 'app://streetdesk/basemap/style.json', 'GET', 200],
    ['a missing file', 'app://streetdesk/nothing.js', 'GET', 404],
    ['another host', 'app://elsewhere/index.html', 'GET', 404],
    ['a POST', 'app://streetdesk/index.html', 'POST', 405],
  ])('%s carries it, with nosniff', async (_what, url, method, status) => {
    const response = await serve(url, method);
    expect(response.status).toBe(status);
    expect(response.headers.get('content-security-policy')).toBe(
      contentSecurityPolicy(),
    );
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
