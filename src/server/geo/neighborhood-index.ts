// Which named area of a GeoJSON FeatureCollection a point falls in. Each
// area's bounding box is kept, so most areas are ruled out without
// walking their edges.
import { readFile } from 'node:fs/promises';

import { z } from 'zod';

import { insidePolygon, type PolygonRings } from './point-in-polygon';

const position = z.array(z.number()).min(2);
const rings = z.array(z.array(position).min(4)).min(1);

const areaCollectionSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      properties: z.object({ name: z.string().min(1) }),
      geometry: z.discriminatedUnion('type', [
        z.object({ type: z.literal('Polygon'), coordinates: rings }),
        z.object({
          type: z.literal('MultiPolygon'),
          coordinates: z.array(rings),
        }),
      ]),
    }),
  ),
});

type Box = { west: number; south: number; east: number; north: number };
type Area = { name: string; polygons: PolygonRings[]; box: Box };

export type NeighborhoodIndex = {
  /** The name of the area the point is in, or null when it is in none. */
  nameAt(lat: number, long: number): string | null;
  names: string[];
};

function boxOf(polygons: PolygonRings[]): Box {
  const box = {
    west: Infinity,
    south: Infinity,
    east: -Infinity,
    north: -Infinity,
  };
  for (const polygon of polygons) {
    for (const [long = 0, lat = 0] of polygon[0] ?? []) {
      box.west = Math.min(box.west, long);
      box.east = Math.max(box.east, long);
      box.south = Math.min(box.south, lat);
      box.north = Math.max(box.north, lat);
    }
  }

  return box;
}

/** An index of parsed GeoJSON; throws saying what is wrong with it. */
export function createNeighborhoodIndex(
  geojson: unknown,
  source: string,
): NeighborhoodIndex {
  const parsed = areaCollectionSchema.safeParse(geojson);
  if (!parsed.success) {
    throw new Error(
      `${source} is not a FeatureCollection of named polygons ` +
        `(${z.prettifyError(parsed.error).slice(0, 300)}); ` +
        'give each feature a "name" property and a Polygon or MultiPolygon.',
    );
  }

  const areas: Area[] = parsed.data.features.map((feature) => {
    const { geometry } = feature;
    const polygons =
      geometry.type === 'Polygon'
        ? [geometry.coordinates]
        : geometry.coordinates;
    return { name: feature.properties.name, polygons, box: boxOf(polygons) };
  });

  return {
    names: areas.map((area) => area.name),
    nameAt(lat, long) {
      if (!Number.isFinite(lat) || !Number.isFinite(long)) return null;
      const area = areas.find(
        ({ box, polygons }) =>
          long >= box.west &&
          long <= box.east &&
          lat >= box.south &&
          lat <= box.north &&
          polygons.some((polygon) => insidePolygon(long, lat, polygon)),
      );
      return area?.name ?? null;
    },
  };
}

export async function readNeighborhoodIndex(
  path: string,
): Promise<NeighborhoodIndex> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new Error(
      `Cannot read the neighbourhood polygons at ${path} ` +
        `(${error instanceof Error ? error.message : String(error)}); ` +
        'point the server at the basemap folder that holds them.',
      { cause: error },
    );
  }

  return createNeighborhoodIndex(JSON.parse(text) as unknown, path);
}
