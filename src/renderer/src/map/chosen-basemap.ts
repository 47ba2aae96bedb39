// The style for the basemap the person chose in the settings: the bundled
// Boston map, a tile archive the app serves from this computer (styled
// from the names of its layers, since an archive carries no style), or a
// style fetched from a URL. The requests are drawn on top of each the same
// way. A choice that cannot be drawn falls back to the bundled map and says
// why, in words the settings panel and the map show as text. The bundled map
// and a vector archive come in the light and the dark theme's colours; an
// image archive or a style from a URL is drawn as the city made it, in
// either theme: its colours are the city's choice.
import type {
  FilterSpecification,
  LayerSpecification,
  SourceSpecification,
  StyleSpecification,
} from 'maplibre-gl';

import type { BasemapView, TilesetInfo } from '../../../shared/basemap-view';
import {
  BASEMAP_BOUNDS,
  BASEMAP_PALETTES,
  CLUSTER_COUNTS_LAYER,
  buildBasemapStyle,
  type MapTheme,
  requestLayers,
  requestSources,
} from './basemap-style';

type Bounds = [[number, number], [number, number]];

export type MapBase = {
  /** The style in each theme; the same one where the colours are not ours. */
  styles: Record<MapTheme, StyleSpecification>;
  /** Where the camera may go; null lets it roam. */
  bounds: Bounds | null;
  /** Why the chosen basemap is not the one drawn, or null. */
  problem: string | null;
};

const TILE_SOURCE = 'chosen-basemap';

/** The largest style document fetched from a URL. */
const MAX_STYLE_BYTES = 5 * 1024 * 1024;

/** The colours of a vector archive drawn from its layer names. */
export type TilesetPalette = {
  background: string;
  water: string;
  green: string;
  building: string;
  area: string;
  road: string;
  boundary: string;
  line: string;
  label: string;
  halo: string;
};

/**
 * An archive's colours: the bundled map's palette for what both draw
 * (land, water, parks, areas, boundaries, labels), and its own for the
 * buildings, roads and other lines the bundled map has not.
 */
function tilesetPalette(
  theme: MapTheme,
  own: Pick<TilesetPalette, 'building' | 'road' | 'line'>,
): TilesetPalette {
  const bundled = BASEMAP_PALETTES[theme];
  return {
    background: bundled.land,
    water: bundled.water,
    green: bundled.park,
    area: bundled.neighborhood,
    boundary: bundled.neighborhoodLine,
    label: bundled.label,
    halo: bundled.labelHalo,
    ...own,
  };
}

export const TILESET_PALETTES: Record<MapTheme, TilesetPalette> = {
  light: tilesetPalette('light', {
    building: '#e2dcd0',
    road: '#ffffff',
    line: '#cfc7b6',
  }),
  dark: tilesetPalette('dark', {
    building: '#1f232a',
    road: '#22262d',
    line: '#2a2f38',
  }),
};

/** What a vector layer most likely holds, from its name. */
type Role = 'water' | 'green' | 'building' | 'road' | 'boundary' | 'place';

const ROLES: [Role, RegExp][] = [
  ['water', /water|ocean|sea|lake|river|stream|coast/i],
  ['green', /park|green|landcover|landuse|wood|forest|grass|natural/i],
  ['building', /building/i],
  ['road', /road|street|transport|highway|railway|path|bridge|tunnel/i],
  ['boundary', /boundar|admin/i],
  ['place', /place|label|name|poi/i],
];

export function roleOf(layer: string): Role | null {
  return ROLES.find(([, pattern]) => pattern.test(layer))?.[0] ?? null;
}

