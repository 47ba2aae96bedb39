import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';

import {
  BASEMAP_BOUNDS,
  CLUSTER_COUNTS_LAYER,
  REQUESTS_LAYER,
  REQUESTS_SOURCE,
  requestLayers,
} from '../../src/renderer/src/map/basemap-style';
import {
  TILESET_PALETTES,
  mapBaseFor,
  plainAttribution,
  roleOf,
  styleFromDocument,
  tilesetStyle,
} from '../../src/renderer/src/map/chosen-basemap';
import type { TilesetInfo } from '../../src/shared/basemap-view';
import { SLA_COLORS } from '../../src/renderer/src/map/sla-colors';
import { weakestContrast } from '../support/colour-contrast';

const ORIGIN = 'app://streetdesk';
const TILES = '/basemap-tiles/{z}/{x}/{y}';

const vector: TilesetInfo = {
  format: 'mvt',
  minzoom: 0,
  maxzoom: 14,
  bounds: [-71.2, 42.2, -70.9, 42.4],
  layers: ['water', 'park', 'transportation', 'building', 'place', 'misc'],
  tileSize: 256,
  attribution:
    '<a href="https://openmaptiles.org">© OpenMapTiles</a> <script>x</script>',
  name: 'City',
};

const layerIds = (style: { layers: { id: string }[] }) =>
  style.layers.map((layer) => layer.id);

describe('a tile archive basemap', () => {
  it('is a valid style that draws each vector layer by what its name says, requests on top', () => {
    const style = tilesetStyle(ORIGIN, TILES, vector, 'light');

    expect(validateStyleMin(style)).toEqual([]);
    expect(style.sources['chosen-basemap']).toMatchObject({
      type: 'vector',
      tiles: ['app://streetdesk/basemap-tiles/{z}/{x}/{y}'],
      minzoom: 0,
      maxzoom: 14,
      bounds: [-71.2, 42.2, -70.9, 42.4],
    });
    const ids = layerIds(style);
    expect(ids[0]).toBe('basemap-background');
    expect(ids).toContain('basemap-water-fill');
    expect(ids).toContain('basemap-transportation-line');
    expect(ids).not.toContain('basemap-transportation-fill');
    expect(ids).toContain('basemap-place-label');
    // Buildings over water and parks; the requests over everything.
    expect(ids.indexOf('basemap-building-fill')).toBeGreaterThan(
      ids.indexOf('basemap-water-fill'),
    );
    expect(ids.indexOf(REQUESTS_LAYER)).toBeGreaterThan(
      ids.indexOf('basemap-place-label'),
    );
    expect(style.sources[REQUESTS_SOURCE]).toBeDefined();
    // The cluster counts need glyphs: the app's own.
    expect(style.glyphs).toBe(
      'app://streetdesk/basemap/glyphs/{fontstack}/{range}.pbf',
    );
  });

  it('draws image tiles as one raster layer', () => {
    const style = tilesetStyle(
      ORIGIN,
      TILES,
      { ...vector, format: 'png', layers: [], bounds: null, tileSize: 512 },
      'light',
    );

    expect(validateStyleMin(style)).toEqual([]);
    expect(style.sources['chosen-basemap']).toMatchObject({
      type: 'raster',
      tileSize: 512,
    });
    expect(style.sources['chosen-basemap']).not.toHaveProperty('bounds');
    expect(layerIds(style).slice(0, 2)).toEqual([
      'basemap-background',
      'basemap-raster',
    ]);
  });

  it('shows the archive attribution as text, never as markup', () => {
    const source = tilesetStyle(ORIGIN, TILES, vector, 'light').sources[
      'chosen-basemap'
    ] as { attribution: string };

    expect(source.attribution).toBe('© OpenMapTiles x');
    expect(
      plainAttribution('a <b>&</b> "c" <img src=x onerror=alert(1)>'),
    ).toBe('a &amp; &quot;c&quot;');
    expect(plainAttribution('zoom < 12')).toBe('zoom &lt; 12');
  });

  it('guesses a layer role from common schema names', () => {
    expect(roleOf('waterway')).toBe('water');
    expect(roleOf('landcover')).toBe('green');
    expect(roleOf('roads')).toBe('road');
    expect(roleOf('boundaries')).toBe('boundary');
    expect(roleOf('places')).toBe('place');
    expect(roleOf('zoning')).toBeNull();
  });
});

