import type {
  CrewFacetValue,
  FacetValue,
  QueueFacets,
} from '../../shared/contract';
import type { SqliteDatabase } from './database';

/** Open requests per value of a column, most frequent first. */
const countsBy = (column: string, extra = '') => `
  SELECT ${column} AS value, count(*) AS count
  FROM requests WHERE status = 'open' ${extra}
  GROUP BY ${column} ORDER BY count DESC, value`;

export function createQueueFacetsQuery(db: SqliteDatabase) {
  const byType = db.prepare<[], FacetValue>(countsBy('service_name'));
  // '' stands for the open requests with no neighbourhood.
  const byNeighborhood = db.prepare<[], FacetValue>(
    countsBy('neighborhood_key'),
  );
  const byQueue = db.prepare<[], FacetValue>(
    countsBy('queue', 'AND queue IS NOT NULL'),
  );
  const byDepartment = db.prepare<[], FacetValue>(
    countsBy('department', 'AND department IS NOT NULL'),
  );
  // A crew the console no longer knows is shown by its id.
  const byCrew = db.prepare<[], CrewFacetValue>(
    `SELECT a.value, a.count, coalesce(c.name, a.value) AS name
     FROM (${countsBy('assigned_crew_id', 'AND assigned_crew_id IS NOT NULL')})
       AS a
     LEFT JOIN crews AS c ON c.id = a.value
     ORDER BY a.count DESC, name`,
  );

  const read = db.transaction((): QueueFacets => ({
    types: byType.all(),
    neighborhoods: byNeighborhood.all(),
    queues: byQueue.all(),
    departments: byDepartment.all(),
    crews: byCrew.all(),
  }));

  return () => read();
}
