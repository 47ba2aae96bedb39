import type { LocateQuery, QueuePage, QueueQuery } from '../../shared/contract';
import type { QueueRow } from '../../shared/domain';
import type { SqliteDatabase } from './database';
import { filterSql, orderBySql, sortKeySql } from './queue-filter-sql';
import { choosePagePlan, pageIndex } from './queue-plan';
import { createStatementCache } from './statement-cache';

export type QueueQueries = {
  listQueue(query: QueueQuery): QueuePage;
  locateInQueue(query: LocateQuery): number | null;
};

type QueueRowRecord = {
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
  service_name: string;
  neighborhood_key: string;
};

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
  const selectSortKey = db.prepare<[string], SortKeyRecord>(
    `SELECT due_key, requested_at, service_name, neighborhood_key
     FROM requests WHERE service_request_id = ? AND status = 'open'`,
  );

  const countAll = db
    .prepare<[], number>("SELECT count(*) FROM requests WHERE status = 'open'")
    .pluck();

  // The count and the page are read in one transaction so they agree.
  const listQueue = db.transaction((query: QueueQuery): QueuePage => {
    const { where, params } = filterSql(query.filter);
    const filtered = params.length > 0;
    const total = statement(`SELECT count(*) FROM requests WHERE ${where}`)
      .pluck()
      .get(...params) as number;

    const plan = filtered
      ? choosePagePlan(
          total,
          countAll.get() ?? total,
          query.offset,
          query.limit,
        )
      : 'walk-sort-index';
    const index = pageIndex(plan, query.sort, query.filter);

    // The page's rows are picked from the index alone, then only those
    // are read from the table: a broad filter never reads every match.
    const order = orderBySql[query.sort];
    const records = statement(
      `SELECT r.service_request_id, r.service_name, r.address, r.neighborhood,
         r.queue, r.requested_at, r.sla_due_at,
         r.lat IS NOT NULL AS has_location, r.work_status,
         r.assigned_crew_id, r.pending
       FROM (SELECT rowid AS page_rowid FROM requests INDEXED BY ${index}
             WHERE ${where} ORDER BY ${order} LIMIT ? OFFSET ?) AS page
       JOIN requests AS r ON r.rowid = page.page_rowid
       ORDER BY ${qualified(order)}`,
    ).all(...params, query.limit, query.offset) as QueueRowRecord[];

    return { total, offset: query.offset, rows: records.map(toQueueRow) };
  });

  const locateInQueue = db.transaction((query: LocateQuery) => {
    const key = selectSortKey.get(query.id);
    if (key === undefined) return null;

    const { types, neighborhoods } = query.filter;
    if (types?.length && !types.includes(key.service_name)) return null;
    if (neighborhoods?.length && !neighborhoods.includes(key.neighborhood_key))
      return null;

    const { where, params } = filterSql(query.filter);
    const keyValues =
      query.sort === 'due'
        ? [key.due_key, key.requested_at, query.id]
        : [key.requested_at, query.id];
    const marks = keyValues.map(() => '?').join(', ');

    return statement(
      `SELECT count(*) FROM requests
       WHERE ${where} AND ${sortKeySql[query.sort]} < (${marks})`,
    )
      .pluck()
      .get(...params, ...keyValues) as number;
  });

  return {
    listQueue: (query) => listQueue(query),
    locateInQueue: (query) => locateInQueue(query),
  };
}
