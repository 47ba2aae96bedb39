// Turns the compact parallel arrays of getMapPoints into map features.
import type { MapCluster, MapLayer, MapPoints } from '../../../shared/contract';
import { slaState, type SlaState } from '../../../shared/domain';

export type RequestPointProperties = {
  kind: 'point';
  id: string;
  sla: SlaState;
  /** A likely duplicate of another request: drawn with a ring. */
  dup: boolean;
};

export type RequestPointFeature = {
  type: 'Feature';
  geometry: { type: 'Point'; coordinates: [number, number] };
  properties: RequestPointProperties;
};

export type RequestPointCollection = {
  type: 'FeatureCollection';
  features: RequestPointFeature[];
};

/** The SLA state of every point at `now`, in the order of `points.ids`. */
export function pointStates(points: MapPoints, now: number): SlaState[] {
  return points.ids.map((_, i) =>
    slaState(points.requestedAt[i] ?? now, points.slaDueAt[i] ?? null, now),
  );
}

/**
 * One feature per point that has a finite lon, lat pair; points whose
 * coordinates are missing or not numbers are skipped, not drawn at 0, 0.
 */
export function toFeatureCollection(
  points: MapPoints,
  states: SlaState[],
): RequestPointCollection {
  const features: RequestPointFeature[] = [];

  points.ids.forEach((id, i) => {
    const coordinates = lonLatAt(points, i);
    if (!coordinates) return;

    features.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates },
      properties: {
        kind: 'point',
        id,
        sla: states[i] ?? 'no_sla',
        dup: points.duplicate?.[i] ?? false,
      },
    });
  });

  return { type: 'FeatureCollection', features };
}

/** True when any point changed SLA state: only then is a redraw worth it. */
export function statesChanged(before: SlaState[], after: SlaState[]): boolean {
  if (before.length !== after.length) return true;

  return after.some((state, i) => state !== before[i]);
}

/** The lon, lat of one request among the points, or null if not there. */
export function locatePoint(
  points: MapPoints,
  id: string,
): [number, number] | null {
  const i = points.ids.indexOf(id);

  return i < 0 ? null : lonLatAt(points, i);
}

function lonLatAt(points: MapPoints, i: number): [number, number] | null {
  const lon = points.coords[2 * i];
  const lat = points.coords[2 * i + 1];
  if (typeof lon !== 'number' || typeof lat !== 'number') return null;
  if (!Number.isFinite(lon) || !Number.isFinite(lat)) return null;

  return [lon, lat];
}

export type ClusterCollection = {
  type: 'FeatureCollection';
  features: {
    type: 'Feature';
    geometry: { type: 'Point'; coordinates: [number, number] };
    properties: {
      kind: 'cluster';
      count: number;
      label: string;
      worst: SlaState;
      /** Index into the layer's clusters, to find its bounds on a click. */
      index: number;
    };
  }[];
};

/** How a cluster's count reads on the map: 7, 480, 1.2k, 12k. */
export function countLabel(count: number): string {
  if (count < 1000) return String(count);
  if (count < 10_000) return `${(count / 1000).toFixed(1)}k`;
  return `${Math.round(count / 1000)}k`;
}

export function clusterFeatures(clusters: MapCluster[]): ClusterCollection {
  return {
    type: 'FeatureCollection',
    features: clusters.map((cluster, index) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [cluster.long, cluster.lat] },
      properties: {
        kind: 'cluster',
        count: cluster.count,
        label: countLabel(cluster.count),
        worst: cluster.worst,
        index,
      },
    })),
  };
}

/**
 * A layer's points and clusters as one collection, told apart by `kind`.
 * The map keeps them in one source so that a new layer arrives in one
 * step: with two, the map could draw a frame between them, and on a PC
 * without a graphics card one frame can hold the window for 100 ms.
 */
export function layerFeatures(
  layer: MapLayer,
  states: SlaState[],
): {
  type: 'FeatureCollection';
  features: (RequestPointFeature | ClusterCollection['features'][number])[];
} {
  return {
    type: 'FeatureCollection',
    features: [
      ...toFeatureCollection(layer.points, states).features,
      ...clusterFeatures(layer.clusters).features,
    ],
  };
}

/**
 * Whether two layers draw the same: the same points in the same places,
 * states and marks, and the same clusters. A refetch after an assignment
 * or a note usually brings such a layer; handing it to the map anyway
 * would redraw every tile for nothing.
 */
export function sameDrawing(
  shown: MapLayer,
  shownStates: readonly SlaState[],
  next: MapLayer,
  nextStates: readonly SlaState[],
): boolean {
  const [a, b] = [shown.points, next.points];
  if (a.ids.length !== b.ids.length) return false;
  if (shown.clusters.length !== next.clusters.length) return false;
  for (let i = 0; i < a.ids.length; i += 1) {
    if (a.ids[i] !== b.ids[i] || shownStates[i] !== nextStates[i]) return false;
    // Object.is: a missing coordinate (NaN) matches a missing one.
    if (!Object.is(a.coords[2 * i], b.coords[2 * i])) return false;
    if (!Object.is(a.coords[2 * i + 1], b.coords[2 * i + 1])) return false;
    if ((a.duplicate?.[i] ?? false) !== (b.duplicate?.[i] ?? false)) {
      return false;
    }
  }
  return shown.clusters.every((cluster, i) => {
    const other = next.clusters[i]!;
    return (
      cluster.count === other.count &&
      cluster.worst === other.worst &&
      cluster.lat === other.lat &&
      cluster.long === other.long &&
      cluster.bounds.south === other.bounds.south &&
      cluster.bounds.north === other.bounds.north &&
      cluster.bounds.west === other.bounds.west &&
      cluster.bounds.east === other.bounds.east
    );
  });
}
