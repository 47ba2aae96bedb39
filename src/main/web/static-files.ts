// Maps a URL path onto a file under a root folder, for the Electron `app:`
// protocol and the browser-mode server alike. The URL path is hostile
// input: anything that could step outside the root is refused, not fixed.
import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';

import { contentSecurityPolicy } from '../../shared/content-security-policy';

export type StaticPath =
  | { ok: true; filePath: string; contentType: string }
  | { ok: false; reason: string };

export type StaticFile =
  | { status: 200; body: Buffer; contentType: string; filePath: string }
  | { status: 404; reason: string };

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.geojson': 'application/geo+json',
  '.pbf': 'application/x-protobuf',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

export const DEFAULT_CONTENT_TYPE = 'application/octet-stream';

export function contentTypeOf(filePath: string): string {
  return MIME_TYPES[extname(filePath).toLowerCase()] ?? DEFAULT_CONTENT_TYPE;
}

const refuse = (reason: string): StaticPath => ({ ok: false, reason });

/**
 * Resolves `urlPath` (the still percent-encoded path of a request URL,
 * without query or fragment) to a file under `root`. Pure: touches no disk.
 * A path ending in "/" means its index.html.
 */
export function resolveStaticPath(root: string, urlPath: string): StaticPath {
  if (!urlPath.startsWith('/')) return refuse('the path must start with "/"');
  if (urlPath.length > 1024) return refuse('the path is too long');
  if (/\\|%5c/i.test(urlPath)) return refuse('the path contains a backslash');

  const segments: string[] = [];
  for (const encoded of urlPath.split('/')) {
    if (encoded === '') continue;

    let segment: string;
    try {
      segment = decodeURIComponent(encoded);
    } catch {
      return refuse(`the path segment "${encoded}" is not validly encoded`);
    }
    // Encoded slashes, NUL bytes and drive letters have no place in a name;
    // dot segments and dot-files (".git", "..") are never served.
    if (/[/\\:\p{Cc}]/u.test(segment)) {
      return refuse(
        `the path segment "${encoded}" contains a forbidden character`,
      );
    }
    if (segment.startsWith('.')) {
      return refuse(`the path segment "${encoded}" starts with a dot`);
    }
    segments.push(segment);
  }
  if (urlPath.endsWith('/')) segments.push('index.html');

  const rootPath = resolve(root);
  const filePath = resolve(rootPath, ...segments);
  const inside = relative(rootPath, filePath);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) {
    return refuse('the path leads outside the served folder');
  }

  return { ok: true, filePath, contentType: contentTypeOf(filePath) };
}

/**
 * Reads the file `urlPath` names under `root`, refusing symlinks that lead
 * out of the root. Every failure is a 404 with the reason, for the log.
 */
export async function loadStaticFile(
  root: string,
  urlPath: string,
): Promise<StaticFile> {
  const resolved = resolveStaticPath(root, urlPath);
  if (!resolved.ok) return { status: 404, reason: resolved.reason };

  try {
    const realRoot = await realpath(root);
    const realFile = await realpath(resolved.filePath);
    if (!realFile.startsWith(realRoot + sep)) {
      return {
        status: 404,
        reason: 'the file is a link to outside the folder',
      };
    }
    if (!(await stat(realFile)).isFile()) {
      return { status: 404, reason: 'the path names a folder, not a file' };
    }

    const body = await readFile(realFile);
    return {
      status: 200,
      body,
      contentType: resolved.contentType,
      filePath: resolved.filePath,
    };
  } catch {
    return { status: 404, reason: `no file at ${urlPath}` };
  }
}

/** The headers every static response carries, in Electron and browser mode. */
export function staticHeaders(
  contentType: string,
  connectOrigins: readonly string[] = [],
): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': contentSecurityPolicy(connectOrigins),
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-cache',
  };
}
