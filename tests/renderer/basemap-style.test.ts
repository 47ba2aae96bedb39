import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import {
  createPropertyExpression,
  featureFilter,
  latest,
  validateStyleMin,
  type StylePropertySpecification,
} from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';

import {
  BASEMAP_PALETTES,
  OSM_ATTRIBUTION,
  CREWS_LAYER,
  CREWS_SOURCE,
  REQUESTS_LAYER,
  SELECTED_LAYER,
  buildBasemapStyle,
  requestLayers,
  requestSources,
  selectedFilter,
  slaColorExpression,
} from '../../src/renderer/src/map/basemap-style';
import { SLA_COLORS } from '../../src/renderer/src/map/sla-colors';
import { contrast, weakestContrast } from '../support/colour-contrast';

const ORIGIN = 'app://streetdesk';
const BASEMAP = join(__dirname, '..', '..', 'resources', 'basemap');

/** Every string anywhere in the style. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') {
    return Object.values(value).flatMap(strings);
  }

  return [];
}

describe('the basemap style', () => {
  const style = buildBasemapStyle(ORIGIN, 'light');

  it('passes the MapLibre style validator', () => {
    expect(validateStyleMin(style)).toEqual([]);
  });

  it('reaches no URL outside the app origin', () => {
    const urls = strings(style).filter((text) => text.includes('://'));

    expect(urls.length).toBeGreaterThan(4);
    for (const url of urls)
      expect(url.startsWith(`${ORIGIN}/basemap/`)).toBe(true);
  });

  it('builds absolute URLs for a browser-mode origin too', () => {
    const browser = buildBasemapStyle('http://127.0.0.1:5199/', 'light');

    expect(browser.glyphs).toBe(
      'http://127.0.0.1:5199/basemap/glyphs/{fontstack}/{range}.pbf',
    );
    expect(browser.sprite).toBe('http://127.0.0.1:5199/basemap/sprites/light');
  });

  it('points every GeoJSON source at a file the build script wrote', () => {
    for (const source of Object.values(style.sources)) {
      if (source.type !== 'geojson' || typeof source.data !== 'string')
        continue;
      const file = source.data.slice(`${ORIGIN}/basemap/`.length);
      expect(existsSync(join(BASEMAP, file)), file).toBe(true);
    }
    expect(existsSync(join(BASEMAP, 'sprites', 'light.json'))).toBe(true);
  });

  it('uses only font stacks whose glyphs are shipped', () => {
    const shipped = readdirSync(join(BASEMAP, 'glyphs'));
    const fonts = style.layers.flatMap((layer) =>
      layer.type === 'symbol' ? strings(layer.layout?.['text-font']) : [],
    );

    expect(fonts).toContain('Noto Sans Regular');
    for (const font of fonts) expect(shipped).toContain(font);
  });

  it('labels streets along their lines', () => {
    const labels = style.layers.find((layer) => layer.id === 'street-labels');

    expect(labels?.type).toBe('symbol');
    expect(labels?.layout).toMatchObject({ 'symbol-placement': 'line' });
  });

  it('credits OpenStreetMap on the street and water sources', () => {
    expect(style.sources.streets).toMatchObject({
      attribution: OSM_ATTRIBUTION,
    });
    expect(style.sources.water).toMatchObject({ attribution: OSM_ATTRIBUTION });
  });

  it('draws the request points above every basemap layer, crews above them', () => {
    const ids = style.layers.map((layer) => layer.id);

    expect(ids.slice(-3)).toEqual([
      REQUESTS_LAYER,
      CREWS_LAYER,
      SELECTED_LAYER,
    ]);
  });

  it('draws crews from a source of their own, not the requests', () => {
    const crews = style.layers.find((layer) => layer.id === CREWS_LAYER);

    expect(crews).toMatchObject({ type: 'circle', source: CREWS_SOURCE });
    expect(style.sources[CREWS_SOURCE]).toMatchObject({ type: 'geojson' });
  });
});

describe('the dark basemap', () => {
  const light = buildBasemapStyle(ORIGIN, 'light');
  const dark = buildBasemapStyle(ORIGIN, 'dark');
  const ours = new Set(requestLayers().map((layer) => layer.id));
  const basemap = (style: typeof dark) =>
    style.layers.filter((layer) => !ours.has(layer.id));
  /** A layer's colour paint properties, by name. */
  const colours = (layer: (typeof dark.layers)[number]) =>
    Object.fromEntries(
      Object.entries(layer.paint ?? {}).filter(([name]) =>
        name.endsWith('-color'),
      ),
    );

  it('passes the MapLibre style validator and stays on the app origin', () => {
    expect(validateStyleMin(dark)).toEqual([]);
    for (const url of strings(dark).filter((text) => text.includes('://')))
      expect(url.startsWith(`${ORIGIN}/basemap/`)).toBe(true);
    expect(dark.sprite).toBe(`${ORIGIN}/basemap/sprites/dark`);
    expect(existsSync(join(BASEMAP, 'sprites', 'dark.json'))).toBe(true);
  });

  it('gives every basemap layer colours of the dark palette, none of them the light one', () => {
    const palette = new Set(Object.values(BASEMAP_PALETTES.dark));
    const lightLayers = basemap(light);

    expect(basemap(dark).length).toBeGreaterThan(8);
    basemap(dark).forEach((layer, i) => {
      const painted = colours(layer);
      const before = colours(lightLayers[i]!);
      expect(Object.keys(painted), layer.id).not.toHaveLength(0);
      expect(Object.keys(painted), layer.id).toEqual(Object.keys(before));
      for (const [name, colour] of Object.entries(painted)) {
        expect(palette.has(colour as string), `${layer.id} ${name}`).toBe(true);
        expect(colour, `${layer.id} ${name}`).not.toBe(before[name]);
      }
    });
  });

  it('differs from the light style in paint only, so a switch recolours in place', () => {
    const unpainted = (style: typeof dark) =>
      style.layers.map(({ paint: _paint, ...rest }) => rest);

    expect(unpainted(dark)).toEqual(unpainted(light));
    expect(Object.keys(dark.sources)).toEqual(Object.keys(light.sources));
  });

  it('draws the requests as the light style does, but ringed for the dark land', () => {
    const requests = (style: typeof dark) =>
      style.layers.filter((layer) => ours.has(layer.id));
    const ringless = (layers: ReturnType<typeof requestLayers>) =>
      layers.map((layer) => {
        const { 'circle-stroke-color': _ring, ...paint } = (layer.paint ??
          {}) as Record<string, unknown>;
        return { ...layer, paint };
      });
    const ring = (style: typeof dark, id: string) =>
      (
        style.layers.find((layer) => layer.id === id)?.paint as
          Record<string, unknown> | undefined
      )?.['circle-stroke-color'];

    expect(requests(dark)).toEqual(requestLayers('dark'));
    expect(requests(light)).toEqual(requestLayers('light'));
    expect(ringless(requests(dark))).toEqual(ringless(requests(light)));
    for (const [id, source] of Object.entries(requestSources()))
      expect(dark.sources[id]).toEqual(source);

    // The selected point's ring, on each theme's land.
    for (const [style, palette] of [
      [light, BASEMAP_PALETTES.light],
      [dark, BASEMAP_PALETTES.dark],
    ] as const) {
      const selected = ring(style, SELECTED_LAYER);
      expect(typeof selected).toBe('string');
      expect(contrast(selected as string, palette.land)).toBeGreaterThan(3);
    }
    expect(ring(dark, SELECTED_LAYER)).not.toEqual(ring(light, SELECTED_LAYER));
  });

  // WCAG asks 3:1 for a graphic's meaningful parts. Over the light map's
  // water the points already fall a little short of that; the dark map
  // must do no worse anywhere, and keep 3:1 over the land.
  it('keeps every SLA colour as distinct from the dark map as from the light one', () => {
    const sla = Object.values(SLA_COLORS);
    const areas = (palette: typeof BASEMAP_PALETTES.dark) => [
      palette.land,
      palette.water,
      palette.park,
      palette.neighborhood,
      palette.minorStreet,
      palette.majorStreet,
      palette.majorCasing,
    ];
    const lightWeakest = weakestContrast(sla, areas(BASEMAP_PALETTES.light));

    expect(weakestContrast(sla, [BASEMAP_PALETTES.dark.land])).toBeGreaterThan(
      3,
    );
    expect(weakestContrast(sla, areas(BASEMAP_PALETTES.dark))).toBeGreaterThan(
      lightWeakest,
    );
  });

  it('keeps labels readable on their halos', () => {
    const { label, labelHalo, neighborhoodLabel, parkLabel } =
      BASEMAP_PALETTES.dark;

    for (const text of [label, neighborhoodLabel, parkLabel])
      expect(contrast(text, labelHalo)).toBeGreaterThan(4.5);
  });
});

