import type { MapPoints, QueueFilter } from '../../shared/contract';
import type { SqliteDatabase } from './database';
import { createQueryCache } from './query-cache';
import { filterSql, type SqlValue } from './queue-filter-sql';
import { createStatementCache } from './statement-cache';

type PointRecord = [string, number, number, number, number | null];

/**
 * Open requests with a location, in request id order. Every column read
 * is in requests_open_points (migration 5), so the table is never read.
 */
export function createMapPointsQuery(db: SqliteDatabase) {
  const statement = createStatementCache(db, 50);

  // The whole map is asked for again on every filter change back to
  // none; it is read once until the requests change.
  const cache = createQueryCache<MapPoints>(db, 4);

  return (filter: QueueFilter): MapPoints => {
    const { where, params } = filterSql(filter);

    return cache(`${where}\n${JSON.stringify(params)}`, () =>
      readPoints(where, params),
    );
  };

  function readPoints(where: string, params: SqlValue[]): MapPoints {
    const records = statement(
      `SELECT service_request_id, long, lat, requested_at, sla_due_at
       FROM requests INDEXED BY requests_open_points
       WHERE ${where} AND lat IS NOT NULL
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
  }
}
