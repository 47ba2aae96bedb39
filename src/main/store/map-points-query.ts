import type { MapPoints, QueueFilter } from '../../shared/contract';
import type { SqliteDatabase } from './database';
import { filterSql } from './queue-filter-sql';
import { createStatementCache } from './statement-cache';

type PointRecord = [string, number, number, number, number | null];

/** Open requests with a location, in request id order. */
export function createMapPointsQuery(db: SqliteDatabase) {
  const statement = createStatementCache(db, 50);

  return (filter: QueueFilter): MapPoints => {
    const { where, params } = filterSql(filter);
    const records = statement(
      `SELECT service_request_id, long, lat, requested_at, sla_due_at
       FROM requests WHERE ${where} AND lat IS NOT NULL
       ORDER BY service_request_id`,
    )
      .raw(true)
      .all(...params) as PointRecord[];

    const points: MapPoints = {
      ids: new Array<string>(records.length),
      coords: new Array<number>(records.length * 2),
      requestedAt: new Array<number>(records.length),
      slaDueAt: new Array<number | null>(records.length),
    };

    records.forEach(([id, long, lat, requestedAt, slaDueAt], index) => {
      points.ids[index] = id;
      points.coords[index * 2] = long;
      points.coords[index * 2 + 1] = lat;
      points.requestedAt[index] = requestedAt;
      points.slaDueAt[index] = slaDueAt;
    });

    return points;
  };
}
