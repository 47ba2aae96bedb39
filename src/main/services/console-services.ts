// The console's services, assembled: the local store, the demo seed and the
// handlers behind every contract method. Plain Node: the Electron app and
// browser mode both start the console through here.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import type {
  BulkAssignResult,
  ConsoleSettings,
  DuplicateCandidate,
  DuplicateGroup,
  NearbyRequest,
  RequestActivity,
  ServiceHandlers,
} from '../../shared/contract';
import type { QueueRow } from '../../shared/domain';
import { suggestCrews } from '../dispatch/crew-suggestions';
import { boxAround, metresBetween } from '../../shared/geo-distance';
import { mergedIdsOf, summarizeHistory } from '../dispatch/history-summary';
import { getDemoShift, seedDemo } from '../import/demo-seed';
import {
  createBasemapService,
  type BasemapService,
} from '../basemap/basemap-service';
import type { Logger } from '../log/logger';
import { openStore, type Store } from '../store/store';
import {
  createCentralConnection,
  type CentralConnection,
  type CentralConnectionOptions,
} from '../sync/central-connection';
import {
  createIntentCommands,
  IntentError,
  type IntentCommands,
} from '../sync/intent-commands';
import { createFileSecretStore, type SecretStore } from '../sync/secret-store';
import {
  BROWSER_MODE_UPDATES,
  createUnavailableUpdates,
  type UpdateService,
} from '../update/update-service';
import { checkExternalUrl } from '../web/url-policy';
import {
  alertWanted,
  checkBasemapSource,
  createConsolePreferences,
  type ConsolePreferences,
} from './console-preferences';
import { createEventHub, type EventHub } from './event-hub';
import { createDuplicateWatch, type DuplicateWatch } from './duplicate-watch';
import { createSlaAlerts } from './sla-alerts';

export type ConsoleServices = {
  handlers: ServiceHandlers;
  events: Pick<EventHub, 'on'>;
  /** The chosen basemap, for the servers that serve its tiles. */
  basemap: BasemapService;
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
  /**
   * Load the Boston demo into an empty store (the default) when no central
   * API is configured; with one, the server holds the data.
   */
  seedDemo?: boolean;
  now?: () => number;
  /** Where the central API token is kept; a 0600 file in dataDir unless told. */
  secretStore?: SecretStore;
  /** The fetch the sync client uses (tests inject one). */
  fetch?: typeof fetch;
  /** How often SLA alerts are looked for; 0 never (tests). 30 s by default. */
  slaAlertIntervalMs?: number;
  /** Sync engine timings, for tests and benches. */
  sync?: CentralConnectionOptions['engine'];
  /**
   * A central API to connect to at start (the embedded demo's), signing in
   * with these credentials when no session is kept.
   */
  central?: { url: string; signIn?: { username: string; password: string } };
  /**
   * The updater (electron-updater in the app). Without one, the console
   * says updates are managed by the desktop app and never restarts.
   */
  updates?: UpdateService;
};

