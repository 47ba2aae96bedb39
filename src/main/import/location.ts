/**
 * The Boston export puts cases it could not geocode at City Hall. Such a
 * request has no location: showing it at City Hall would mislead.
 */
const CITY_HALL_PLACEHOLDER = { lat: 42.3594, long: -71.0587 };

export type Location = { lat: number; long: number } | null;

/** A location, or the reason the coordinates cannot be used. */
export type LocationResult =
  { ok: true; location: Location } | { ok: false; reason: string };

export function checkCoordinates(lat: number, long: number): LocationResult {
  if (!Number.isFinite(lat) || lat < -90 || lat > 90) {
    return { ok: false, reason: `latitude ${lat} is outside -90..90` };
  }
  if (!Number.isFinite(long) || long < -180 || long > 180) {
    return { ok: false, reason: `longitude ${long} is outside -180..180` };
  }

  return { ok: true, location: { lat, long } };
}

export function isCityHallPlaceholder(lat: number, long: number): boolean {
  return (
    Math.abs(lat - CITY_HALL_PLACEHOLDER.lat) < 1e-9 &&
    Math.abs(long - CITY_HALL_PLACEHOLDER.long) < 1e-9
  );
}
