// Where a crew was last seen, in words a dispatcher can place at a glance:
// how far and which way from its depot, e.g. "1.2 km NE of the depot".
import {
  bearingBetween,
  compassPoint,
  formatMetres,
  metresBetween,
} from '../../../shared/geo-distance';
import type { Crew } from '../../../shared/sync-protocol';

/** Closer than this to its depot, a crew is at the depot. */
export const AT_DEPOT_METRES = 150;

type Place = Pick<Crew, 'depotLat' | 'depotLong' | 'lastLat' | 'lastLong'>;

/** Null when the crew has reported no position (off shift, say). */
export function lastSeenWords(crew: Place): string | null {
  const { depotLat, depotLong, lastLat, lastLong } = crew;
  if (lastLat === null || lastLong === null) return null;

  const metres = metresBetween(depotLat, depotLong, lastLat, lastLong);
  if (metres < AT_DEPOT_METRES) return 'at the depot';

  const way = compassPoint(
    bearingBetween(depotLat, depotLong, lastLat, lastLong),
  );
  return `${formatMetres(metres)} ${way} of the depot`;
}
