import { describe, expect, it } from 'vitest';

import { compileFilter } from '../../../src/main/queue/filter-match';
import {
  MAX_POINTS,
  mapLayer,
  requestsInArea,
} from '../../../src/main/queue/map-layer';
import {
  OpenRequests,
  type OpenRecord,
} from '../../../src/main/queue/open-requests';
import { seededRandom } from '../../support/seeded-random';

const HOUR = 3_600_000;
const NOW = 1_700_000_000_000;
const boston = { south: 42.2, north: 42.4, west: -71.2, east: -70.95 };

function at(
  id: string,
  lat: number | null,
  long: number | null,
  extra: Partial<OpenRecord> = {},
): OpenRecord {
  return {
    serviceRequestId: id,
    serviceName: 'Pothole',
    address: null,
    description: null,
    neighborhood: null,
    queue: null,
    department: null,
    requestedAt: NOW - 10 * HOUR,
    slaDueAt: NOW + 100 * HOUR,
    lat,
    long,
    workStatus: 'open',
    assignedCrewId: null,
    pending: false,
    ...extra,
  };
}

function cityOf(count: number, seed: number): OpenRequests {
  const next = seededRandom(seed);
  const index = new OpenRequests();
  for (let i = 0; i < count; i += 1) {
    index.upsert(
      at(`R${i}`, 42.22 + next() * 0.16, -71.18 + next() * 0.2, {
        // A tenth breached, the rest on track.
        slaDueAt: i % 10 === 0 ? NOW - HOUR : NOW + 100 * HOUR,
        serviceName: i % 2 === 0 ? 'Pothole' : 'Graffiti',
      }),
    );
  }
  return index;
}

describe('the map layer', () => {
  it('draws few requests one by one, the most urgent last', () => {
    const index = new OpenRequests();
    index.upsert(at('LATE', 42.3, -71.1, { slaDueAt: NOW - HOUR }));
    index.upsert(at('CALM', 42.31, -71.1));
    index.upsert(at('AWAY', 40.7, -74.0));
    index.upsert(at('NOWHERE', null, null));

    const layer = mapLayer(index, null, { ...boston, zoom: 12, now: NOW });

    expect(layer.inView).toBe(2);
    expect(layer.clusters).toEqual([]);
    expect(layer.points.ids).toEqual(['CALM', 'LATE']);
    expect(layer.points.coords).toEqual([-71.1, 42.31, -71.1, 42.3]);
  });

  it('gathers many requests into clusters that account for every one', () => {
    const index = cityOf(MAX_POINTS * 3, 4);

    const layer = mapLayer(index, null, { ...boston, zoom: 11, now: NOW });

    expect(layer.inView).toBe(MAX_POINTS * 3);
    expect(layer.clusters.length).toBeGreaterThan(1);
    const counted =
      layer.points.ids.length +
      layer.clusters.reduce((sum, cluster) => sum + cluster.count, 0);
    expect(counted).toBe(layer.inView);
    const breached = layer.clusters.reduce((n, c) => n + c.breached, 0);
    expect(breached).toBeGreaterThan(0);
    for (const cluster of layer.clusters) {
      expect(cluster.worst).toBe(
        cluster.breached > 0 ? 'breached' : 'on_track',
      );
      expect(cluster.lat).toBeGreaterThanOrEqual(cluster.bounds.south);
      expect(cluster.lat).toBeLessThanOrEqual(cluster.bounds.north);
    }
    // Zoomed in far enough, the same city is points again.
    const close = mapLayer(index, null, {
      south: 42.3,
      north: 42.305,
      west: -71.1,
      east: -71.09,
      zoom: 17,
      now: NOW,
    });
    expect(close.clusters).toEqual([]);
    expect(close.points.ids.length).toBe(close.inView);
  });

  it('leaves out removed requests, whose slots keep their old place', () => {
    const index = new OpenRequests();
    index.upsert(at('KEPT', 42.3, -71.1));
    index.upsert(at('GONE', 42.31, -71.1));
    index.remove('GONE');

    const few = mapLayer(index, null, { ...boston, zoom: 12, now: NOW });
    expect(few.inView).toBe(1);
    expect(few.points.ids).toEqual(['KEPT']);

    // Among many, too: the clusters count only what is open.
    const city = cityOf(MAX_POINTS * 2, 5);
    for (let i = 0; i < 100; i += 1) city.remove(`R${i * 3}`);
    const many = mapLayer(city, null, { ...boston, zoom: 11, now: NOW });
    expect(many.inView).toBe(MAX_POINTS * 2 - 100);
    const counted =
      many.points.ids.length +
      many.clusters.reduce((sum, cluster) => sum + cluster.count, 0);
    expect(counted).toBe(many.inView);
  });

  it('draws only what the filter keeps', () => {
    const index = cityOf(400, 8);
    const test = compileFilter(index, { types: ['Graffiti'] });

    const layer = mapLayer(index, test, { ...boston, zoom: 12, now: NOW });

    expect(layer.inView).toBe(200);
    for (const id of layer.points.ids) {
      expect(Number(id.slice(1)) % 2).toBe(1);
    }
  });
});

describe('picking on the map', () => {
  it('picks the requests inside a lasso, most urgent first, and counts them all', () => {
    const index = new OpenRequests();
    index.upsert(at('IN-CALM', 42.28, -71.12));
    index.upsert(at('IN-LATE', 42.281, -71.121, { slaDueAt: NOW - HOUR }));
    // Inside the box around the triangle, outside the triangle itself.
    index.upsert(at('CORNER', 42.349, -71.051));
    index.upsert(at('NOWHERE', null, null));
    const triangle: [number, number][] = [
      [-71.15, 42.25],
      [-71.05, 42.25],
      [-71.15, 42.35],
    ];

    expect(requestsInArea(index, null, { ring: triangle }, 10)).toEqual({
      ids: ['IN-LATE', 'IN-CALM'],
      total: 2,
    });
    expect(requestsInArea(index, null, { ring: triangle }, 1)).toEqual({
      ids: ['IN-LATE'],
      total: 2,
    });
  });
});
