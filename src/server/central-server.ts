// The central API as one object: the store, the staff sync API, server
// push and any extra routes (Open311) behind one node:http server. Used
// in-process by tests and the console's demo, and by `main.ts`.
import { mkdirSync } from 'node:fs';
import {
  createServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

import type { Logger } from '../main/log/logger';
import { HEARTBEAT_MS } from '../shared/sync-protocol';
import {
  SESSION_TTL_MS,
  createStaffUser,
  type NewStaffUser,
} from './auth/staff-accounts';
import {
  createSignInLimiter,
  DEFAULT_SIGN_IN_LIMITS,
  type SignInLimits,
} from './auth/sign-in-limiter';
import { createPushHub } from './http/push-hub';
import { sendError } from './http/respond';
import type { StaffApi } from './http/staff-api';
import { STAFF_PREFIX, handleStaff } from './http/staff-router';
import {
  TransientStoreError,
  type CentralStore,
} from './storage/central-store';
import { bundledSlaPolicy } from './sla/bundled-sla-policy';
import { createSlaPolicyBook, type SlaPolicyBook } from './sla/sla-policy-book';
import { restoreSlaRuleChanges } from './sla/sla-rule-changes';
import type { SlaPolicy } from './sla/sla-rule';
import { openSqliteCentralStore } from './storage/sqlite/sqlite-central-store';
import { DEFAULT_UNMERGE_WINDOW_MS } from './sync/apply-merge';

/** A mount point for routes outside the staff API, e.g. `/open311/v2/`. */
export type ExtraRoute = {
  prefix: string;
  handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void>;
};

export type CentralServerOptions = {
  /** Folder for central.sqlite, or ':memory:' for a throwaway store. */
  dataDir: string;
  /** 0 picks a free port. */
  port: number;
  host?: string;
  logger: Logger;
  /** Changes kept for pulls; older pulls get 410. 100,000 unless told. */
  changeRetention?: number;
  now?: () => number;
  /** Accounts created at start when their username is free. */
  users?: NewStaffUser[];
  heartbeatMs?: number;
  /** Zone for times in conflict reasons; the city's. */
  timeZone?: string;
  sessionTtlMs?: number;
  /** Wrong passwords allowed per account and per address; see sign-in-limiter.ts. */
  signInLimits?: SignInLimits;
  busyTimeoutMs?: number;
  extraRoutes?: ExtraRoute[];
  /** The SLA policy to start with; the bundled Boston defaults unless told. */
  slaPolicy?: SlaPolicy;
  /** How long after a merge a supervisor may undo it; 24 h unless told. */
  unmergeWindowMs?: number;
};

export type CentralServer = {
  url: string;
  port: number;
  store: CentralStore;
  slaPolicy: SlaPolicyBook;
  close(): Promise<void>;
};

export const CENTRAL_DB_FILE = 'central.sqlite';

export async function createCentralServer(
  options: CentralServerOptions,
): Promise<CentralServer> {
  const logger = options.logger.child('central');
  const now = options.now ?? Date.now;
  const host = options.host ?? '127.0.0.1';

  let path = ':memory:';
  if (options.dataDir !== ':memory:') {
    mkdirSync(options.dataDir, { recursive: true });
    path = join(options.dataDir, CENTRAL_DB_FILE);
  }

  const store = openSqliteCentralStore({
    path,
    changeRetention: options.changeRetention,
    busyTimeoutMs: options.busyTimeoutMs,
  });

  for (const user of options.users ?? []) {
    await createStaffUser(store, user, now());
  }

  const push = createPushHub({
    heartbeatMs: options.heartbeatMs ?? HEARTBEAT_MS,
    now,
  });
  const stopPush = store.onChangesCommitted((lastSeq) => push.changed(lastSeq));

  const slaPolicy = createSlaPolicyBook(
    options.slaPolicy ?? bundledSlaPolicy(),
  );
  const restored = await restoreSlaRuleChanges(store, slaPolicy, logger);
  if (restored > 0) logger.info('SLA rule changes restored', { restored });

  const api: StaffApi = {
    store,
    logger,
    now,
    clock: { timeZone: options.timeZone ?? 'America/New_York' },
    push,
    sessionTtlMs: options.sessionTtlMs ?? SESSION_TTL_MS,
    signInLimiter: createSignInLimiter(
      now,
      options.signInLimits ?? DEFAULT_SIGN_IN_LIMITS,
    ),
    slaPolicy,
    unmergeWindowMs: options.unmergeWindowMs ?? DEFAULT_UNMERGE_WINDOW_MS,
  };
  const extraRoutes = options.extraRoutes ?? [];

  const server = createServer((req, res) => {
    route(req, res, api, extraRoutes).catch((error: unknown) => {
      failed(res, error, logger, req.url);
    });
  });
  server.keepAliveTimeout = 65_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });

  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  logger.info('central API listening', { url });

  return {
    url,
    port,
    store,
    slaPolicy: api.slaPolicy,
    async close() {
      stopPush();
      push.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
    },
  };
}

async function route(
  req: IncomingMessage,
  res: ServerResponse,
  api: StaffApi,
  extraRoutes: ExtraRoute[],
): Promise<void> {
  let url: URL;
  try {
    url = new URL(req.url ?? '/', 'http://central.invalid');
  } catch {
    return sendError(res, 400, 'bad_url', 'The request URL cannot be parsed.');
  }

  if (url.pathname.startsWith(STAFF_PREFIX)) {
    return handleStaff(req, res, url, api);
  }

  const extra = extraRoutes.find((candidate) =>
    url.pathname.startsWith(candidate.prefix),
  );
  if (extra !== undefined) return extra.handle(req, res, url);

  sendError(
    res,
    404,
    'not_found',
    `Nothing is served at ${url.pathname.slice(0, 200)}; the staff API is under /staff/v2/.`,
  );
}

function failed(
  res: ServerResponse,
  error: unknown,
  logger: Logger,
  url: string | undefined,
): void {
  const busy = error instanceof TransientStoreError;
  const path = (url ?? '').split('?')[0];

  if (busy) logger.warn('request deferred: store busy', { path });
  else logger.error('request failed', { path, error });

  if (res.headersSent) {
    res.end();
    return;
  }
  if (busy) {
    res.setHeader('Retry-After', '1');
    sendError(
      res,
      503,
      'busy',
      'The central database is busy; try again in a moment.',
    );
    return;
  }
  sendError(
    res,
    500,
    'internal_error',
    'The central API failed to answer; the error is in its log. Try again.',
  );
}
