// Distances and directions on the ground between two lat/long points.
// Shared: the services rank crews by them, the renderer words them.

const EARTH_RADIUS_M = 6_371_008.8;
const toRadians = (degrees: number) => (degrees * Math.PI) / 180;

/** Great-circle distance (haversine); plenty for a city. */
export function metresBetween(
  lat1: number,
  long1: number,
  lat2: number,
  long2: number,
): number {
  const dLat = toRadians(lat2 - lat1);
  const dLong = toRadians(long2 - long1);
  const a =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(toRadians(lat1)) *
      Math.cos(toRadians(lat2)) *
      Math.sin(dLong / 2) ** 2;

  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}

/**
 * The initial bearing from the first point to the second, in degrees
 * clockwise from north (0 up to 360).
 */
export function bearingBetween(
  lat1: number,
  long1: number,
  lat2: number,
  long2: number,
): number {
  const phi1 = toRadians(lat1);
  const phi2 = toRadians(lat2);
  const dLong = toRadians(long2 - long1);
  const y = Math.sin(dLong) * Math.cos(phi2);
  const x =
    Math.cos(phi1) * Math.sin(phi2) -
    Math.sin(phi1) * Math.cos(phi2) * Math.cos(dLong);
  const degrees = (Math.atan2(y, x) * 180) / Math.PI;

  return (degrees + 360) % 360;
}

const COMPASS_POINTS = ['N', 'NE', 'E', 'SE', 'S', 'SW', 'W', 'NW'] as const;

export type CompassPoint = (typeof COMPASS_POINTS)[number];

/** The nearest of the eight compass points to a bearing in degrees. */
export function compassPoint(bearing: number): CompassPoint {
  const turn = ((bearing % 360) + 360) % 360;

  return COMPASS_POINTS[Math.round(turn / 45) % 8]!;
}

/** A lat/long box holding every point within `metres` of the centre. */
export function boxAround(lat: number, long: number, metres: number) {
  const dLat = (metres / EARTH_RADIUS_M) * (180 / Math.PI);
  const dLong = dLat / Math.max(Math.cos(toRadians(lat)), 1e-6);

  return {
    south: lat - dLat,
    north: lat + dLat,
    west: long - dLong,
    east: long + dLong,
  };
}

/** "350 m" or "2.4 km", for reasons and lists. */
export function formatMetres(metres: number): string {
  if (metres < 1000) return `${Math.round(metres / 10) * 10} m`;

  return `${(metres / 1000).toFixed(1)} km`;
}
