// Browser mode: the console's services behind an HTTP server on loopback,
// serving the same renderer the Electron window loads, the basemap, and the
// contract as JSON calls plus a WebSocket of events.
import {
  createServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';

import { WebSocketServer, type WebSocket } from 'ws';

import { eventNames, type ServiceHandlers } from '../../shared/contract';
import {
  API_CALL_PREFIX,
  API_EVENTS_PATH,
  TOKEN_QUERY,
  type EventMessage,
} from '../../shared/http-wire';
import { BASEMAP_TILES_PREFIX } from '../../shared/basemap-view';
import type { BasemapService } from '../basemap/basemap-service';
import type { Logger } from '../log/logger';
import type { EventHub } from '../services/event-hub';
import { loadStaticFile, staticHeaders } from '../web/static-files';
import { runApiCall } from './api-call';
import {
  isOwnHost,
  isOwnOrigin,
  sessionCookie,
  tokenFromHeaders,
  tokensEqual,
} from './token-auth';

export type BrowserServerOptions = {
  handlers: ServiceHandlers;
  events: Pick<EventHub, 'on'>;
  rendererDir: string;
  basemapDir: string;
  /** The chosen basemap: serves an archive's tiles, widens the CSP. */
  basemap?: BasemapService;
  token: string;
  /** 0 picks a free port. */
  port: number;
  logger: Logger;
};

export type BrowserServer = {
  port: number;
  /** The URL to open: it carries the token once, then a cookie does. */
  url: string;
  close(): Promise<void>;
};

const MAX_BODY_BYTES = 1024 * 1024;
const LOOPBACK = '127.0.0.1';

export async function startBrowserServer(
  options: BrowserServerOptions,
): Promise<BrowserServer> {
  const { logger } = options;
  let port = 0;

  const server = createServer((req, res) => {
    handleRequest(req, res, options, port).catch((error: unknown) => {
      logger.error('browser-mode request failed', {
        url: req.url,
        error: String(error),
      });
      if (!res.headersSent) sendText(res, 500, 'The console failed to answer.');
      else res.end();
    });
  });

  const sockets = new WebSocketServer({
    noServer: true,
    maxPayload: 64 * 1024,
  });
  server.on('upgrade', (req, socket, head) => {
    upgradeToEvents(req, socket, head, sockets, options, port);
  });

  const unsubscribe = eventNames.map((event) =>
    options.events.on(event, (payload) => {
      const message = JSON.stringify({ event, payload } satisfies EventMessage);
      for (const client of sockets.clients) {
        if (client.readyState === client.OPEN) client.send(message);
      }
    }),
  );

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, LOOPBACK, () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  const url = `http://${LOOPBACK}:${port}/?${TOKEN_QUERY}=${options.token}`;
  logger.info('browser mode listening', { port });

  return {
    port,
    url,
    async close() {
      for (const off of unsubscribe) off();
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function handleRequest(
  req: IncomingMessage,
  res: ServerResponse,
  options: BrowserServerOptions,
  port: number,
): Promise<void> {
  if (!isOwnHost(req.headers.host, port)) {
    return sendText(
      res,
      421,
      'This console answers only on its own loopback address.',
    );
  }

  const url = new URL(req.url ?? '/', `http://${LOOPBACK}:${port}`);

  // Opening the printed link trades the token in the URL for a cookie, and
  // takes the token out of the address bar and the history.
  const queryToken = url.searchParams.get(TOKEN_QUERY);
  if (req.method === 'GET' && queryToken !== null) {
    if (!tokensEqual(options.token, queryToken)) {
      return sendText(
        res,
        403,
        'That link has the wrong token: use the one printed at start.',
      );
    }
    url.searchParams.delete(TOKEN_QUERY);
    res.writeHead(303, {
      'Set-Cookie': sessionCookie(options.token),
      Location: url.pathname + url.search,
      'Cache-Control': 'no-store',
    });
    res.end();
    return;
  }

  if (!tokensEqual(options.token, tokenFromHeaders(req.headers))) {
    return sendText(
      res,
      401,
      'This console needs the link with its token, printed when it was started.',
    );
  }

  if (url.pathname.startsWith(API_CALL_PREFIX)) {
    return handleApiCall(
      req,
      res,
      options,
      url.pathname.slice(API_CALL_PREFIX.length),
      port,
    );
  }

  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return sendText(
      res,
      405,
      `${req.method ?? 'That method'} is not allowed here.`,
    );
  }

  if (url.pathname.startsWith(BASEMAP_TILES_PREFIX)) {
    const tile = options.basemap
      ? await options.basemap.serveTile(url.pathname)
      : ({ status: 404, reason: 'no basemap' } as const);
    if (tile.status !== 200) {
      res.writeHead(tile.status, staticHeaders('text/plain; charset=utf-8'));
      res.end();
      return;
    }
    res.writeHead(200, staticHeaders(tile.contentType));
    res.end(req.method === 'HEAD' ? undefined : tile.body);
    return;
  }

  const basemapPrefix = '/basemap/';
  const file = url.pathname.startsWith(basemapPrefix)
    ? await loadStaticFile(
        options.basemapDir,
        url.pathname.slice(basemapPrefix.length - 1),
      )
    : await loadStaticFile(options.rendererDir, url.pathname);

  if (file.status === 404) {
    options.logger.debug('static file not served', {
      path: url.pathname,
      reason: file.reason,
    });
    return sendText(res, 404, `Nothing is served at ${url.pathname}.`);
  }

  res.writeHead(
    200,
    staticHeaders(file.contentType, options.basemap?.connectOrigins() ?? []),
  );
  res.end(req.method === 'HEAD' ? undefined : file.body);
}

async function handleApiCall(
  req: IncomingMessage,
  res: ServerResponse,
  options: BrowserServerOptions,
  method: string,
  port: number,
): Promise<void> {
  if (req.method !== 'POST') {
    return sendJson(res, 405, {
      ok: false,
      error: 'Contract calls are POST requests.',
    });
  }
  if (!isOwnOrigin(req.headers.origin, port)) {
    return sendJson(res, 403, {
      ok: false,
      error: 'Calls from another origin are refused.',
    });
  }
  if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
    return sendJson(res, 415, {
      ok: false,
      error: 'Send the call as application/json.',
    });
  }

  const body = await readBody(req, MAX_BODY_BYTES);
  if (body === null) {
    return sendJson(res, 413, {
      ok: false,
      error: 'The request body is over 1 MB.',
    });
  }

  const outcome = await runApiCall(
    options.handlers,
    method,
    body,
    options.logger,
  );
  sendJson(res, outcome.status, outcome.body);
}

function upgradeToEvents(
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  sockets: WebSocketServer,
  options: BrowserServerOptions,
  port: number,
): void {
  const path = new URL(req.url ?? '/', `http://${LOOPBACK}`).pathname;
  const allowed =
    path === API_EVENTS_PATH &&
    isOwnHost(req.headers.host, port) &&
    isOwnOrigin(req.headers.origin, port) &&
    tokensEqual(options.token, tokenFromHeaders(req.headers));

  if (!allowed) {
    socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
    return;
  }

  sockets.handleUpgrade(req, socket, head, (client: WebSocket) => {
    // The socket only carries events out; anything sent in is ignored.
    client.on('error', () => client.terminate());
  });
}

function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;

    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        // Answer now; the rest of the body is read and dropped.
        req.off('data', onData);
        req.resume();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(JSON.stringify(body));
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(text);
}
