// Serves the console from `app://streetdesk/` instead of file://, so pages
// get a real origin, a CSP header and no access to the rest of the disk.
//   app://streetdesk/...          the built renderer (out/renderer)
//   app://streetdesk/basemap/...  the offline basemap (resources/basemap)
//   app://streetdesk/basemap-tiles/z/x/y  tiles of a chosen archive file
import { protocol } from 'electron';

import { BASEMAP_TILES_PREFIX } from '../../shared/basemap-view';
import type { BasemapService } from '../basemap/basemap-service';
import type { Logger } from '../log/logger';
import { loadStaticFile, staticHeaders } from '../web/static-files';
import { APP_HOST, APP_SCHEME } from './app-origin';

export type AppProtocolRoots = {
  rendererDir: string;
  basemapDir: string;
  /** The chosen basemap, once the services are up; it serves its tiles. */
  basemap?: () => BasemapService | null;
};

const BASEMAP_PREFIX = '/basemap/';

/** Must run before the app is ready, or the scheme stays unprivileged. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: {
        standard: true,
        secure: true,
        supportFetchAPI: true,
        stream: true,
        corsEnabled: false,
      },
    },
  ]);
}

/** The request handler behind `app:`; exported for tests. */
export function createAppRequestHandler(
  roots: AppProtocolRoots,
  logger: Logger,
): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return notServed(405, `${request.method} is not supported`);
    }

    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return notServed(400, 'the URL does not parse');
    }
    if (url.host !== APP_HOST) {
      logger.warn('refused an app: request for another host', {
        host: url.host,
      });
      return notServed(404, 'unknown host');
    }

    const path = url.pathname;
    const basemap = roots.basemap?.() ?? null;
    if (path.startsWith(BASEMAP_TILES_PREFIX)) {
      const tile = basemap
        ? await basemap.serveTile(path)
        : ({ status: 404, reason: 'no basemap yet' } as const);
      if (tile.status !== 200) {
        return new Response(null, {
          status: tile.status,
          headers: staticHeaders('text/plain; charset=utf-8'),
        });
      }
      const body = request.method === 'HEAD' ? null : tile.body;
      return new Response(body, {
        status: 200,
        headers: staticHeaders(tile.contentType),
      });
    }

    const [root, relativePath] = path.startsWith(BASEMAP_PREFIX)
      ? [roots.basemapDir, path.slice(BASEMAP_PREFIX.length - 1)]
      : [roots.rendererDir, path === '/' ? '/index.html' : path];

    const file = await loadStaticFile(root, relativePath);
    if (file.status !== 200) {
      logger.warn('app: request not served', { path, reason: file.reason });
      return notServed(404, 'not found');
    }

    const body = request.method === 'HEAD' ? null : new Uint8Array(file.body);
    return new Response(body, {
      status: 200,
      headers: staticHeaders(file.contentType, basemap?.connectOrigins() ?? []),
    });
  };
}

/** Installs the handler on the default session's protocol. */
export function handleAppProtocol(
  roots: AppProtocolRoots,
  logger: Logger,
): void {
  protocol.handle(APP_SCHEME, createAppRequestHandler(roots, logger));
}

function notServed(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: staticHeaders('text/plain; charset=utf-8'),
  });
}