export const SECRET_FILE = 'central-token';

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

  const connection = createCentralConnection({
    sync: store.sync,
    secrets:
      options.secretStore ??
      createFileSecretStore(join(options.dataDir, SECRET_FILE)),
    logger: options.logger,
    fetch: options.fetch,
    now,
    engine: {
      ...options.sync,
      onRequestsChanged: (changed) =>
        events.emit('requestsChanged', { reason: 'sync', changed }),
      onStatusChanged: (status) => events.emit('syncStatusChanged', status),
      onConflictsChanged: (count) => events.emit('conflictsChanged', { count }),
    },
  });

  if (options.central) await connectTo(connection, options.central, logger);

  if (connection.configured()) {
    connection.start();
  } else if (options.seedDemo ?? true) {
    await loadDemo(store, options, now(), logger);
  }

  const intents = createIntentCommands({
    sync: store.sync,
    now: () => connection.clock.now(),
    signedInAs: () => connection.settings().signedInAs,
    onRecorded: () => {
      // The view already shows the change: tell every window at once.
      events.emit('requestsChanged', { reason: 'local', changed: 1 });
      connection.engine()?.kick({ push: true });
    },
  });

  const duplicates = createDuplicateWatch({
    index: () => store.openRequests(),
    now: () => connection.clock.now(),
    onFlagsChanged: (changed) =>
      events.emit('requestsChanged', { reason: 'duplicates', changed }),
    closedCases: store.closedCases,
  });
  // Requests that arrive by sync are checked for duplicates at once.
  events.on('requestsChanged', () => duplicates.refresh());
  duplicates.refresh();

  const preferences = createConsolePreferences(store.sync.state);
  const basemap = createBasemapService({
    source: () => preferences.basemap(),
    logger: options.logger.child('basemap'),
  });
  const updates =
    options.updates ??
    createUnavailableUpdates(options.version, BROWSER_MODE_UPDATES);
  const stopUpdateEvents = updates.onChange((state) =>
    events.emit('updateState', state),
  );

  const alerts = createSlaAlerts({
    candidates: () =>
      store.alertCandidates(new Set(store.watched.listWatched())),
    now: () => connection.clock.now(),
    wanted: (state) => alertWanted(preferences.notifications(), state),
    onAlert: (alert) => {
      logger.info('SLA alert', {
        requestId: alert.requestId,
        state: alert.state,
      });
      events.emit('slaAlert', alert);
    },
    intervalMs: options.slaAlertIntervalMs,
  });

  return {
    handlers: createHandlers(store, options, connection, intents, {
      duplicates,
      preferences,
      basemap,
      updates,
    }),
    events,
    basemap,
    close() {
      alerts.stop();
      void basemap.close();
      duplicates.stop();
      stopUpdateEvents();
      updates.stop();
      if (connection.engine() === null) {
        store.close();
        return;
      }
      // Let a running cycle finish its transaction before the file closes.
      void connection.stop().finally(() => store.close());
    },
  };
}

