// Whether a point lies inside a GeoJSON polygon, by counting how many of
// the polygon's edges a ray from the point crosses (even-odd rule). Plane
// geometry on longitude/latitude is exact enough at city scale.

/** [longitude, latitude], as GeoJSON orders them. */
export type Position = readonly [number, number] | readonly number[];
/** An outer ring, then any holes. */
export type PolygonRings = readonly (readonly Position[])[];

export function insideRing(
  long: number,
  lat: number,
  ring: readonly Position[],
): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i, i += 1) {
    const [xi = 0, yi = 0] = ring[i] ?? [];
    const [xj = 0, yj = 0] = ring[j] ?? [];
    const crosses =
      yi > lat !== yj > lat && long < ((xj - xi) * (lat - yi)) / (yj - yi) + xi;
    if (crosses) inside = !inside;
  }

  return inside;
}

/** Inside the outer ring and in none of its holes. */
export function insidePolygon(
  long: number,
  lat: number,
  rings: PolygonRings,
): boolean {
  const [outer, ...holes] = rings;
  if (outer === undefined || !insideRing(long, lat, outer)) return false;

  return !holes.some((hole) => insideRing(long, lat, hole));
}