/** Attribution as plain text: markup in it is shown, never interpreted. */
export function plainAttribution(text: string): string {
  return text
    .replace(/<[^>]*>/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .trim();
}

const isPolygon: FilterSpecification = ['==', ['geometry-type'], 'Polygon'];
const isLine: FilterSpecification = ['==', ['geometry-type'], 'LineString'];

function vectorLayers(
  layers: readonly string[],
  colors: TilesetPalette,
): LayerSpecification[] {
  const fills: LayerSpecification[] = [];
  const lines: LayerSpecification[] = [];
  const labels: LayerSpecification[] = [];
  const base = (layer: string, suffix: string) => ({
    id: `basemap-${layer}-${suffix}`,
    source: TILE_SOURCE,
    'source-layer': layer,
  });

  for (const layer of layers) {
    const role = roleOf(layer);
    if (role === 'place') {
      labels.push({
        ...base(layer, 'label'),
        type: 'symbol',
        filter: ['==', ['geometry-type'], 'Point'],
        layout: {
          'text-field': ['coalesce', ['get', 'name:en'], ['get', 'name']],
          'text-font': ['Noto Sans Regular'],
          'text-size': 11,
        },
        paint: {
          'text-color': colors.label,
          'text-halo-color': colors.halo,
          'text-halo-width': 1.2,
        },
      });
      continue;
    }

    const fill =
      role === 'water'
        ? colors.water
        : role === 'green'
          ? colors.green
          : role === 'building'
            ? colors.building
            : colors.area;
    if (role !== 'road' && role !== 'boundary') {
      fills.push({
        ...base(layer, 'fill'),
        type: 'fill',
        filter: isPolygon,
        paint: {
          'fill-color': fill,
          'fill-opacity': role === null ? 0.5 : 1,
        },
      });
    }
    lines.push({
      ...base(layer, 'line'),
      type: 'line',
      filter: isLine,
      paint:
        role === 'road'
          ? {
              'line-color': colors.road,
              'line-width': [
                'interpolate',
                ['linear'],
                ['zoom'],
                10,
                0.6,
                16,
                5,
              ],
            }
          : {
              'line-color':
                role === 'water'
                  ? colors.water
                  : role === 'boundary'
                    ? colors.boundary
                    : colors.line,
              'line-width': 1,
              ...(role === 'boundary' ? { 'line-dasharray': [3, 2] } : {}),
            },
    });
  }

  // Water and green under buildings, areas under roads, labels on top.
  const order = (layer: LayerSpecification) => {
    const role = roleOf(
      (layer as { 'source-layer'?: string })['source-layer'] ?? '',
    );
    return role === 'building' ? 1 : 0;
  };
  fills.sort((a, b) => order(a) - order(b));

  return [...fills, ...lines, ...labels];
}

/**
 * The style for a tile archive served at `origin` + `tilesPath`. The theme
 * colours a vector archive; image tiles are the city's own picture and are
 * drawn as they are, on the light background, in either theme.
 */
export function tilesetStyle(
  origin: string,
  tilesPath: string,
  info: TilesetInfo,
  theme: MapTheme,
): StyleSpecification {
  const root = origin.replace(/\/+$/, '');
  const attribution =
    info.attribution === null
      ? {}
      : { attribution: plainAttribution(info.attribution) };
  const range = {
    tiles: [`${root}${tilesPath}`],
    minzoom: info.minzoom,
    maxzoom: info.maxzoom,
    ...(info.bounds === null ? {} : { bounds: info.bounds }),
    ...attribution,
  };
  const raster = info.format !== 'mvt';
  // Image tiles are drawn on the light ground whatever the theme.
  const ground: MapTheme = raster ? 'light' : theme;
  const colors = TILESET_PALETTES[ground];

  return {
    version: 8,
    name: info.name ?? 'Chosen basemap',
    glyphs: `${root}/basemap/glyphs/{fontstack}/{range}.pbf`,
    sources: {
      [TILE_SOURCE]: raster
        ? { type: 'raster', tileSize: info.tileSize, ...range }
        : { type: 'vector', ...range },
      ...requestSources(),
    },
    layers: [
      {
        id: 'basemap-background',
        type: 'background',
        paint: { 'background-color': colors.background },
      },
      ...(raster
        ? [
            {
              id: 'basemap-raster',
              type: 'raster',
              source: TILE_SOURCE,
            } satisfies LayerSpecification,
          ]
        : vectorLayers(info.layers, colors)),
      ...requestLayers(ground),
    ],
  };
}

/** The first font a style's own labels use, for the cluster counts. */
function fontOf(layers: readonly unknown[]): string[] | null {
  for (const layer of layers) {
    const font = (layer as { layout?: { 'text-font'?: unknown } }).layout?.[
      'text-font'
    ];
    if (
      Array.isArray(font) &&
      font.length > 0 &&
      font.every((name) => typeof name === 'string')
    ) {
      return font;
    }
  }
  return null;
}

/**
 * A style document from a URL with the requests drawn on top; throws with
 * what is wrong when it is not a style MapLibre can take.
 */
export function styleFromDocument(
  origin: string,
  document: unknown,
): StyleSpecification {
  const style = document as Partial<StyleSpecification> | null;
  if (
    typeof style !== 'object' ||
    style === null ||
    style.version !== 8 ||
    typeof style.sources !== 'object' ||
    style.sources === null ||
    !Array.isArray(style.layers)
  ) {
    throw new Error('it is not a version 8 map style');
  }

  const ours = requestSources();
  const theirs = style.sources;
  const clash = Object.keys(ours).find((id) => id in theirs);
  if (clash !== undefined) {
    throw new Error(`it already has a source named "${clash}"`);
  }

  const sources: StyleSpecification['sources'] = {};
  for (const [id, source] of Object.entries(theirs)) {
    const attribution = (source as { attribution?: unknown }).attribution;
    sources[id] =
      typeof attribution === 'string'
        ? ({
            ...source,
            attribution: plainAttribution(attribution),
          } as SourceSpecification)
        : source;
  }
  const font = style.glyphs ? fontOf(style.layers) : null;
  const layers = requestLayers().map((layer) =>
    layer.id === CLUSTER_COUNTS_LAYER &&
    font !== null &&
    layer.type === 'symbol'
      ? { ...layer, layout: { ...layer.layout, 'text-font': font } }
      : layer,
  );

  return {
    ...(style as StyleSpecification),
    glyphs:
      style.glyphs ??
      `${origin.replace(/\/+$/, '')}/basemap/glyphs/{fontstack}/{range}.pbf`,
    sources: { ...sources, ...ours },
    layers: [...style.layers, ...layers],
  };
}

async function fetchStyle(url: string): Promise<unknown> {
  const response = await fetch(url, { credentials: 'omit' });
  if (!response.ok) throw new Error(`the server answered ${response.status}`);
  const text = await response.text();
  if (text.length > MAX_STYLE_BYTES) throw new Error('it is over 5 MB');

  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new Error('it is not JSON');
  }
}

