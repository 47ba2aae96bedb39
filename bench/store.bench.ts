// The store's benchmark: import speed against a bare insert loop, and queue
// query latency at 100,000 open requests. Run through `npm run bench`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Database from 'better-sqlite3';

import type {
  QueueFilter,
  QueueQuery,
  QueueSort,
} from '../src/shared/contract';
import { importBostonCsv } from '../src/main/import/import-boston-csv';
import { openStore, type Store } from '../src/main/store/store';
import {
  requestColumns,
  toRowValues,
  type StoredRequest,
} from '../src/main/store/stored-request';
import type { Emit } from './run';
import {
  percentile,
  seededRandom,
  SEED_CSV,
  syntheticRequests,
} from './synthetic-requests';

const ROWS = 100_000;
const IMPORT_BATCH = 5_000;
const QUERIES = 200;
const WARM_UP_QUERIES = 20;
const PAGE = 100;

/** The synthetic rows are from 2015: SLA states are judged in mid-2015. */
const BENCH_NOW = Date.UTC(2015, 5, 1);

/** Gives three requests in four a crew and a work status, as on a shift. */
function dispatchSome(path: string): void {
  const db = new Database(path);
  db.exec(
    `UPDATE requests_confirmed SET
       work_status = CASE CAST(service_request_id AS INTEGER) % 4
         WHEN 0 THEN 'open' WHEN 1 THEN 'assigned'
         WHEN 2 THEN 'in_progress' ELSE 'resolved' END,
       assigned_crew_id =
         CASE WHEN CAST(service_request_id AS INTEGER) % 4 = 0 THEN NULL
         ELSE 'CREW-' || (CAST(service_request_id AS INTEGER) % 40) END`,
  );
  db.close();
}

/**
 * The floor: one transaction of plain prepared inserts, no upsert logic,
 * into the table imports write (the `requests` view reads it).
 */
function rawInsertSeconds(path: string, rows: StoredRequest[]): number {
  openStore(path).close();

  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  const insert = db.prepare(
    `INSERT INTO requests_confirmed (${requestColumns.join(', ')},
       work_status, version)
     VALUES (${requestColumns.map(() => '?').join(', ')}, 'open', 1)`,
  );

  const started = performance.now();
  db.transaction(() => {
    for (const row of rows) insert.run(toRowValues(row));
  })();
  const seconds = (performance.now() - started) / 1000;

  db.close();
  return seconds;
}

function storeImportSeconds(store: Store, rows: StoredRequest[]): number {
  const started = performance.now();
  for (let at = 0; at < rows.length; at += IMPORT_BATCH) {
    store.upsertRequests(rows.slice(at, at + IMPORT_BATCH));
  }
  store.optimize();

  return (performance.now() - started) / 1000;
}

function pick<T>(values: T[], next: () => number, count: number): T[] {
  const chosen = new Set<T>();
  while (chosen.size < Math.min(count, values.length)) {
    chosen.add(values[Math.floor(next() * values.length)] as T);
  }
  return [...chosen];
}

type FacetLists = {
  types: string[];
  neighborhoods: string[];
  queues: string[];
  crews: string[];
};

/** No filter, one type, a few types, neighbourhoods, or both. */
function randomFilter(lists: FacetLists, next: () => number): QueueFilter {
  const { types, neighborhoods } = lists;
  const kind = next();
  const few = () => 2 + Math.floor(next() * 4);

  if (kind < 0.3) return {};
  if (kind < 0.55) return { types: pick(types, next, 1) };
  if (kind < 0.7) return { types: pick(types, next, few()) };
  if (kind < 0.85) {
    return {
      neighborhoods: pick(neighborhoods, next, 1 + Math.floor(next() * 2)),
    };
  }
  return {
    types: pick(types.slice(0, 20), next, 2),
    neighborhoods: pick(neighborhoods, next, 1),
  };
}

/** Words dispatchers search for: streets, types, and very common ones. */
const SEARCHES = ['tremont', 'washington st', 'pothole', 'light', 'st', 'ave'];

