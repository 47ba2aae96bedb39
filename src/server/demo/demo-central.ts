// The central API as the demo runs it: staff accounts, the Boston requests
// open now and the city's crews, Open311 intake, and optionally the 2015
// stream replayed into the present. `npm run server` and the console's
// embedded demo both start it through here.
import { dirname, join } from 'node:path';

import { demoAnchorFor } from '../../main/import/demo-seed';
import type { Logger } from '../../main/log/logger';
import type { Role } from '../../shared/sync-protocol';
import { createApiKey } from '../auth/staff-accounts';
import { createCentralServer, type CentralServer } from '../central-server';
import { boston311Neighborhood } from '../geo/boston-311-neighborhoods';
import { readNeighborhoodIndex } from '../geo/neighborhood-index';
import { handleOpen311, OPEN311_PREFIX } from '../open311/handle-open311';
import { readBostonServices } from '../open311/boston-services';
import type { Open311Ports } from '../open311/open311-ports';
import { createStorePorts } from '../open311/store-ports';
import {
  buildReplaySchedule,
  readBostonRequests,
} from '../replay/replay-schedule';
import { createReplayer, type Replayer } from '../replay/replayer';
import { closeCityRequest, openCityRequest } from '../sync/city-events';
import { bostonCrews } from './crews';
import { seedBoston } from './seed-boston';
import { startShiftRoller } from './shift-roller';

export const DEFAULT_DEMO_PASSWORD = 'streetdesk-demo';

export const DEMO_USERS: { userId: string; name: string; role: Role }[] = [
  { userId: 'dispatch', name: 'Demo Dispatcher', role: 'dispatcher' },
  { userId: 'super', name: 'Demo Supervisor', role: 'supervisor' },
  { userId: 'admin', name: 'Demo Admin', role: 'admin' },
];

export type DemoCentralOptions = {
  /** Folder for the central database, or ':memory:'. */
  dataDir: string;
  port: number;
  host?: string;
  logger: Logger;
  /** The Boston 311 export the seed, services and replay come from. */
  csvPath: string;
  /** Load the Boston requests open now into an empty server. */
  seed: boolean;
  /** Simulated seconds per real second; null for no replay. */
  replaySpeed: number | null;
  /** How long a supervisor may undo a merge; the server's default if absent. */
  unmergeWindowMs?: number;
  /** The demo accounts' password (created only when the names are free). */
  password: string;
  now?: () => number;
  /**
   * Holds neighborhoods.geojson, for placing posted requests. By default
   * the basemap folder beside the seed's: both ship under resources/.
   */
  basemapDir?: string;
};

export type DemoCentral = {
  server: CentralServer;
  url: string;
  /** A new Open311 key, when this start seeded the server; never logged. */
  open311ApiKey: string | null;
  close(): Promise<void>;
};

export async function startDemoCentral(
  options: DemoCentralOptions,
): Promise<DemoCentral> {
  const logger = options.logger.child('demo');
  const now = options.now ?? Date.now;
  let ports: Open311Ports | null = null;

  const server = await createCentralServer({
    dataDir: options.dataDir,
    port: options.port,
    host: options.host,
    logger: options.logger,
    now,
    unmergeWindowMs: options.unmergeWindowMs,
    users: DEMO_USERS.map((user) => ({ ...user, password: options.password })),
    extraRoutes: [
      {
        prefix: OPEN311_PREFIX,
        handle: async (req, res, url) => {
          if (ports !== null) await handleOpen311(req, res, url, ports);
        },
      },
    ],
  });

  const neighborhoodAt = await loadNeighborhoods(options, logger);
  ports = createStorePorts({
    store: server.store,
    loadServices: () => readBostonServices(options.csvPath),
    now,
    dueAt: (code, openedAt) => server.slaPolicy.dueAt(code, openedAt),
    neighborhoodAt,
    reportError: (error, context) =>
      logger.error('an Open311 call failed', { context, error: String(error) }),
  });

  const open311ApiKey = options.seed
    ? await seed(server, options, now(), logger)
    : null;

  const replayer =
    options.replaySpeed === null
      ? null
      : await startReplay(server, options, now, logger);
  // Only a demo seeded with Boston's crews moves their shifts on.
  const shifts = options.seed
    ? startShiftRoller({ store: server.store, now, logger })
    : null;

  return {
    server,
    url: server.url,
    open311ApiKey,
    async close() {
      replayer?.stop();
      shifts?.stop();
      await server.close();
    },
  };
}

/** Undefined (requests go unplaced) when the polygons cannot be read. */
async function loadNeighborhoods(
  options: DemoCentralOptions,
  logger: Logger,
): Promise<((lat: number, long: number) => string | null) | undefined> {
  const basemapDir =
    options.basemapDir ?? join(dirname(options.csvPath), '..', 'basemap');
  try {
    const index = await readNeighborhoodIndex(
      join(basemapDir, 'neighborhoods.geojson'),
    );
    return (lat, long) => {
      const name = index.nameAt(lat, long);
      return name === null ? null : boston311Neighborhood(name);
    };
  } catch (error) {
    logger.warn('posted requests will have no neighbourhood', {
      error: String(error),
    });
    return undefined;
  }
}

async function seed(
  server: CentralServer,
  options: DemoCentralOptions,
  now: number,
  logger: Logger,
): Promise<string | null> {
  const started = performance.now();
  const result = await seedBoston(server.store, {
    csvPath: options.csvPath,
    now,
    crews: bostonCrews(now),
  });
  if (result.status !== 'seeded') return null;

  // Residents' apps need a key to post requests; the caller shows it once.
  const { apiKey } = await createApiKey(server.store, 'demo resident app', now);
  logger.info('seeded the Boston demo', {
    requests: result.requests,
    crews: result.crews,
    badRows: result.badRows,
    anchor2015: result.anchor2015,
    ms: Math.round(performance.now() - started),
  });

  return apiKey;
}

async function startReplay(
  server: CentralServer,
  options: DemoCentralOptions,
  now: () => number,
  logger: Logger,
): Promise<Replayer> {
  const startedAt = now();
  const schedule = buildReplaySchedule(
    await readBostonRequests(options.csvPath),
    demoAnchorFor(startedAt),
  );
  logger.info('replaying the Boston 2015 stream', {
    speed: options.replaySpeed,
    events: schedule.events.length,
  });

  return createReplayer({
    schedule,
    speed: options.replaySpeed ?? 1,
    startedAt,
    clock: now,
    ports: {
      openRequest: async (request) => {
        await openCityRequest(server.store, request);
      },
      closeRequest: (id, reason, at) =>
        closeCityRequest(server.store, id, reason, at),
    },
    onError: (error, event) =>
      logger.warn('a replayed event failed', {
        kind: event.kind,
        requestId: event.request.serviceRequestId,
        error: String(error),
      }),
  });
}
