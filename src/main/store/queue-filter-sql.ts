import type { QueueFilter, QueueSort } from '../../shared/contract';

/** A WHERE clause over open requests and its parameters. */
export type FilterSql = { where: string; params: string[] };

function distinct(values: readonly string[] | undefined): string[] {
  return values === undefined ? [] : [...new Set(values)];
}

/**
 * The WHERE clause for a queue filter. `status = 'open'` is written as a
 * literal so that SQLite can use the partial indexes over open requests.
 */
export function filterSql(filter: QueueFilter): FilterSql {
  const clauses = ["status = 'open'"];
  const params: string[] = [];

  const types = distinct(filter.types);
  if (types.length > 0) {
    clauses.push(`service_name IN (${types.map(() => '?').join(', ')})`);
    params.push(...types);
  }

  // The empty string stands for "no neighbourhood"; neighborhood_key holds
  // '' for those rows, so one IN list covers both.
  const neighborhoods = distinct(filter.neighborhoods);
  if (neighborhoods.length > 0) {
    const marks = neighborhoods.map(() => '?').join(', ');
    clauses.push(`neighborhood_key IN (${marks})`);
    params.push(...neighborhoods);
  }

  return { where: clauses.join(' AND '), params };
}

/** ORDER BY for each sort; the request id last makes the order total. */
export const orderBySql: Record<QueueSort, string> = {
  due: 'due_key, requested_at, service_request_id',
  age: 'requested_at, service_request_id',
};

/** The sort key as a row value, for "rows before this one" comparisons. */
export const sortKeySql: Record<QueueSort, string> = {
  due: '(due_key, requested_at, service_request_id)',
  age: '(requested_at, service_request_id)',
};
