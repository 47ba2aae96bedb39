import type {
  AreaQuery,
  LocateQuery,
  MapLayer,
  MapLayerQuery,
  MapPoints,
  QueueFacets,
  QueueFilter,
  QueuePage,
  QueueQuery,
  UnlocatedRequests,
} from '../../shared/contract';
import type { QueueRow, ServiceRequest } from '../../shared/domain';
import type { SlaStats } from '../../shared/sla-stats';
import type { OpenRequests } from '../queue/open-requests';
import {
  createQueueReads,
  queueRowAt,
  type AlertCandidate,
} from '../queue/queue-reads';
import { openDatabase } from './database';
import { createMetaRepository } from './meta-repository';
import { createOpenRequestsFeed } from './open-requests-feed';
import { createCrewNames } from './crew-names';
import { createRequestsRepository } from './requests-repository';
import { createSlaStatsQuery } from './sla-stats-query';
import {
  createSavedViewsRepository,
  type SavedViewsRepository,
} from './saved-views-repository';
import type { StoredRequest } from './stored-request';
import { createSyncStore, type SyncStore } from './sync-store';
import {
  createWatchedRepository,
  type WatchedRepository,
} from './watched-repository';
import {
  createClosedCasesRepository,
  type ClosedCasesRepository,
} from './closed-cases-repository';

/** The console's local SQLite store: the only place that speaks SQL. */
export type Store = {
  /** Open requests matching the filter, one page in the chosen order. */
  listQueue(query: QueueQuery): QueuePage;
  /** Open requests per type, neighbourhood, queue, department and crew. */
  getQueueFacets(): QueueFacets;
  /** Open requests with a location, matching the filter. */
  getMapPoints(filter: QueueFilter): MapPoints;
  /** What the map draws for one view (see queue/map-layer.ts). */
  getMapLayer(query: MapLayerQuery): MapLayer;
  /** The matching requests in a box or lasso drawn on the map. */
  pickInArea(query: AreaQuery): { ids: string[]; total: number };
  /** Open requests with no location, matching the filter. */
  listUnlocated(filter: QueueFilter): UnlocatedRequests;
  /** The request's row index under that filter and sort; null if absent. */
  locateInQueue(query: LocateQuery): number | null;
  getRequest(id: string): ServiceRequest | null;
  countOpenRequests(): number;
  /** On-time counts for today and this week, open breaches, a 7-day series. */
  getSlaStats(now: number): SlaStats;
  /** All requests, open or closed. */
  countRequests(): number;
  /** Inserts or replaces the requests in one transaction; returns the count. */
  upsertRequests(rows: readonly StoredRequest[]): number;
  getMeta(key: string): string | null;
  setMeta(key: string, value: string): void;
  /**
   * Runs `work` in one transaction (nested calls become savepoints), so
   * several writes land together or not at all.
   */
  transaction<T>(work: () => T): T;
  /** Confirmed server state, the outbox and the sync bookkeeping. */
  sync: SyncStore;
  /** Named filter and sort sets, kept on this console only. */
  views: SavedViewsRepository;
  /** Requests the user watches for SLA alerts, on this console only. */
  watched: WatchedRepository;
  /** Recently closed requests, as duplicate finding's candidates. */
  closedCases: ClosedCasesRepository;
  /** The in-memory index of open requests, up to date with the view. */
  openRequests(): OpenRequests;
  /** The queue rows of these requests, those still open, in the same order. */
  queueRows(ids: readonly string[]): (QueueRow | null)[];
  /** Open requests an SLA alert is about: assigned ones and `watched`. */
  alertCandidates(watched: ReadonlySet<string>): AlertCandidate[];
  /** Refreshes the query planner's statistics; call after a bulk import. */
  optimize(): void;
  close(): void;
};

/**
 * Opens the store at `path` (':memory:' for a throwaway one), creating or
 * upgrading its schema. Throws if the file was written by a newer version.
 */
export function openStore(path: string): Store {
  const db = openDatabase(path);
  const feed = createOpenRequestsFeed(db);
  const queue = createQueueReads(() => feed.current());
  const requests = createRequestsRepository(db, feed);
  const meta = createMetaRepository(db);
  const crewNames = createCrewNames(db);

  return {
    ...requests,
    ...meta,
    listQueue: (query) => queue.listQueue(query),
    locateInQueue: (query) => queue.locateInQueue(query),
    getQueueFacets() {
      const facets = queue.facets();
      const names = crewNames();
      // A crew the console no longer knows is shown by its id.
      const crews = facets.crews
        .map((crew) => ({ ...crew, name: names.get(crew.value) ?? crew.value }))
        .sort(
          (a, b) =>
            b.count - a.count ||
            (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
        );
      return { ...facets, crews };
    },
    getMapPoints: (filter) => queue.mapPoints(filter),
    getMapLayer: ({ filter, view }) => queue.mapLayer(filter, view),
    pickInArea: ({ filter, area }) => queue.pickInArea(filter, area),
    listUnlocated: (filter) => queue.unlocated(filter),
    countOpenRequests: () => queue.count(),
    getSlaStats: createSlaStatsQuery(db),
    sync: createSyncStore(db, feed, queue),
    views: createSavedViewsRepository(db),
    watched: createWatchedRepository(db),
    closedCases: createClosedCasesRepository(db),
    alertCandidates: (watched) => queue.alertCandidates(watched),
    openRequests: () => feed.current(),
    queueRows(ids) {
      const open = feed.current();
      return ids.map((id) => {
        const slot = open.slotOf(id);
        return slot === undefined ? null : queueRowAt(open, slot);
      });
    },
    transaction: (work) => db.transaction(work)(),
    optimize() {
      db.pragma('analysis_limit = 1000');
      db.exec('ANALYZE');
    },
    close() {
      if (db.open) {
        db.pragma('optimize');
        db.close();
      }
    },
  };
}
