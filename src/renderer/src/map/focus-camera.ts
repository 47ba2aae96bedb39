// Whether the map should move to show a request chosen in the queue. A
// dispatcher working through requests on the same streets keeps the map
// still: it moves only when the request is off screen, near an edge, or
// the map is zoomed out too far to tell one street from the next.

export type ViewBox = {
  west: number;
  south: number;
  east: number;
  north: number;
  zoom: number;
};

/** The zoom a chosen request is shown at, at least. */
export const FOCUS_ZOOM = 15;

/** The share of the view, around its centre, that counts as well in view. */
const INNER = 0.7;

export function needsFocus(
  view: ViewBox,
  point: { long: number; lat: number },
): boolean {
  if (view.zoom < FOCUS_ZOOM - 0.5) return true;

  const marginX = ((view.east - view.west) * (1 - INNER)) / 2;
  const marginY = ((view.north - view.south) * (1 - INNER)) / 2;
  const inside =
    point.long >= view.west + marginX &&
    point.long <= view.east - marginX &&
    point.lat >= view.south + marginY &&
    point.lat <= view.north - marginY;

  return !inside;
}
