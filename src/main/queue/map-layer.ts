// What the map draws for one view: the matching requests inside its
// bounds, as points when few enough, otherwise gathered into clusters on a
// screen grid. Computed here, from the in-memory index, so that the window
// gets a few thousand features at most whatever the size of the queue, and
// a filter change redraws at once.
import type { MapArea, MapLayer, MapView } from '../../shared/contract';
import type { SlaState } from '../../shared/domain';
import type { SlotTest } from './filter-match';
import { NO_SLA_DUE_KEY, type OpenRequests } from './open-requests';

/** Up to this many requests in view are drawn one by one. */
export const MAX_POINTS = 2_500;

/** A cluster gathers the requests within a cell this many pixels wide. */
const CELL_PX = 64;

/** MapLibre's world is 512 pixels wide at zoom 0. */
const TILE_PX = 512;

function dueOf(index: OpenRequests, slot: number): number | null {
  const due = index.dueKey[slot]!;
  return due === NO_SLA_DUE_KEY ? null : due;
}

function inView(view: MapView, lat: number, long: number): boolean {
  return (
    lat >= view.south &&
    lat <= view.north &&
    long >= view.west &&
    long <= view.east
  );
}

/** Slots passing the filter with a location inside the view. */
function slotsInView(
  index: OpenRequests,
  test: SlotTest | null,
  view: MapView,
): number[] {
  const found: number[] = [];
  // Least urgent first: the map draws later features on top.
  const order = index.byDue.slots();
  for (let at = order.length - 1; at >= 0; at -= 1) {
    const slot = order[at]!;
    const lat = index.lat[slot]!;
    if (Number.isNaN(lat) || !inView(view, lat, index.long[slot]!)) continue;
    if (test !== null && !test(slot)) continue;
    found.push(slot);
  }
  return found;
}

export function mapLayer(
  index: OpenRequests,
  test: SlotTest | null,
  view: MapView,
): MapLayer {
  const slots = slotsInView(index, test, view);
  const layer: MapLayer = {
    inView: slots.length,
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

  if (slots.length <= MAX_POINTS) {
    for (const slot of slots) addPoint(slot);
    return layer;
  }

  // Cells on a screen grid at the view's zoom, keyed by number.
  const cellsAcross = (TILE_PX * 2 ** view.zoom) / CELL_PX;
  const cells = new Map<number, number[]>();
  for (const slot of slots) {
    const column = Math.floor(index.mercatorX[slot]! * cellsAcross);
    const row = Math.floor(index.mercatorY[slot]! * cellsAcross);
    const key = column * 4_194_304 + row;
    const cell = cells.get(key);
    if (cell === undefined) cells.set(key, [slot]);
    else cell.push(slot);
  }

  const now = view.now;
  for (const cell of cells.values()) {
    if (cell.length === 1) {
      addPoint(cell[0]!);
      continue;
    }
    let breached = 0;
    let atRisk = 0;
    let onTrack = 0;
    let sumLat = 0;
    let sumLong = 0;
    let south = 90;
    let north = -90;
    let west = 180;
    let east = -180;
    for (const slot of cell) {
      const lat = index.lat[slot]!;
      const long = index.long[slot]!;
      sumLat += lat;
      sumLong += long;
      if (lat < south) south = lat;
      if (lat > north) north = lat;
      if (long < west) west = long;
      if (long > east) east = long;
      // As slaState() judges, in comparisons of the index's columns.
      const due = index.dueKey[slot]!;
      if (due === NO_SLA_DUE_KEY) continue;
      if (due <= now) breached += 1;
      else if (index.atRiskFrom[slot]! <= now) atRisk += 1;
      else onTrack += 1;
    }
    const worst: SlaState =
      breached > 0
        ? 'breached'
        : atRisk > 0
          ? 'at_risk'
          : onTrack > 0
            ? 'on_track'
            : 'no_sla';
    layer.clusters.push({
      long: sumLong / cell.length,
      lat: sumLat / cell.length,
      count: cell.length,
      worst,
      breached,
      atRisk,
      bounds: { south, north, west, east },
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
