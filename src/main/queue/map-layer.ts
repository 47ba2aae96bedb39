// What the map draws for one view: the matching requests inside its
// bounds, as points when few enough, otherwise gathered into clusters on a
// screen grid. Computed here, from the in-memory index, so that the window
// gets a few thousand features at most whatever the size of the queue, and
// a filter change redraws at once.
import type { MapArea, MapLayer, MapView } from '../../shared/contract';
import { slaState, type SlaState } from '../../shared/domain';
import type { SlotTest } from './filter-match';
import { NO_SLA_DUE_KEY, type OpenRequests } from './open-requests';

/** Up to this many requests in view are drawn one by one. */
export const MAX_POINTS = 2_500;

/** A cluster gathers the requests within a cell this many pixels wide. */
const CELL_PX = 64;

/** MapLibre's world is 512 pixels wide at zoom 0. */
const TILE_PX = 512;

const SLA_ORDER: SlaState[] = ['breached', 'at_risk', 'on_track', 'no_sla'];

/** Web Mercator x, y in pixels at `zoom`. */
function project(long: number, lat: number, zoom: number): [number, number] {
  const size = TILE_PX * 2 ** zoom;
  const sin = Math.sin((Math.max(-85, Math.min(85, lat)) * Math.PI) / 180);
  const x = ((long + 180) / 360) * size;
  const y = (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * size;
  return [x, y];
}

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
    points: { ids: [], coords: [], requestedAt: [], slaDueAt: [] },
    clusters: [],
  };
  const addPoint = (slot: number) => {
    layer.points.ids.push(index.ids[slot]!);
    layer.points.coords.push(index.long[slot]!, index.lat[slot]!);
    layer.points.requestedAt.push(index.requestedAt[slot]!);
    layer.points.slaDueAt.push(dueOf(index, slot));
  };

  if (slots.length <= MAX_POINTS) {
    for (const slot of slots) addPoint(slot);
    return layer;
  }

  type Cell = {
    slots: number[];
    x: number;
    y: number;
    long: number;
    lat: number;
  };
  const cells = new Map<string, Cell>();
  for (const slot of slots) {
    const long = index.long[slot]!;
    const lat = index.lat[slot]!;
    const [x, y] = project(long, lat, view.zoom);
    const key = `${Math.floor(x / CELL_PX)}:${Math.floor(y / CELL_PX)}`;
    let cell = cells.get(key);
    if (cell === undefined) {
      cell = { slots: [], x: 0, y: 0, long: 0, lat: 0 };
      cells.set(key, cell);
    }
    cell.slots.push(slot);
    cell.long += long;
    cell.lat += lat;
  }

  for (const cell of cells.values()) {
    if (cell.slots.length === 1) {
      addPoint(cell.slots[0]!);
      continue;
    }
    const counts: Record<SlaState, number> = {
      breached: 0,
      at_risk: 0,
      on_track: 0,
      no_sla: 0,
    };
    let south = 90;
    let north = -90;
    let west = 180;
    let east = -180;
    for (const slot of cell.slots) {
      const state = slaState(
        index.requestedAt[slot]!,
        dueOf(index, slot),
        view.now,
      );
      counts[state] += 1;
      south = Math.min(south, index.lat[slot]!);
      north = Math.max(north, index.lat[slot]!);
      west = Math.min(west, index.long[slot]!);
      east = Math.max(east, index.long[slot]!);
    }
    layer.clusters.push({
      long: cell.long / cell.slots.length,
      lat: cell.lat / cell.slots.length,
      count: cell.slots.length,
      worst: SLA_ORDER.find((state) => counts[state] > 0) ?? 'no_sla',
      breached: counts.breached,
      atRisk: counts.at_risk,
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
