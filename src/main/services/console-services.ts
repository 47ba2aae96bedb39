// The console's services, assembled: the local store, the demo seed and the
// handlers behind every contract method. Plain Node: the Electron app and
// browser mode both start the console through here.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import type { ServiceHandlers } from '../../shared/contract';
import { getDemoShift, seedDemo } from '../import/demo-seed';
import type { Logger } from '../log/logger';
import { openStore, type Store } from '../store/store';
import { checkExternalUrl } from '../web/url-policy';
import { createEventHub, type EventHub } from './event-hub';

export type ConsoleServices = {
  handlers: ServiceHandlers;
  events: Pick<EventHub, 'on'>;
  close(): void;
};

export type ConsoleServicesOptions = {
  dataDir: string;
  resourcesDir: string;
  mode: 'electron' | 'browser';
  logger: Logger;
  version: string;
  /** Hands an allowed URL to the system; absent in browser mode. */
  openExternal?: (url: string) => Promise<void>;
  /** Load the Boston demo into an empty store (the default). */
  seedDemo?: boolean;
  now?: () => number;
};

export const DEMO_SEED_FILE = join('seed', 'boston311-2015-jan-sep.csv.gz');

export async function createConsoleServices(
  options: ConsoleServicesOptions,
): Promise<ConsoleServices> {
  const logger = options.logger.child('services');
  const now = options.now ?? Date.now;

  mkdirSync(options.dataDir, { recursive: true });
  const store = openStore(join(options.dataDir, 'streetdesk.db'));
  const events = createEventHub((event, error) =>
    logger.warn('an event listener failed', { event, error: String(error) }),
  );

  if (options.seedDemo ?? true) {
    await loadDemo(store, options, now(), logger);
  }

  return {
    handlers: createHandlers(store, options),
    events,
    close: () => store.close(),
  };
}

async function loadDemo(
  store: Store,
  options: ConsoleServicesOptions,
  now: number,
  logger: Logger,
): Promise<void> {
  const started = performance.now();
  const result = await seedDemo(store, {
    csvPath: join(options.resourcesDir, DEMO_SEED_FILE),
    now,
  });
  if (result.status !== 'seeded') return;

  logger.info('loaded the Boston demo', {
    imported: result.imported,
    skipped: result.skipped,
    badRows: result.badRowCount,
    anchor2015: result.anchor2015,
    ms: Math.round(performance.now() - started),
  });
}

function createHandlers(
  store: Store,
  options: ConsoleServicesOptions,
): ServiceHandlers {
  return {
    getAppInfo: () => ({
      version: options.version,
      mode: options.mode,
      openRequests: store.countOpenRequests(),
      demo: getDemoShift(store),
    }),
    listQueue: (query) => store.listQueue(query),
    getQueueFacets: () => store.getQueueFacets(),
    getMapPoints: (filter) => store.getMapPoints(filter),
    locateInQueue: (query) => ({ index: store.locateInQueue(query) }),
    getRequest: (id) => store.getRequest(id),
    openExternal: async ({ url }) => {
      const decision = checkExternalUrl(url);
      if (!decision.allowed) return { opened: false, reason: decision.reason };
      if (!options.openExternal) {
        return {
          opened: false,
          reason: 'Links open in this browser, not the console.',
        };
      }

      await options.openExternal(decision.url);
      return { opened: true };
    },
  };
}