async function connectTo(
  connection: CentralConnection,
  central: NonNullable<ConsoleServicesOptions['central']>,
  logger: Logger,
): Promise<void> {
  try {
    if (connection.settings().centralUrl !== central.url) {
      await connection.saveSettings(central.url);
    }
    if (!connection.configured() && central.signIn) {
      await connection.signIn(central.signIn.username, central.signIn.password);
    }
  } catch (error) {
    // The console still opens on what it holds; the sync status says why.
    logger.warn('could not connect to the central API at start', {
      server: central.url,
      error: error instanceof Error ? error.message : String(error),
    });
  }
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
  connection: CentralConnection,
  intents: IntentCommands,
  {
    duplicates,
    preferences,
    basemap: basemapService,
    updates,
  }: {
    duplicates: DuplicateWatch;
    preferences: ConsolePreferences;
    basemap: BasemapService;
    updates: UpdateService;
  },
): ServiceHandlers {
  const settings = (): ConsoleSettings => ({
    ...connection.settings(),
    basemap: preferences.basemap(),
    notifications: preferences.notifications(),
    setupDone: preferences.setupDone(),
  });

  // Dispatch needs the server to judge it; a local demo has none.
  const connected = <A, R>(command: (arg: A) => R) => {
    return (arg: A): R => {
      if (!connection.configured()) {
        throw new Error(
          'StreetDesk is not connected to a central API; set its address ' +
            'in Settings and sign in to dispatch.',
        );
      }
      return command(arg);
    };
  };

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
    getMapLayer: (query) => store.getMapLayer(query),
    pickInArea: (query) => store.pickInArea(query),
    listUnlocated: (filter) => store.listUnlocated(filter),
    locateInQueue: (query) => ({ index: store.locateInQueue(query) }),
    getRequest: (id) => store.getRequest(id),
    openExternal: async ({ url }) => {
      const decision = checkExternalUrl(url);
      if (!decision.allowed) return { opened: false, reason: decision.reason };
      if (!options.openExternal) {
        return {
          opened: false,
          reason: 'Links open in this browser, not the console.',
          openHere: decision.url,
        };
      }

      await options.openExternal(decision.url);
      return { opened: true };
    },
    getSyncStatus: () => connection.status(),
    listConflicts: () => store.sync.outbox.listConflicts(),
    dismissConflict: ({ seq }) => ({
      dismissed: store.sync.outbox.dismissConflict(seq, connection.clock.now()),
    }),
    assignCrew: connected(intents.assignCrew),
    assignCrewMany: connected(({ requestIds, crewId }) => {
      const { done, refused } = forEachRequest(requestIds, (requestId) =>
        intents.assignCrew({ requestId, crewId }),
      );
      return { assigned: done, refused };
    }),
    unassignCrew: connected(intents.unassignCrew),
    unassignCrewMany: connected(({ requestIds }) => {
      const { done, refused } = forEachRequest(requestIds, (requestId) =>
        intents.unassignCrew({ requestId }),
      );
      return { unassigned: done, refused };
    }),
    setRequestStatus: connected(intents.setRequestStatus),
    addNote: connected(intents.addNote),
    mergeRequests: connected(intents.mergeRequests),
    unmergeRequests: connected(intents.unmergeRequests),
    setCrewStatus: connected(intents.setCrewStatus),
    listCrews: () => {
      const workloads = store.sync.dispatch.activeAssignmentCounts();
      return store.sync.dispatch.listCrews().map((crew) => ({
        ...crew,
        activeAssignments: workloads.get(crew.crewId) ?? 0,
      }));
    },
    listCrewAssignments: ({ limit }) =>
      store.sync.dispatch.crewAssignments(limit),
    suggestCrews: (id) => {
      const place = store.sync.dispatch.getPlace(id);
      if (place === null) {
        return { suggestions: [], none: `Request ${id} is not in the queue.` };
      }
      return suggestCrews(
        place,
        store.sync.dispatch.listCrews(),
        store.sync.dispatch.activeAssignmentCounts(),
        connection.clock.now(),
      );
    },
    getRequestActivity: (id) => requestActivity(store, id),
    listNearby: (id) => nearbyRequests(store, id),
    listDuplicateCandidates: (id) => duplicateCandidates(store, duplicates, id),
    listDuplicateGroups: () => duplicateGroups(store, duplicates),
    getRequestDispatch: (id) => {
      const view = store.sync.dispatch.getDispatchView(id);
      if (view === null) return null;
      const { status: _status, ...dispatch } = view;
      return dispatch;
    },
    getServerTime: () => ({
      now: connection.clock.now(),
      offsetMs: connection.clock.offsetMs(),
    }),
    getSettings: settings,
    getBasemap: () => basemapService.view(),
    finishSetup: () => {
      preferences.finishSetup();
      return settings();
    },
    saveSettings: async ({ centralUrl, basemap, notifications }) => {
      // A bad map file refuses the whole save, before anything changes.
      if (basemap !== undefined) await checkBasemapSource(basemap);
      if (centralUrl !== undefined) await connection.saveSettings(centralUrl);
      if (basemap !== undefined) {
        await preferences.saveBasemap(basemap);
        await basemapService.changed();
      }
      if (notifications !== undefined) {
        preferences.saveNotifications(notifications);
      }
      return settings();
    },
    signIn: async ({ username, password }) => {
      await connection.signIn(username, password);
      return settings();
    },
    signOut: async () => {
      await connection.signOut();
      return settings();
    },
    getSlaStats: ({ now }) => store.getSlaStats(now),
    listWatched: () => store.watched.listWatched(),
    watchRequest: ({ requestId, watched }) => ({
      watched: store.watched.setWatched(
        requestId,
        watched,
        connection.clock.now(),
      ),
    }),
    listSavedViews: () => store.views.listSavedViews(),
    saveView: (view) => store.views.saveView(view, connection.clock.now()),
    deleteView: ({ name }) => ({ deleted: store.views.deleteView(name) }),
    getUpdateState: () => updates.state(),
    checkForUpdates: () => updates.check(),
    restartToUpdate: ({ version }) => updates.restart(version),
  };
}

