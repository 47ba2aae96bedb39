// Distances on the ground between two lat/long points, in metres.

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
