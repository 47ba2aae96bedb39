// The open requests the map cannot draw: those with no location. The map
// lists them apart instead of pinning them to some default spot.
import type { QueueFilter, UnlocatedRequests } from '../../shared/contract';
import type { QueueRow } from '../../shared/domain';
import type { SqliteDatabase } from './database';
import { filterSql, orderBySql } from './queue-filter-sql';
import { createStatementCache } from './statement-cache';

/** The list is a side panel: this many rows, and the count of the rest. */
export const UNLOCATED_LIMIT = 200;

type UnlocatedRecord = {
  service_request_id: string;
  service_name: string;
  address: string | null;
  neighborhood: string | null;
  queue: string | null;
  requested_at: number;
  sla_due_at: number | null;
  work_status: QueueRow['workStatus'];
  assigned_crew_id: string | null;
  pending: 0 | 1;
};

/** Open requests without a location matching the filter, most urgent first. */
export function createUnlocatedQuery(db: SqliteDatabase) {
  const statement = createStatementCache(db, 20);

  return (filter: QueueFilter): UnlocatedRequests => {
    const { where, params } = filterSql(filter);
    const unlocated = `${where} AND lat IS NULL`;

    const total = statement(`SELECT count(*) FROM requests WHERE ${unlocated}`)
      .pluck()
      .get(...params) as number;

    const records = statement(
      `SELECT service_request_id, service_name, address, neighborhood, queue,
         requested_at, sla_due_at, work_status, assigned_crew_id, pending
       FROM requests WHERE ${unlocated}
       ORDER BY ${orderBySql.due} LIMIT ${UNLOCATED_LIMIT}`,
    ).all(...params) as UnlocatedRecord[];

    return { total, rows: records.map(toUnlocatedRow) };
  };
}

function toUnlocatedRow(record: UnlocatedRecord): QueueRow {
  return {
    serviceRequestId: record.service_request_id,
    serviceName: record.service_name,
    address: record.address,
    neighborhood: record.neighborhood,
    queue: record.queue,
    requestedAt: record.requested_at,
    slaDueAt: record.sla_due_at,
    hasLocation: false,
    workStatus: record.work_status,
    assignedCrewId: record.assigned_crew_id,
    pending: record.pending === 1,
  };
}
