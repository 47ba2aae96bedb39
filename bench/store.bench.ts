// The store's benchmark: import speed against a bare insert loop, and queue
// query latency at 100,000 open requests. Run through `npm run bench`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Database from 'better-sqlite3';

import type { QueueFilter, QueueQuery } from '../src/shared/contract';
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

/** The floor: one transaction of plain prepared inserts, no upsert logic. */
function rawInsertSeconds(path: string, rows: StoredRequest[]): number {
  openStore(path).close();

  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  const insert = db.prepare(
    `INSERT INTO requests (${requestColumns.join(', ')})
     VALUES (${requestColumns.map(() => '?').join(', ')})`,
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

/** No filter, one type, a few types, neighbourhoods, or both. */
function randomFilter(
  types: string[],
  neighborhoods: string[],
  next: () => number,
): QueueFilter {
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

function variedQueries(store: Store, count: number): QueueQuery[] {
  const facets = store.getQueueFacets();
  const types = facets.types.map((facet) => facet.value);
  const neighborhoods = facets.neighborhoods.map((facet) => facet.value);
  const next = seededRandom(4242);

  return Array.from({ length: count }, () => {
    const filter = randomFilter(types, neighborhoods, next);
    const sort = next() < 0.5 ? 'due' : 'age';
    const total = store.listQueue({ filter, sort, offset: 0, limit: 1 }).total;
    const deepest = Math.max(0, total - PAGE);
    const offset = next() < 0.4 ? 0 : Math.floor(next() * deepest);

    return { filter, sort, offset, limit: PAGE };
  });
}

function timeEach<T>(items: T[], run: (item: T) => unknown): number[] {
  for (const item of items.slice(0, WARM_UP_QUERIES)) run(item);

  const times = items.slice(WARM_UP_QUERIES).map((item) => {
    const started = performance.now();
    run(item);
    return performance.now() - started;
  });

  return times.sort((a, b) => a - b);
}

export async function runStoreBench(emit: Emit): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'streetdesk-bench-'));

  try {
    const rows = await syntheticRequests(ROWS);

    const rawSeconds = rawInsertSeconds(join(folder, 'raw.db'), rows);
    const store = openStore(join(folder, 'store.db'));
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

    const queries = variedQueries(store, WARM_UP_QUERIES + QUERIES);
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

    const mapTimes = timeEach(queries.slice(0, 40), () =>
      store.getMapPoints({}),
    );
    emit({
      metric: 'map.points.all.p95_ms',
      value: Number(percentile(mapTimes, 0.95).toFixed(2)),
      unit: 'ms',
    });
    store.close();

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
