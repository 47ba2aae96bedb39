import { resolve } from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import { boston311Neighborhood } from '../../../src/server/geo/boston-311-neighborhoods';
import {
  createNeighborhoodIndex,
  readNeighborhoodIndex,
  type NeighborhoodIndex,
} from '../../../src/server/geo/neighborhood-index';
import { insidePolygon } from '../../../src/server/geo/point-in-polygon';

const square = (x: number, y: number, size: number) => [
  [x, y],
  [x + size, y],
  [x + size, y + size],
  [x, y + size],
  [x, y],
];

describe('insidePolygon', () => {
  const withHole = [square(0, 0, 10), square(4, 4, 2)];

  it('finds a point inside the outer ring', () => {
    expect(insidePolygon(1, 1, withHole)).toBe(true);
  });

  it('leaves out a point in a hole or outside', () => {
    expect(insidePolygon(5, 5, withHole)).toBe(false);
    expect(insidePolygon(11, 5, withHole)).toBe(false);
    expect(insidePolygon(-0.01, 5, withHole)).toBe(false);
  });
});

describe('createNeighborhoodIndex', () => {
  it('names the polygon a point is in, and no polygon for one outside all', () => {
    const index = createNeighborhoodIndex(
      {
        type: 'FeatureCollection',
        features: [
          {
            properties: { name: 'West' },
            geometry: { type: 'Polygon', coordinates: [square(0, 0, 1)] },
          },
          {
            properties: { name: 'East' },
            geometry: {
              type: 'MultiPolygon',
              coordinates: [[square(2, 0, 1)], [square(4, 0, 1)]],
            },
          },
        ],
      },
      'test',
    );

    expect(index.nameAt(0.5, 0.5)).toBe('West');
    expect(index.nameAt(0.5, 4.5)).toBe('East');
    expect(index.nameAt(0.5, 3.5)).toBeNull();
    expect(index.nameAt(Number.NaN, 0.5)).toBeNull();
  });

  it('refuses GeoJSON without named polygons, saying what to fix', () => {
    expect(() =>
      createNeighborhoodIndex(
        { type: 'FeatureCollection', features: [{ properties: {} }] },
        'areas.geojson',
      ),
    ).toThrow(/areas\.geojson is not a FeatureCollection of named polygons/);
  });
});

describe('the bundled Boston neighbourhoods', () => {
  let index: NeighborhoodIndex;
  beforeAll(async () => {
    index = await readNeighborhoodIndex(
      resolve(__dirname, '../../../resources/basemap/neighborhoods.geojson'),
    );
  });

  it.each([
    [42.3601, -71.0589, 'Downtown / Financial District'],
    [42.3497, -71.0783, 'Back Bay'],
    [42.3655, -71.0596, 'Downtown / Financial District'],
    [42.3188, -71.0846, 'Roxbury'],
    [42.3765, -71.0399, 'East Boston'],
    [42.3539, -71.1337, 'Allston / Brighton'],
  ])('puts %f, %f in %s, as Boston 311 names it', (lat, long, expected) => {
    const name = index.nameAt(lat, long);
    expect(name === null ? null : boston311Neighborhood(name)).toBe(expected);
  });

  it('puts Cambridge in no Boston neighbourhood', () => {
    expect(index.nameAt(42.3736, -71.1097)).toBeNull();
  });

  it('names 26 areas', () => {
    expect(index.names).toHaveLength(26);
  });
});
