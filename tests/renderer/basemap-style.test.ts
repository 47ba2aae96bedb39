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
  OSM_ATTRIBUTION,
  CREWS_LAYER,
  CREWS_SOURCE,
  REQUESTS_LAYER,
  SELECTED_LAYER,
  buildBasemapStyle,
  selectedFilter,
  slaColorExpression,
} from '../../src/renderer/src/map/basemap-style';
import { SLA_COLORS } from '../../src/renderer/src/map/sla-colors';

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
  const style = buildBasemapStyle(ORIGIN);

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
    const browser = buildBasemapStyle('http://127.0.0.1:5199/');

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