/** Within this distance a request counts as nearby. */
export const NEARBY_METRES = 400;
const NEARBY_LIMIT = 20;

function nearbyRequests(store: Store, id: string): NearbyRequest[] {
  const place = store.sync.dispatch.getPlace(id);
  if (place?.lat == null || place.long == null) return [];
  const { lat, long } = place;

  return store.sync.dispatch
    .openInBox(boxAround(lat, long, NEARBY_METRES))
    .filter((row) => row.serviceRequestId !== id)
    .map(({ lat: rowLat, long: rowLong, ...row }) => ({
      ...row,
      distanceM: Math.round(metresBetween(lat, long, rowLat, rowLong)),
    }))
    .filter((row) => row.distanceM <= NEARBY_METRES)
    .sort((a, b) => a.distanceM - b.distanceM)
    .slice(0, NEARBY_LIMIT);
}

/** Groups shown to the supervisor at most: the strongest. */
const MAX_GROUPS = 200;

function duplicateCandidates(
  store: Store,
  duplicates: DuplicateWatch,
  id: string,
): DuplicateCandidate[] {
  const found = duplicates.candidates(id);
  const rows = store.queueRows(found.map((candidate) => candidate.id));

  return found.flatMap((candidate, at) => {
    const known = duplicates.caseOf(candidate.id);
    if (known === undefined) return [];
    return [
      {
        serviceRequestId: candidate.id,
        score: candidate.score,
        distanceM:
          candidate.distanceM === null ? null : Math.round(candidate.distanceM),
        reasons: candidate.reasons,
        row: rows[at] ?? null,
        serviceName: known.type,
        address: known.address,
        requestedAt: known.openedAt,
      },
    ];
  });
}

async function duplicateGroups(
  store: Store,
  duplicates: DuplicateWatch,
): Promise<DuplicateGroup[]> {
  const groups = (await duplicates.groups()).slice(0, MAX_GROUPS);

  return groups.flatMap((group) => {
    const members = store
      .queueRows(group.ids)
      .filter((row): row is QueueRow => row !== null)
      .sort((a, b) => a.requestedAt - b.requestedAt);
    if (members.length < 2) return [];
    return [
      {
        strength: group.strength,
        suggestedTargetId: members[0]!.serviceRequestId,
        members,
        reasons: group.reasons,
      },
    ];
  });
}

function requestActivity(store: Store, id: string): RequestActivity {
  const { dispatch } = store.sync;
  const names = new Map(
    dispatch.listCrews().map((crew) => [crew.crewId, crew.name]),
  );
  const crewName = (crewId: string) => names.get(crewId) ?? crewId;
  const here = store.sync.state.consoleId();

  return {
    notes: dispatch.listNotes(id),
    history: dispatch.listHistory(id).map(({ detail, ...entry }) => ({
      ...entry,
      fromThisConsole: entry.consoleId === here,
      summary: summarizeHistory(entry.action, detail, crewName),
      ...(entry.action === 'merged'
        ? { duplicateIds: mergedIdsOf(detail) }
        : {}),
    })),
  };
}

/**
 * One intent per request, each id once; a refusal (closed, already
 * assigned, no crew to take off) is kept with its reason, not thrown.
 */
function forEachRequest(
  requestIds: string[],
  record: (requestId: string) => { seq: number },
): {
  done: BulkAssignResult['assigned'];
  refused: BulkAssignResult['refused'];
} {
  const done: BulkAssignResult['assigned'] = [];
  const refused: BulkAssignResult['refused'] = [];
  for (const requestId of new Set(requestIds)) {
    try {
      done.push({ requestId, seq: record(requestId).seq });
    } catch (error) {
      if (!(error instanceof IntentError)) throw error;
      refused.push({ requestId, reason: error.message });
    }
  }

  return { done, refused };
}
