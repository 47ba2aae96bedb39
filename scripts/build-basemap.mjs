// Builds the offline basemap the renderer draws (resources/basemap) from the
// shared data folder: merged, trimmed GeoJSON plus the glyphs and sprites.
//
//   node scripts/build-basemap.mjs [source folder]
//
// The source defaults to ../shared/data/basemap next to the repo. The output
// is committed; CI does not re-run this script.
import { copyFileSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const sourceDir = resolve(
  process.argv[2] ?? join(repoRoot, '..', 'shared', 'data', 'basemap'),
);
const outDir = join(repoRoot, 'resources', 'basemap');

const STREET_TOWNS = ['boston', 'brookline', 'cambridge', 'somerville'];
const WATER_FILES = ['boston-harbor-approx', 'cambridge-water-bodies'];
const FONT_STACKS = [
  'Noto Sans Regular',
  'Noto Sans Medium',
  'Noto Sans Italic',
];

// Five decimals is about one metre: finer than a street line at any zoom.
const round = (value) => Math.round(value * 1e5) / 1e5;

function readCollection(relativePath) {
  const path = join(sourceDir, relativePath);
  let parsed;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(
      `Could not read ${path} (${error.message}); pass the shared basemap ` +
        'folder as the first argument.',
      { cause: error },
    );
  }
  if (parsed.type !== 'FeatureCollection' || !Array.isArray(parsed.features)) {
    throw new Error(`${path} is not a GeoJSON FeatureCollection.`);
  }

  return parsed.features;
}

/** Rounds a line's points and drops the repeats rounding creates. */
function roundLine(points) {
  const out = [];
  for (const point of points) {
    const next = [round(point[0]), round(point[1])];
    const last = out[out.length - 1];
    if (!last || last[0] !== next[0] || last[1] !== next[1]) out.push(next);
  }

  return out;
}

function roundPolygon(rings) {
  return rings.map(roundLine).filter((ring) => ring.length >= 4);
}

/** The rounded geometry, or null when nothing drawable is left. */
function shrinkGeometry(geometry) {
  if (!geometry) return null;

  switch (geometry.type) {
    case 'LineString': {
      const line = roundLine(geometry.coordinates);
      return line.length >= 2
        ? { type: 'LineString', coordinates: line }
        : null;
    }
    case 'MultiLineString': {
      const lines = geometry.coordinates
        .map(roundLine)
        .filter((line) => line.length >= 2);
      return lines.length > 0
        ? { type: 'MultiLineString', coordinates: lines }
        : null;
    }
    case 'Polygon': {
      const rings = roundPolygon(geometry.coordinates);
      return rings.length > 0 ? { type: 'Polygon', coordinates: rings } : null;
    }
    case 'MultiPolygon': {
      const polygons = geometry.coordinates
        .map(roundPolygon)
        .filter((rings) => rings.length > 0);
      return polygons.length > 0
        ? { type: 'MultiPolygon', coordinates: polygons }
        : null;
    }
    default:
      return null;
  }
}

function pick(properties, keys) {
  const kept = {};
  for (const key of keys) {
    const value = properties?.[key];
    if (typeof value === 'string' && value.trim() !== '') {
      kept[key] = value.trim();
    }
  }

  return kept;
}

function shrink(features, keys) {
  const out = [];
  for (const feature of features) {
    const geometry = shrinkGeometry(feature.geometry);
    if (!geometry) continue;
    out.push({
      type: 'Feature',
      properties: pick(feature.properties, keys),
      geometry,
    });
  }

  return out;
}

function writeCollection(name, features) {
  const path = join(outDir, name);
  writeFileSync(path, JSON.stringify({ type: 'FeatureCollection', features }));

  return { name, features: features.length, bytes: statSync(path).size };
}

function copyFolder(from, to) {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    if (entry.isFile())
      copyFileSync(join(from, entry.name), join(to, entry.name));
  }
}

const ATTRIBUTION = `# Basemap sources and licences

Built by \`scripts/build-basemap.mjs\` from the shared data folder. Keep these
lines wherever the basemap is shipped or shown; the map shows
"© OpenStreetMap contributors" in its attribution control.

| file | source | licence |
|---|---|---|
| streets.geojson | street centerlines of Boston, Brookline, Cambridge and Somerville from OpenStreetMap (via ciyer64/boston-streets) | ODbL 1.0, © OpenStreetMap contributors |
| water.geojson | harbour and river water approximated from OpenStreetMap and the Boston neighbourhood polygons; Charles River and ponds from City of Cambridge GIS | ODbL 1.0 (© OpenStreetMap contributors); City of Cambridge data under PDDL 1.0 |
| neighborhoods.geojson | Boston neighbourhood polygons, Boston Redevelopment Authority (BRA) GIS (via codeforgermany/click_that_hood) | as published by the BRA |
| parks.geojson | parks and open space, City of Boston open data (via katelauro/bostonopenspaces) | City of Boston open data terms |
| glyphs/ | MapLibre glyphs for Noto Sans Regular, Medium and Italic, from protomaps/basemaps-assets | fonts under the SIL Open Font License 1.1 (glyphs/OFL.txt) |
| sprites/ | light and dark sprite sheets from protomaps/basemaps-assets | as published by protomaps/basemaps-assets |

Coordinates are rounded to 5 decimals and only the properties the style uses
are kept (street \`name\` and \`highway\`, neighbourhood \`name\`, park
\`SITE_NAME\`).
`;

function main() {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });

  const streets = STREET_TOWNS.flatMap((town) =>
    shrink(readCollection(`streets/${town}.geojson`), ['name', 'highway']),
  );
  const water = WATER_FILES.flatMap((file) =>
    shrink(readCollection(`water/${file}.geojson`), []),
  );
  const neighborhoods = shrink(
    readCollection('areas/boston-neighborhoods.geojson'),
    ['name'],
  );
  const parks = shrink(readCollection('areas/boston-open-space.geojson'), [
    'SITE_NAME',
  ]);

  const written = [
    writeCollection('streets.geojson', streets),
    writeCollection('water.geojson', water),
    writeCollection('neighborhoods.geojson', neighborhoods),
    writeCollection('parks.geojson', parks),
  ];

  for (const stack of FONT_STACKS) {
    copyFolder(join(sourceDir, 'glyphs', stack), join(outDir, 'glyphs', stack));
  }
  copyFileSync(
    join(sourceDir, 'glyphs', 'OFL.txt'),
    join(outDir, 'glyphs', 'OFL.txt'),
  );
  copyFolder(join(sourceDir, 'sprites'), join(outDir, 'sprites'));
  writeFileSync(join(outDir, 'ATTRIBUTION.md'), ATTRIBUTION);

  for (const file of written) {
    const kb = (file.bytes / 1024).toFixed(0);
    console.log(`${file.name}: ${file.features} features, ${kb} KiB`);
  }
  console.log(`Basemap written to ${outDir}`);
}

main();