/** One of the dispatch floor's filters, alone or over an older one. */
function dispatchFilter(
  lists: FacetLists,
  next: () => number,
  now: number,
): QueueFilter {
  const base = next() < 0.5 ? {} : randomFilter(lists, next);
  const kind = next();

  if (kind < 0.2) {
    const states = ['breached', 'at_risk', 'on_track', 'no_sla'] as const;
    return { ...base, slaStates: pick([...states], next, 1), now };
  }
  if (kind < 0.35) return { ...base, assigned: next() < 0.5 };
  if (kind < 0.5) return { ...base, workStatuses: ['in_progress'] };
  if (kind < 0.65) return { ...base, queues: pick(lists.queues, next, 1) };
  if (kind < 0.75) return { ...base, crewIds: pick(lists.crews, next, 2) };
  return { ...base, text: SEARCHES[Math.floor(next() * SEARCHES.length)] };
}

function randomSort(next: () => number): QueueSort {
  const kind = next();
  if (kind < 0.4) return 'due';
  if (kind < 0.7) return 'age';
  // A point somewhere in Boston: the map's centre or a selected request.
  return {
    by: 'distance',
    from: { lat: 42.3 + next() * 0.08, long: -71.12 + next() * 0.1 },
  };
}

function variedQueries(
  store: Store,
  count: number,
  seed: number,
  newFilters: boolean,
): QueueQuery[] {
  const facets = store.getQueueFacets();
  const lists: FacetLists = {
    types: facets.types.map((facet) => facet.value),
    neighborhoods: facets.neighborhoods.map((facet) => facet.value),
    queues: facets.queues.map((facet) => facet.value),
    crews: facets.crews.map((facet) => facet.value),
  };
  const next = seededRandom(seed);
  const now = BENCH_NOW;

  return Array.from({ length: count }, () => {
    const filter = newFilters
      ? dispatchFilter(lists, next, now)
      : randomFilter(lists, next);
    const sort: QueueSort = newFilters
      ? randomSort(next)
      : next() < 0.5
        ? 'due'
        : 'age';
    const total = store.listQueue({ filter, sort, offset: 0, limit: 1 }).total;
    const deepest = Math.max(0, total - PAGE);
    const offset = next() < 0.4 ? 0 : Math.floor(next() * deepest);

    return { filter, sort, offset, limit: PAGE };
  });
}

/** Times each run; `before` (not timed) runs first, e.g. to make a change. */
function timeEach<T>(
  items: T[],
  run: (item: T) => unknown,
  before: () => void = () => {},
): number[] {
  for (const item of items.slice(0, WARM_UP_QUERIES)) run(item);

  const times = items.slice(WARM_UP_QUERIES).map((item) => {
    before();
    const started = performance.now();
    run(item);
    return performance.now() - started;
  });

  return times.sort((a, b) => a - b);
}

/**
 * The dispatch floor's filters and sorts (SLA state, assignment, work
 * status, queue, crew, search, distance), each query on a store that has
 * just changed, so no cached count or order answers it.
 */
async function runDispatchFloorQueries(store: Store, emit: Emit) {
  const queries = variedQueries(store, WARM_UP_QUERIES + QUERIES, 911, true);
  const change = () => store.setMeta('bench.change', String(Math.random()));

  const times = timeEach(queries, (query) => store.listQueue(query), change);
  emit({
    metric: 'queue.query.dispatch_floor.p95_ms',
    value: Number(percentile(times, 0.95).toFixed(2)),
    unit: 'ms',
    mix: 'new filters, search, distance sort; store changed before each',
    queries: times.length,
    goal: '<= 16',
  });
  emit({
    metric: 'queue.query.dispatch_floor.p50_ms',
    value: Number(percentile(times, 0.5).toFixed(2)),
    unit: 'ms',
  });

  // Scrolling: the next page of the same query, nothing changed between.
  const nextPages = timeEach(queries, (query) =>
    store.listQueue({ ...query, offset: query.offset + PAGE }),
  );
  emit({
    metric: 'queue.query.dispatch_floor_scroll.p95_ms',
    value: Number(percentile(nextPages, 0.95).toFixed(2)),
    unit: 'ms',
  });

  const mapTimes = timeEach(
    queries.slice(0, 80),
    (query) => store.getMapPoints(query.filter),
    change,
  );
  emit({
    metric: 'map.points.filtered.p95_ms',
    value: Number(percentile(mapTimes, 0.95).toFixed(2)),
    unit: 'ms',
  });
  await Promise.resolve();
}

