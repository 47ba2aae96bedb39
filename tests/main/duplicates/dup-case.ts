// Small builders for the duplicate-finding tests: requests placed by metres
// from a Boston street corner, so a test reads "40 m east" rather than a
// sixth decimal of longitude.
import type { DupCase } from '../../../src/main/duplicates/duplicate-types';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** A weekday morning in 2015, when the Boston export was written. */
export const T0 = Date.UTC(2015, 4, 12, 13, 0, 0);

/** Washington St at Boylston St, downtown. */
export const ORIGIN = { lat: 42.3525, long: -71.0628 };

const METRES_PER_DEGREE_LAT = 111_195;

/** The point `north` and `east` metres from ORIGIN (or from `from`). */
export function metresFrom(
  north: number,
  east: number,
  from: { lat: number; long: number } = ORIGIN,
): { lat: number; long: number } {
  const lat = from.lat + north / METRES_PER_DEGREE_LAT;
  const long =
    from.long +
    east / (METRES_PER_DEGREE_LAT * Math.cos((from.lat * Math.PI) / 180));

  return { lat, long };
}

/** An open Graffiti Removal at ORIGIN, opened at T0, unless told otherwise. */
export function dupCase(id: string, extra: Partial<DupCase> = {}): DupCase {
  return {
    id,
    type: 'Graffiti Removal',
    lat: ORIGIN.lat,
    long: ORIGIN.long,
    address: null,
    description: null,
    openedAt: T0,
    closedAt: null,
    ...extra,
  };
}

/** As dupCase, placed `north` and `east` metres from ORIGIN. */
export function caseAtMetres(
  id: string,
  north: number,
  east: number,
  extra: Partial<DupCase> = {},
): DupCase {
  return dupCase(id, { ...metresFrom(north, east), ...extra });
}