describe('the request point colours', () => {
  const color = createPropertyExpression(
    slaColorExpression,
    'paint',
    // The spec's JSON is wider than its declared type; the shape matches.
    latest.paint_circle['circle-color'] as StylePropertySpecification,
  );

  it.each(Object.entries(SLA_COLORS))('paints %s points %s', (sla, hex) => {
    if (color.result !== 'success') throw new Error('expression did not parse');
    const painted = color.value.evaluate({ zoom: 14 }, {
      type: 'Point',
      properties: { sla },
    } as never) as { toString(): string };

    const [r, g, b] = [1, 3, 5].map((at) =>
      parseInt(hex.slice(at, at + 2), 16),
    );
    expect(painted.toString()).toBe(`rgba(${r},${g},${b},1)`);
  });
});

describe('the selection highlight filter', () => {
  const feature = (id: string) =>
    ({ type: 1, properties: { id } }) as unknown as Parameters<
      ReturnType<typeof featureFilter>['filter']
    >[1];

  it('keeps only the selected request', () => {
    const filter = featureFilter(selectedFilter('REQ-7'), 'filter');

    expect(filter.filter({ zoom: 14 }, feature('REQ-7'))).toBe(true);
    expect(filter.filter({ zoom: 14 }, feature('REQ-8'))).toBe(false);
  });

  it('keeps nothing when no request is selected', () => {
    const filter = featureFilter(selectedFilter(null), 'filter');

    expect(filter.filter({ zoom: 14 }, feature('REQ-7'))).toBe(false);
  });
});
