// What the map draws for one view: the matching requests inside its
// bounds, as points when few enough, otherwise gathered into clusters on a
// screen grid. Computed here, from the in-memory index, so that the window
// gets a few thousand features at most whatever the size of the queue, and
// a filter change redraws at once.
import type { MapArea, MapLayer, MapView } from '../../shared/contract';
import type { SlaState } from '../../shared/domain';
import type { SlotTest } from './filter-match';
import { mercatorY, NO_SLA_DUE_KEY, type OpenRequests } from './open-requests';

/** Up to this many requests in view are drawn one by one. */
export const MAX_POINTS = 2_500;

/** A cluster gathers the requests within a cell this many pixels wide. */
const CELL_PX = 64;

/** MapLibre's world is 512 pixels wide at zoom 0. */
const TILE_PX = 512;

/** One cell of the cluster grid, summed as requests fall in it. */
type Cell = {
  first: number;
  count: number;
  sumLat: number;
  sumLong: number;
  south: number;
  north: number;
  west: number;
  east: number;
  breached: number;
  atRisk: number;
  onTrack: number;
};

function dueOf(index: OpenRequests, slot: number): number | null {
  const due = index.dueKey[slot]!;
  return due === NO_SLA_DUE_KEY ? null : due;
}

export function mapLayer(
  index: OpenRequests,
  test: SlotTest | null,
  view: MapView,
): MapLayer {
  const layer: MapLayer = {
    inView: 0,
    points: {
      ids: [],
      coords: [],
      requestedAt: [],
      slaDueAt: [],
      duplicate: [],
    },
    clusters: [],
  };
  const addPoint = (slot: number) => {
    layer.points.ids.push(index.ids[slot]!);
    layer.points.coords.push(index.long[slot]!, index.lat[slot]!);
    layer.points.requestedAt.push(index.requestedAt[slot]!);
    layer.points.slaDueAt.push(dueOf(index, slot));
    layer.points.duplicate!.push(index.duplicateOf[slot] !== undefined);
  };

  // One pass over the slots in storage order, which reads the columns
  // front to back (in due order it would jump about them): each request
  // in view and kept by the filter is added into its cell's sums, and the
  // first few are kept in case there are few enough to draw one by one.
  // Cells lie on a screen grid at the view's zoom, numbered in order of
  // first sight; a cell is keyed from the view's corner, so keys stay
  // small integers, which a Map hashes fastest.
  const cellsAcross = (TILE_PX * 2 ** view.zoom) / CELL_PX;
  const firstColumn = Math.floor(((view.west + 180) / 360) * cellsAcross);
  const firstRow = Math.floor(mercatorY(view.north) * cellsAcross);
  const rows = Math.floor(mercatorY(view.south) * cellsAcross) - firstRow + 1;
  const { south: viewSouth, north: viewNorth } = view;
  const { west: viewWest, east: viewEast, now } = view;
  const noSla = NO_SLA_DUE_KEY;

  // Each cell's first slot, count, sums, bounds and states, in order of
  // first sight.
  const cells = new Map<number, Cell>();
  const few: number[] = [];
  let inView = 0;

  const { ids, lat: lats, long: longs, mercatorX } = index;
  const { mercatorY: mercatorYs, dueKey, atRiskFrom } = index;
  for (let slot = 0; slot < ids.length; slot += 1) {
    const lat = lats[slot]!;
    const long = longs[slot]!;
    // NaN (no location) fails every comparison.
    if (!(lat >= viewSouth && lat <= viewNorth)) continue;
    if (!(long >= viewWest && long <= viewEast)) continue;
    if (ids[slot] === undefined) continue;
    if (test !== null && !test(slot)) continue;

    inView += 1;
    if (few.length <= MAX_POINTS) few.push(slot);

    const column = Math.floor(mercatorX[slot]! * cellsAcross);
    const row = Math.floor(mercatorYs[slot]! * cellsAcross);
    const key = (column - firstColumn) * rows + (row - firstRow);
    let cell = cells.get(key);
    if (cell === undefined) {
      cell = {
        first: slot,
        count: 0,
        sumLat: 0,
        sumLong: 0,
        south: lat,
        north: lat,
        west: long,
        east: long,
        breached: 0,
        atRisk: 0,
        onTrack: 0,
      };
      cells.set(key, cell);
    }
    cell.count += 1;
    cell.sumLat += lat;
    cell.sumLong += long;
    if (lat < cell.south) cell.south = lat;
    if (lat > cell.north) cell.north = lat;
    if (long < cell.west) cell.west = long;
    if (long > cell.east) cell.east = long;
    // As slaState() judges, in comparisons of the index's columns.
    const due = dueKey[slot]!;
    if (due === noSla) continue;
    if (due <= now) cell.breached += 1;
    else if (atRiskFrom[slot]! <= now) cell.atRisk += 1;
    else cell.onTrack += 1;
  }
  layer.inView = inView;

  if (inView <= MAX_POINTS) {
    // Least urgent first: the map draws later features on top.
    few.sort((a, b) => index.compareDue(b, a));
    for (const slot of few) addPoint(slot);
    return layer;
  }

  for (const cell of cells.values()) {
    if (cell.count === 1) {
      addPoint(cell.first);
      continue;
    }
    const worst: SlaState =
      cell.breached > 0
        ? 'breached'
        : cell.atRisk > 0
          ? 'at_risk'
          : cell.onTrack > 0
            ? 'on_track'
            : 'no_sla';
    layer.clusters.push({
      long: cell.sumLong / cell.count,
      lat: cell.sumLat / cell.count,
      count: cell.count,
      worst,
      breached: cell.breached,
      atRisk: cell.atRisk,
      bounds: {
        south: cell.south,
        north: cell.north,
        west: cell.west,
        east: cell.east,
      },
    });
  }
  return layer;
}

/** Ray casting: whether the point is inside the ring of [long, lat]. */
function insideRing(long: number, lat: number, ring: [number, number][]) {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i, i += 1) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    const crosses =
      yi > lat !== yj > lat && long < ((xj - xi) * (lat - yi)) / (yj - yi) + xi;
    if (crosses) inside = !inside;
  }
  return inside;
}

/**
 * The matching requests inside a box or lasso drawn on the map, most
 * urgent first, at most `limit`; `total` counts them all.
 */
export function requestsInArea(
  index: OpenRequests,
  test: SlotTest | null,
  area: MapArea,
  limit: number,
): { ids: string[]; total: number } {
  const ring = area.ring;
  let south = 90;
  let north = -90;
  let west = 180;
  let east = -180;
  for (const [long, lat] of ring) {
    south = Math.min(south, lat);
    north = Math.max(north, lat);
    west = Math.min(west, long);
    east = Math.max(east, long);
  }

  const ids: string[] = [];
  let total = 0;
  for (const slot of index.byDue.slots()) {
    const lat = index.lat[slot]!;
    const long = index.long[slot]!;
    if (Number.isNaN(lat) || lat < south || lat > north) continue;
    if (long < west || long > east || !insideRing(long, lat, ring)) continue;
    if (test !== null && !test(slot)) continue;
    total += 1;
    if (ids.length < limit) ids.push(index.ids[slot]!);
  }
  return { ids, total };
}