const boundsOf = (info: TilesetInfo): Bounds | null =>
  info.bounds === null
    ? null
    : [
        [info.bounds[0], info.bounds[1]],
        [info.bounds[2], info.bounds[3]],
      ];

const themed = (build: (theme: MapTheme) => StyleSpecification) => ({
  light: build('light'),
  dark: build('dark'),
});

/** One style for both themes: colours the city chose are left as they are. */
const asMade = (style: StyleSpecification) => ({ light: style, dark: style });

/** The style, bounds and any problem for what the services say to draw. */
export async function mapBaseFor(
  view: BasemapView,
  origin: string,
  load: (url: string) => Promise<unknown> = fetchStyle,
): Promise<MapBase> {
  const bundled = (problem: string | null): MapBase => ({
    styles: themed((theme) => buildBasemapStyle(origin, theme)),
    bounds: BASEMAP_BOUNDS,
    problem,
  });

  switch (view.kind) {
    case 'bundled':
      return bundled(
        view.problem === null
          ? null
          : `${view.problem} Showing the bundled Boston map.`,
      );
    case 'tiles':
      return {
        styles: themed((theme) =>
          tilesetStyle(origin, view.tilesPath, view.info, theme),
        ),
        bounds: boundsOf(view.info),
        problem: null,
      };
    case 'style-url':
      try {
        return {
          styles: asMade(styleFromDocument(origin, await load(view.url))),
          bounds: null,
          problem: null,
        };
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        return bundled(
          `The map style at ${view.url} could not be used (${reason}). ` +
            'Showing the bundled Boston map.',
        );
      }
  }
}
