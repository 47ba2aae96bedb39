import type { FacetValue, QueueFacets } from '../../shared/contract';
import type { SqliteDatabase } from './database';

export function createQueueFacetsQuery(db: SqliteDatabase) {
  const byType = db.prepare<[], FacetValue>(
    `SELECT service_name AS value, count(*) AS count
     FROM requests WHERE status = 'open'
     GROUP BY service_name ORDER BY count DESC, value`,
  );
  // '' stands for the open requests with no neighbourhood.
  const byNeighborhood = db.prepare<[], FacetValue>(
    `SELECT neighborhood_key AS value, count(*) AS count
     FROM requests WHERE status = 'open'
     GROUP BY neighborhood_key ORDER BY count DESC, value`,
  );

  const read = db.transaction((): QueueFacets => ({
    types: byType.all(),
    neighborhoods: byNeighborhood.all(),
  }));

  return () => read();
}