describe('a tile archive basemap in the dark theme', () => {
  const ours = new Set(requestLayers().map((layer) => layer.id));
  const colours = (style: ReturnType<typeof tilesetStyle>) =>
    style.layers
      .filter((layer) => !ours.has(layer.id))
      .map((layer) =>
        Object.entries(layer.paint ?? {})
          .filter(([name]) => name.endsWith('-color'))
          .map(([, colour]) => colour as string),
      );

  it('colours every layer of a vector archive from the dark palette, rings too', async () => {
    const { styles } = await mapBaseFor(
      { kind: 'tiles', tilesPath: TILES, info: vector },
      ORIGIN,
    );
    const palette = new Set(Object.values(TILESET_PALETTES.dark));

    expect(validateStyleMin(styles.dark)).toEqual([]);
    const painted = colours(styles.dark);
    expect(painted.length).toBeGreaterThan(8);
    for (const layer of painted) {
      expect(layer).not.toHaveLength(0);
      for (const colour of layer) expect(palette.has(colour)).toBe(true);
    }
    expect(colours(styles.light)).not.toEqual(painted);
    const requests = (style: typeof styles.dark) =>
      style.layers.filter((layer) => ours.has(layer.id));
    expect(requests(styles.dark)).toEqual(requestLayers('dark'));
    expect(requests(styles.light)).toEqual(requestLayers('light'));
  });

  it('keeps the points as distinct from a dark vector map as from a light one', () => {
    const sla = Object.values(SLA_COLORS);
    const areas = (palette: typeof TILESET_PALETTES.dark) => [
      palette.background,
      palette.water,
      palette.green,
      palette.building,
      palette.area,
      palette.road,
    ];

    expect(weakestContrast(sla, areas(TILESET_PALETTES.dark))).toBeGreaterThan(
      weakestContrast(sla, areas(TILESET_PALETTES.light)),
    );
  });

  it('leaves image tiles and a style from a URL as the city made them', async () => {
    const raster = await mapBaseFor(
      {
        kind: 'tiles',
        tilesPath: TILES,
        info: { ...vector, format: 'png', layers: [] },
      },
      ORIGIN,
    );
    expect(raster.styles.dark).toEqual(raster.styles.light);

    const url = await mapBaseFor(
      { kind: 'style-url', url: 'https://maps.city.example/s.json' },
      ORIGIN,
      () => Promise.resolve({ version: 8, sources: {}, layers: [] }),
    );
    expect(url.styles.dark).toBe(url.styles.light);
  });
});

describe('a style URL basemap', () => {
  const remote = {
    version: 8,
    glyphs: 'https://maps.city.example/fonts/{fontstack}/{range}.pbf',
    sources: {
      city: {
        type: 'vector',
        tiles: ['https://maps.city.example/t/{z}/{x}/{y}.pbf'],
        attribution: '<a href="https://city.example">City GIS</a>',
      },
    },
    layers: [
      { id: 'bg', type: 'background' },
      {
        id: 'labels',
        type: 'symbol',
        source: 'city',
        'source-layer': 'place',
        layout: { 'text-field': '{name}', 'text-font': ['City Sans Bold'] },
      },
    ],
  };

  it('keeps the style and draws the requests on top in its own font', () => {
    const style = styleFromDocument(ORIGIN, remote);

    expect(validateStyleMin(style)).toEqual([]);
    expect(layerIds(style).slice(0, 2)).toEqual(['bg', 'labels']);
    expect(layerIds(style)).toContain(REQUESTS_LAYER);
    expect(style.glyphs).toBe(remote.glyphs);
    const counts = style.layers.find((l) => l.id === CLUSTER_COUNTS_LAYER);
    expect(counts?.layout).toMatchObject({ 'text-font': ['City Sans Bold'] });
    expect(style.sources.city).toMatchObject({ attribution: 'City GIS' });
  });

  it('uses the app glyphs when the style has none', () => {
    const { glyphs: _glyphs, ...bare } = remote;
    expect(styleFromDocument(ORIGIN, bare).glyphs).toBe(
      'app://streetdesk/basemap/glyphs/{fontstack}/{range}.pbf',
    );
  });

  it('refuses what is not a style, or one that would hide the requests', () => {
    expect(() => styleFromDocument(ORIGIN, { version: 7 })).toThrow(
      'it is not a version 8 map style',
    );
    expect(() => styleFromDocument(ORIGIN, '<html>')).toThrow(/version 8/);
    expect(() =>
      styleFromDocument(ORIGIN, {
        ...remote,
        sources: { ...remote.sources, [REQUESTS_SOURCE]: { type: 'vector' } },
      }),
    ).toThrow(`it already has a source named "${REQUESTS_SOURCE}"`);
  });
});

describe('the map base for what the services say', () => {
  it('falls back to the bundled map with the reason, for a bad file or URL', async () => {
    const file = await mapBaseFor(
      { kind: 'bundled', problem: 'StreetDesk cannot open /m/a.pmtiles.' },
      ORIGIN,
    );
    expect(file.bounds).toEqual(BASEMAP_BOUNDS);
    expect(file.problem).toBe(
      'StreetDesk cannot open /m/a.pmtiles. Showing the bundled Boston map.',
    );

    const url = await mapBaseFor(
      { kind: 'style-url', url: 'https://down.example/s.json' },
      ORIGIN,
      () => Promise.reject(new Error('Failed to fetch')),
    );
    expect(url.problem).toBe(
      'The map style at https://down.example/s.json could not be used ' +
        '(Failed to fetch). Showing the bundled Boston map.',
    );
    expect(layerIds(url.styles.light)).toContain('water');
  });

  it('lets the camera roam a style URL and keeps it on an archive bounds', async () => {
    const style = await mapBaseFor(
      { kind: 'style-url', url: 'https://maps.city.example/s.json' },
      ORIGIN,
      () => Promise.resolve({ version: 8, sources: {}, layers: [] }),
    );
    expect(style).toMatchObject({ bounds: null, problem: null });

    const tiles = await mapBaseFor(
      { kind: 'tiles', tilesPath: TILES, info: vector },
      ORIGIN,
    );
    expect(tiles.bounds).toEqual([
      [-71.2, 42.2],
      [-70.9, 42.4],
    ]);
    expect(tiles.problem).toBeNull();
  });
});
