import { describe, expect, it } from 'vitest';

import {
  layerFeatures,
  locatePoint,
  sameDrawing,
  pointStates,
  statesChanged,
  toFeatureCollection,
} from '../../src/renderer/src/map/map-points';
import type { MapPoints } from '../../src/shared/contract';

const HOUR = 3_600_000;
const NOW = Date.UTC(2025, 5, 1, 12);

const points: MapPoints = {
  ids: ['A', 'B', 'C', 'D'],
  coords: [-71.05, 42.35, -71.1, 42.3, Number.NaN, 42.31, -71.2, 42.4],
  requestedAt: [NOW - 10 * HOUR, NOW - 48 * HOUR, NOW - HOUR, NOW - HOUR],
  slaDueAt: [NOW + 100 * HOUR, NOW - HOUR, NOW + 2 * HOUR, null],
  duplicate: [false, true, false, false],
};

describe('map points', () => {
  it('computes each point SLA state at the given time', () => {
    expect(pointStates(points, NOW)).toEqual([
      'on_track',
      'breached',
      'on_track',
      'no_sla',
    ]);
    // Within the last fifth of its window, C is at risk.
    expect(pointStates(points, NOW + 1.5 * HOUR)[2]).toBe('at_risk');
  });

  it('turns the parallel arrays into point features with id, state and flag', () => {
    const collection = toFeatureCollection(points, pointStates(points, NOW));

    expect(collection.features.map((f) => f.properties)).toEqual([
      { kind: 'point', id: 'A', sla: 'on_track', dup: false },
      { kind: 'point', id: 'B', sla: 'breached', dup: true },
      { kind: 'point', id: 'D', sla: 'no_sla', dup: false },
    ]);
    expect(collection.features[1]?.geometry.coordinates).toEqual([-71.1, 42.3]);
  });

  it("puts a layer's points and clusters in one collection, told apart by kind", () => {
    const collection = layerFeatures(
      {
        inView: 40,
        points,
        clusters: [
          {
            long: -71.06,
            lat: 42.36,
            count: 37,
            worst: 'at_risk',
            breached: 0,
            atRisk: 3,
            bounds: { south: 42.35, north: 42.37, west: -71.07, east: -71.05 },
          },
        ],
      },
      pointStates(points, NOW),
    );

    expect(collection.features.map((f) => f.properties.kind)).toEqual([
      'point',
      'point',
      'point',
      'cluster',
    ]);
    expect(collection.features[3]?.properties).toMatchObject({
      count: 37,
      label: '37',
      worst: 'at_risk',
      index: 0,
    });
    expect(collection.features[3]?.geometry.coordinates).toEqual([
      -71.06, 42.36,
    ]);
  });

  it('tells a refetched layer that draws the same from one that does not', () => {
    const cluster = {
      long: -71.06,
      lat: 42.36,
      count: 37,
      worst: 'at_risk' as const,
      breached: 0,
      atRisk: 3,
      bounds: { south: 42.35, north: 42.37, west: -71.07, east: -71.05 },
    };
    const shown = { inView: 41, points, clusters: [cluster] };
    const states = pointStates(points, NOW);
    const copy = structuredClone(shown);
    const same = (next: typeof shown, nextStates = states) =>
      sameDrawing(shown, states, next, nextStates);

    expect(same(copy)).toBe(true);
    // A point turns breached, moves, is marked, or goes; a cluster grows.
    expect(same(copy, pointStates(points, NOW + 1.5 * HOUR))).toBe(false);
    const moved = structuredClone(shown);
    moved.points.coords[1] = 42.36;
    expect(same(moved)).toBe(false);
    const marked = structuredClone(shown);
    marked.points.duplicate![0] = true;
    expect(same(marked)).toBe(false);
    const fewer = structuredClone(shown);
    fewer.points.ids.pop();
    expect(same(fewer)).toBe(false);
    const grown = structuredClone(shown);
    grown.clusters[0]!.count = 38;
    expect(same(grown)).toBe(false);
  });

  it('finds a request location, and none for a bad or absent one', () => {
    expect(locatePoint(points, 'D')).toEqual([-71.2, 42.4]);
    expect(locatePoint(points, 'C')).toBeNull();
    expect(locatePoint(points, 'Z')).toBeNull();
  });

  it('reports a change only when some state differs', () => {
    const before = pointStates(points, NOW);

    expect(statesChanged(before, pointStates(points, NOW + 60_000))).toBe(
      false,
    );
    expect(statesChanged(before, pointStates(points, NOW + 1.5 * HOUR))).toBe(
      true,
    );
    expect(statesChanged(before, before.slice(1))).toBe(true);
  });
});
