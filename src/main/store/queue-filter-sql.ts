import type { QueueFilter, QueueSort } from '../../shared/contract';
import { searchMatchExpression } from './search-terms';
import { slaStatesSql } from './sla-state-sql';

export type SqlValue = string | number;

/** A WHERE clause over open requests and its parameters. */
export type FilterSql = { where: string; params: SqlValue[] };

/** The sorts an index holds in order; distance is computed per query. */
export type IndexedSort = 'due' | 'age';

function distinct(values: readonly string[] | undefined): string[] {
  return values === undefined ? [] : [...new Set(values)];
}

const OPEN_ONLY = "status = 'open'";

const marks = (count: number) => new Array<string>(count).fill('?').join(', ');

/** Whether the filter keeps every open request. */
export function isEmptyFilter(filter: QueueFilter): boolean {
  return filterSql(filter).where === OPEN_ONLY;
}

/**
 * The WHERE clause for a queue filter. `status = 'open'` is written as a
 * literal so that SQLite can use the partial indexes over open requests.
 */
export function filterSql(filter: QueueFilter): FilterSql {
  const clauses = [OPEN_ONLY];
  const params: SqlValue[] = [];

  const keepAmong = (column: string, values: readonly string[] | undefined) => {
    const kept = distinct(values);
    if (kept.length === 0) return;

    clauses.push(`${column} IN (${marks(kept.length)})`);
    params.push(...kept);
  };

  keepAmong('service_name', filter.types);
  // The empty string stands for "no neighbourhood"; neighborhood_key holds
  // '' for those rows, so one IN list covers both.
  keepAmong('neighborhood_key', filter.neighborhoods);
  keepAmong('queue', filter.queues);
  keepAmong('department', filter.departments);
  keepAmong('work_status', filter.workStatuses);
  keepAmong('assigned_crew_id', filter.crewIds);

  if (filter.assigned !== undefined) {
    clauses.push(
      filter.assigned
        ? 'assigned_crew_id IS NOT NULL'
        : 'assigned_crew_id IS NULL',
    );
  }

  if (filter.slaStates?.length && filter.now !== undefined) {
    const sla = slaStatesSql(filter.slaStates, filter.now);
    if (sla !== null) {
      clauses.push(sla.sql);
      params.push(...sla.params);
    }
  }

  const match =
    filter.text === undefined ? null : searchMatchExpression(filter.text);
  if (match !== null) {
    clauses.push(
      'rowid IN (SELECT rowid FROM requests_search WHERE requests_search MATCH ?)',
    );
    params.push(match);
  }

  return { where: clauses.join(' AND '), params };
}

/** Whether the filter searches text (and so reads the search index). */
export function searchesText(filter: QueueFilter): boolean {
  return (
    filter.text !== undefined && searchMatchExpression(filter.text) !== null
  );
}

/** ORDER BY for each sort; the request id last makes the order total. */
export const orderBySql: Record<IndexedSort, string> = {
  due: 'due_key, requested_at, service_request_id',
  age: 'requested_at, service_request_id',
};

/** The sort key as a row value, for "rows before this one" comparisons. */
export const sortKeySql: Record<IndexedSort, string> = {
  due: '(due_key, requested_at, service_request_id)',
  age: '(requested_at, service_request_id)',
};

export function isIndexedSort(sort: QueueSort): sort is IndexedSort {
  return sort === 'due' || sort === 'age';
}