export async function runStoreBench(emit: Emit): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'streetdesk-bench-'));

  try {
    const rows = await syntheticRequests(ROWS);

    const rawSeconds = rawInsertSeconds(join(folder, 'raw.db'), rows);
    const storePath = join(folder, 'store.db');
    const store = openStore(storePath);
    const importSeconds = storeImportSeconds(store, rows);

    emit({
      metric: 'store.import.rows_per_s',
      value: Math.round(ROWS / importSeconds),
      unit: 'rows/s',
      rows: ROWS,
      batch: IMPORT_BATCH,
    });
    emit({
      metric: 'store.import.raw_rows_per_s',
      value: Math.round(ROWS / rawSeconds),
      unit: 'rows/s',
      rows: ROWS,
    });
    emit({
      metric: 'store.import.ratio_to_raw',
      value: Number((rawSeconds / importSeconds).toFixed(3)),
      unit: 'ratio',
      goal: '>= 0.5',
    });

    const queries = variedQueries(
      store,
      WARM_UP_QUERIES + QUERIES,
      4242,
      false,
    );
    const queryTimes = timeEach(queries, (query) => store.listQueue(query));
    emit({
      metric: 'queue.query.p95_ms',
      value: Number(percentile(queryTimes, 0.95).toFixed(2)),
      unit: 'ms',
      openRequests: store.countOpenRequests(),
      queries: queryTimes.length,
      goal: '<= 16',
    });
    emit({
      metric: 'queue.query.p50_ms',
      value: Number(percentile(queryTimes, 0.5).toFixed(2)),
      unit: 'ms',
    });

    const locateTimes = timeEach(queries, (query) => {
      const id = rows[Math.floor(query.offset % ROWS)]?.serviceRequestId;
      if (id !== undefined) {
        store.locateInQueue({ id, filter: query.filter, sort: query.sort });
      }
    });
    emit({
      metric: 'queue.locate.p95_ms',
      value: Number(percentile(locateTimes, 0.95).toFixed(2)),
      unit: 'ms',
    });

    const facetTimes = timeEach(queries.slice(0, 40), () =>
      store.getQueueFacets(),
    );
    emit({
      metric: 'queue.facets.p95_ms',
      value: Number(percentile(facetTimes, 0.95).toFixed(2)),
      unit: 'ms',
    });

    // Each read after a write, so the points cache never answers.
    const mapTimes = timeEach(
      queries.slice(0, 40),
      () => store.getMapPoints({}),
      () => store.setMeta('bench.map', String(Math.random())),
    );
    emit({
      metric: 'map.points.all.p95_ms',
      value: Number(percentile(mapTimes, 0.95).toFixed(2)),
      unit: 'ms',
      note: 'after a change to the store: the cache is cold',
    });
    const warmMapTimes = timeEach(queries.slice(0, 40), () =>
      store.getMapPoints({}),
    );
    emit({
      metric: 'map.points.all_unchanged.p95_ms',
      value: Number(percentile(warmMapTimes, 0.95).toFixed(2)),
      unit: 'ms',
    });

    store.close();
    dispatchSome(storePath);
    const dispatched = openStore(storePath);
    await runDispatchFloorQueries(dispatched, emit);
    dispatched.close();

    const csvStore = openStore(join(folder, 'csv.db'));
    const started = performance.now();
    const report = await importBostonCsv(csvStore, { path: SEED_CSV });
    const csvSeconds = (performance.now() - started) / 1000;
    csvStore.close();
    emit({
      metric: 'store.import_csv.rows_per_s',
      value: Math.round(report.imported / csvSeconds),
      unit: 'rows/s',
      rows: report.imported,
      file: 'resources/seed (gzip CSV, parse + map + store)',
    });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
