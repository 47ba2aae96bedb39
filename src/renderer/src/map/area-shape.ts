// The shapes drawn on the map to pick requests with, in screen pixels: a
// box from a Shift-drag, a free shape from the lasso. Kept apart from the
// picker so the geometry can be checked without a map.

export type Screen = [number, number];

/** A lasso of more corners than this is thinned before it is sent. */
const MAX_CORNERS = 400;

/** Corners closer than this many pixels add nothing to a lasso. */
const MIN_STEP_PX = 4;

/** A box less than this many pixels wide and high was a click. */
const CLICK_PX = 3;

/** The box's four corners, from where the drag began to where it is. */
export function boxCorners(from: Screen, to: Screen): Screen[] {
  return [from, [to[0], from[1]], to, [from[0], to[1]]];
}

/** Whether the pointer has moved far enough to add a lasso corner. */
export function addsToLasso(last: Screen, point: Screen): boolean {
  return Math.hypot(point[0] - last[0], point[1] - last[1]) >= MIN_STEP_PX;
}

/** At most MAX_CORNERS of the lasso's corners, evenly spread. */
export function thinned(points: Screen[]): Screen[] {
  if (points.length <= MAX_CORNERS) return points;
  const step = points.length / MAX_CORNERS;
  return Array.from(
    { length: MAX_CORNERS },
    (_, i) => points[Math.floor(i * step)]!,
  );
}

/** Whether a drag drew too little to pick with: a click, not a shape. */
export function wasClick(
  mode: 'box' | 'lasso',
  start: Screen,
  end: Screen,
  corners: Screen[],
): boolean {
  return mode === 'box'
    ? Math.abs(end[0] - start[0]) < CLICK_PX &&
        Math.abs(end[1] - start[1]) < CLICK_PX
    : corners.length < 3;
}

/**
 * The shape as the services take it: [long, lat] corners, kept on the
 * globe even where the shape runs past the edge of the world.
 */
export function ringOf(
  corners: Screen[],
  unproject: (point: Screen) => { lng: number; lat: number },
): [number, number][] {
  return corners.map((point) => {
    const { lng, lat } = unproject(point);
    return [
      Math.max(-180, Math.min(180, lng)),
      Math.max(-90, Math.min(90, lat)),
    ];
  });
}
