import type { Map as MapLibreMap } from 'maplibre-gl';
import { describe, expect, it } from 'vitest';

import {
  BASEMAP_PALETTES,
  buildBasemapStyle,
  requestLayers,
} from '../../src/renderer/src/map/basemap-style';
import {
  paintChanges,
  restyleMap,
} from '../../src/renderer/src/map/theme-restyle';

const ORIGIN = 'app://streetdesk';
const light = buildBasemapStyle(ORIGIN, 'light');
const dark = buildBasemapStyle(ORIGIN, 'dark');

/** The style's layers with `changes` set on them, as MapLibre would. */
function applied(
  style: typeof light,
  changes: ReturnType<typeof paintChanges>,
) {
  return style.layers.map((layer) => {
    const paint: Record<string, unknown> = { ...layer.paint };
    for (const change of changes.filter((c) => c.layer === layer.id)) {
      if (change.value === undefined) delete paint[change.property];
      else paint[change.property] = change.value;
    }
    return { ...layer, paint };
  });
}

describe('recolouring the map for a theme', () => {
  it('turns the light map into the dark one and back, paint by paint', () => {
    const toDark = paintChanges(light, dark);
    const toLight = paintChanges(dark, light);

    expect(applied(light, toDark)).toEqual(
      dark.layers.map((layer) => ({ ...layer, paint: { ...layer.paint } })),
    );
    expect(applied(dark, toLight)).toEqual(
      light.layers.map((layer) => ({ ...layer, paint: { ...layer.paint } })),
    );
  });

  it('changes only the rings of the request layers', () => {
    const ours = new Set(requestLayers().map((layer) => layer.id));
    const changes = paintChanges(light, dark);
    const touched = new Set(changes.map((change) => change.layer));

    expect(touched.size).toBeGreaterThan(8);
    const onRequests = changes.filter((change) => ours.has(change.layer));
    expect(onRequests.length).toBeGreaterThan(0);
    for (const change of onRequests) {
      expect(change.property, change.layer).toBe('circle-stroke-color');
    }
  });

  it('resets a property only the old style set, and skips layers of one style', () => {
    const from = {
      ...light,
      layers: [
        {
          id: 'water',
          type: 'fill',
          source: 'water',
          paint: { 'fill-color': '#000000', 'fill-opacity': 0.5 },
        },
        {
          id: 'gone',
          type: 'background',
          paint: { 'background-color': '#f00' },
        },
      ],
    } as typeof light;
    const to = {
      ...light,
      layers: [
        {
          id: 'water',
          type: 'fill',
          source: 'water',
          paint: { 'fill-color': '#ffffff' },
        },
        {
          id: 'new',
          type: 'background',
          paint: { 'background-color': '#0f0' },
        },
      ],
    } as typeof light;

    expect(paintChanges(from, to)).toEqual([
      { layer: 'water', property: 'fill-color', value: '#ffffff' },
      { layer: 'water', property: 'fill-opacity', value: undefined },
    ]);
  });

  it('sets the paint and the sprite on the map, and nothing when the styles are the same', () => {
    const calls: unknown[][] = [];
    const map = {
      setPaintProperty: (...args: unknown[]) => calls.push(['paint', ...args]),
      setSprite: (...args: unknown[]) => calls.push(['sprite', ...args]),
    } as unknown as MapLibreMap;

    restyleMap(map, light, light);
    expect(calls).toEqual([]);

    restyleMap(map, light, dark);
    expect(calls.filter(([kind]) => kind === 'paint')).toHaveLength(
      paintChanges(light, dark).length,
    );
    expect(calls).toContainEqual([
      'paint',
      'background',
      'background-color',
      BASEMAP_PALETTES.dark.land,
    ]);
    expect(calls.at(-1)).toEqual(['sprite', `${ORIGIN}/basemap/sprites/dark`]);
  });
});
