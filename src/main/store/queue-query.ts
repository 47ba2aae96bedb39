import type { LocateQuery, QueuePage, QueueQuery } from '../../shared/contract';
import type { QueueRow } from '../../shared/domain';
import type { SqliteDatabase } from './database';
import { createDistanceOrder } from './distance-order';
import {
  filterSql,
  isEmptyFilter,
  isIndexedSort,
  orderBySql,
  sortKeySql,
  type FilterSql,
  type IndexedSort,
} from './queue-filter-sql';
import { createQueryCache } from './query-cache';
import { choosePagePlan, pageIndex } from './queue-plan';
import { createStatementCache } from './statement-cache';

export type QueueQueries = {
  listQueue(query: QueueQuery): QueuePage;
  locateInQueue(query: LocateQuery): number | null;
};

type QueueRowRecord = {
  row_id: number;
  service_request_id: string;
  service_name: string;
  address: string | null;
  neighborhood: string | null;
  queue: string | null;
  requested_at: number;
  sla_due_at: number | null;
  has_location: 0 | 1;
  work_status: QueueRow['workStatus'];
  assigned_crew_id: string | null;
  pending: 0 | 1;
};

type SortKeyRecord = {
  due_key: number;
  requested_at: number;
};

const rowColumns = `r.rowid AS row_id, r.service_request_id, r.service_name,
  r.address, r.neighborhood, r.queue, r.requested_at, r.sla_due_at,
  r.lat IS NOT NULL AS has_location, r.work_status, r.assigned_crew_id,
  r.pending`;

/** The ORDER BY columns, qualified with the joined table's alias. */
function qualified(order: string): string {
  return order
    .split(', ')
    .map((column) => `r.${column}`)
    .join(', ');
}

function toQueueRow(record: QueueRowRecord): QueueRow {
  return {
    serviceRequestId: record.service_request_id,
    serviceName: record.service_name,
    address: record.address,
    neighborhood: record.neighborhood,
    queue: record.queue,
    requestedAt: record.requested_at,
    slaDueAt: record.sla_due_at,
    hasLocation: record.has_location === 1,
    workStatus: record.work_status,
    assignedCrewId: record.assigned_crew_id,
    pending: record.pending === 1,
  };
}

export function createQueueQueries(db: SqliteDatabase): QueueQueries {
  const statement = createStatementCache(db);
  const distance = createDistanceOrder(db);
  const selectSortKey = db.prepare<[string], SortKeyRecord>(
    `SELECT due_key, requested_at
     FROM requests WHERE service_request_id = ? AND status = 'open'`,
  );

  const countAll = db
    .prepare<[], number>("SELECT count(*) FROM requests WHERE status = 'open'")
    .pluck();

  const indexedPage = (query: QueueQuery, sort: IndexedSort, total: number) => {
    const { where, params } = filterSql(query.filter);
    const plan = !isEmptyFilter(query.filter)
      ? choosePagePlan(
          total,
          countAll.get() ?? total,
          query.offset,
          query.limit,
        )
      : 'walk-sort-index';
    const index = pageIndex(plan, sort, query.filter);
    const indexedBy = index === null ? '' : `INDEXED BY ${index}`;

    // The page's rows are picked from the index alone, then only those
    // are read from the table: a broad filter never reads every match.
    const order = orderBySql[sort];
    return statement(
      `SELECT ${rowColumns}
       FROM (SELECT rowid AS page_rowid FROM requests ${indexedBy}
             WHERE ${where} ORDER BY ${order} LIMIT ? OFFSET ?) AS page
       JOIN requests AS r ON r.rowid = page.page_rowid
       ORDER BY ${qualified(order)}`,
    ).all(...params, query.limit, query.offset) as QueueRowRecord[];
  };

  const countCache = createQueryCache<number>(db, 20);
  const countOf = (filter: FilterSql) =>
    countCache(
      `${filter.where}\n${JSON.stringify(filter.params)}`,
      () =>
        statement(`SELECT count(*) FROM requests WHERE ${filter.where}`)
          .pluck()
          .get(...filter.params) as number,
    );

  const rowsByRowid = (rowids: number[]) => {
    if (rowids.length === 0) return [];

    const marks = rowids.map(() => '?').join(', ');
    const records = statement(
      `SELECT ${rowColumns} FROM requests AS r WHERE r.rowid IN (${marks})`,
    ).all(...rowids) as QueueRowRecord[];
    const byRowid = new Map(records.map((record) => [record.row_id, record]));

    return rowids.flatMap((rowid) => byRowid.get(rowid) ?? []);
  };

  // The count and the page are read in one transaction so they agree.
  const listQueue = db.transaction((query: QueueQuery): QueuePage => {
    const filter = filterSql(query.filter);
    // Scrolling asks for many pages of one filter; it is counted once.
    const total = countOf(filter);

    const records = isIndexedSort(query.sort)
      ? indexedPage(query, query.sort, total)
      : rowsByRowid(
          distance.pageRowids(
            filter,
            query.sort.from,
            query.offset,
            query.limit,
          ),
        );

    return { total, offset: query.offset, rows: records.map(toQueueRow) };
  });

  const locateInQueue = db.transaction((query: LocateQuery) => {
    const filter = filterSql(query.filter);
    if (!isIndexedSort(query.sort)) {
      return distance.locate(filter, query.sort.from, query.id);
    }

    const key = selectSortKey.get(query.id);
    if (key === undefined) return null;

    const keyValues =
      query.sort === 'due'
        ? [key.due_key, key.requested_at, query.id]
        : [key.requested_at, query.id];
    const marks = keyValues.map(() => '?').join(', ');

    // The request itself must pass the filter, or it has no index.
    const kept = statement(
      `SELECT 1 FROM requests WHERE service_request_id = ? AND ${filter.where}`,
    ).get(query.id, ...filter.params);
    if (kept === undefined) return null;

    return statement(
      `SELECT count(*) FROM requests
       WHERE ${filter.where} AND ${sortKeySql[query.sort]} < (${marks})`,
    )
      .pluck()
      .get(...filter.params, ...keyValues) as number;
  });

  return {
    listQueue: (query) => listQueue(query),
    locateInQueue: (query) => locateInQueue(query),
  };
}
