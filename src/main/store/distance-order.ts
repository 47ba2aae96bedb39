// The queue in distance order from a point: located requests nearest
// first, then those without a location in time-to-breach order. Distance
// is on a flat projection around the point, which orders a city's
// requests as the ground distance does.
import type { DistanceSort } from '../../shared/contract';
import type { SqliteDatabase } from './database';
import { orderBySql, type FilterSql, type SqlValue } from './queue-filter-sql';
import { createStatementCache } from './statement-cache';

export type DistanceOrder = {
  /** The rowids of one page, in order. */
  pageRowids(
    filter: FilterSql,
    from: DistanceSort['from'],
    offset: number,
    limit: number,
  ): number[];
  /** The request's index in that order; null if the filter drops it. */
  locate(
    filter: FilterSql,
    from: DistanceSort['from'],
    id: string,
  ): number | null;
};

/** dx, dy in degrees of latitude, from the point's parameters. */
const offsetColumns = '(long - ?) * ? AS dx, lat - ? AS dy';
const squared = 'dx * dx + dy * dy';

function projection(from: DistanceSort['from']): SqlValue[] {
  const shrink = Math.cos((from.lat * Math.PI) / 180);

  return [from.long, shrink, from.lat];
}

export function createDistanceOrder(db: SqliteDatabase): DistanceOrder {
  const statement = createStatementCache(db, 100);

  const located = ({ where }: FilterSql) =>
    `FROM requests INDEXED BY requests_open_points
     WHERE ${where} AND lat IS NOT NULL`;
  const unlocated = ({ where }: FilterSql) =>
    `FROM requests INDEXED BY requests_open_unlocated
     WHERE ${where} AND lat IS NULL`;

  const count = (from: string, params: SqlValue[]) =>
    statement(`SELECT count(*) ${from}`)
      .pluck()
      .get(...params) as number;

  const pageRowids: DistanceOrder['pageRowids'] = (
    filter,
    from,
    offset,
    limit,
  ) => {
    const locatedCount = count(located(filter), filter.params);
    const rowids: number[] = [];

    if (offset < locatedCount) {
      const near = statement(
        `SELECT rowid FROM (
           SELECT rowid, service_request_id, ${offsetColumns}
           ${located(filter)})
         ORDER BY ${squared}, service_request_id LIMIT ? OFFSET ?`,
      )
        .pluck()
        .all(...projection(from), ...filter.params, limit, offset) as number[];
      rowids.push(...near);
    }

    const left = limit - rowids.length;
    if (left > 0) {
      const tail = statement(
        `SELECT rowid ${unlocated(filter)}
         ORDER BY ${orderBySql.due} LIMIT ? OFFSET ?`,
      )
        .pluck()
        .all(
          ...filter.params,
          left,
          Math.max(0, offset - locatedCount),
        ) as number[];
      rowids.push(...tail);
    }

    return rowids;
  };

  const locate: DistanceOrder['locate'] = (filter, from, id) => {
    const target = statement(
      `SELECT ${squared} AS distance, lat IS NOT NULL AS has_location,
         due_key, requested_at
       FROM (SELECT ${offsetColumns}, due_key, requested_at, lat
             FROM requests WHERE service_request_id = ? AND ${filter.where})`,
    ).get(...projection(from), id, ...filter.params) as
      | {
          distance: number | null;
          has_location: 0 | 1;
          due_key: number;
          requested_at: number;
        }
      | undefined;
    if (target === undefined) return null;

    if (target.has_location === 1) {
      return statement(
        `SELECT count(*) FROM (
           SELECT service_request_id, ${offsetColumns} ${located(filter)})
         WHERE (${squared}, service_request_id) < (?, ?)`,
      )
        .pluck()
        .get(
          ...projection(from),
          ...filter.params,
          target.distance,
          id,
        ) as number;
    }

    const before = statement(
      `SELECT count(*) ${unlocated(filter)}
       AND (due_key, requested_at, service_request_id) < (?, ?, ?)`,
    )
      .pluck()
      .get(...filter.params, target.due_key, target.requested_at, id) as number;

    return count(located(filter), filter.params) + before;
  };

  return { pageRowids, locate };
}
