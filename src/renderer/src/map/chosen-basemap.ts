// The style for the basemap the person chose in the settings: the bundled
// Boston map, a tile archive the app serves from this computer (styled
// from the names of its layers, since an archive carries no style), or a
// style fetched from a URL. The requests are drawn on top of each the same
// way. A choice that cannot be drawn falls back to the bundled map and says
// why, in words the settings panel and the map show as text.
import type {
  FilterSpecification,
  LayerSpecification,
  SourceSpecification,
  StyleSpecification,
} from 'maplibre-gl';

import type { BasemapView, TilesetInfo } from '../../../shared/basemap-view';
import {
  BASEMAP_BOUNDS,
  CLUSTER_COUNTS_LAYER,
  buildBasemapStyle,
  requestLayers,
  requestSources,
} from './basemap-style';

type Bounds = [[number, number], [number, number]];

export type MapBase = {
  style: StyleSpecification;
  /** Where the camera may go; null lets it roam. */
  bounds: Bounds | null;
  /** Why the chosen basemap is not the one drawn, or null. */
  problem: string | null;
};

const TILE_SOURCE = 'chosen-basemap';

/** The largest style document fetched from a URL. */
const MAX_STYLE_BYTES = 5 * 1024 * 1024;

const COLORS = {
  background: '#f3f0e8',
  water: '#a9cfe0',
  green: '#cfe5c0',
  building: '#e2dcd0',
  area: '#ebe6da',
  road: '#ffffff',
  roadCasing: '#d6cfc0',
  boundary: '#b8ad98',
  line: '#cfc7b6',
  label: '#4a4a48',
  halo: '#ffffff',
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

function vectorLayers(layers: readonly string[]): LayerSpecification[] {
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
          'text-color': COLORS.label,
          'text-halo-color': COLORS.halo,
          'text-halo-width': 1.2,
        },
      });
      continue;
    }

    const fill =
      role === 'water'
        ? COLORS.water
        : role === 'green'
          ? COLORS.green
          : role === 'building'
            ? COLORS.building
            : COLORS.area;
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
              'line-color': COLORS.road,
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
                  ? COLORS.water
                  : role === 'boundary'
                    ? COLORS.boundary
                    : COLORS.line,
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

/** The style for a tile archive served at `origin` + `tilesPath`. */
export function tilesetStyle(
  origin: string,
  tilesPath: string,
  info: TilesetInfo,
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
        paint: { 'background-color': COLORS.background },
      },
      ...(raster
        ? [
            {
              id: 'basemap-raster',
              type: 'raster',
              source: TILE_SOURCE,
            } satisfies LayerSpecification,
          ]
        : vectorLayers(info.layers)),
      ...requestLayers(),
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

/** The style, bounds and any problem for what the services say to draw. */
export async function mapBaseFor(
  view: BasemapView,
  origin: string,
  load: (url: string) => Promise<unknown> = fetchStyle,
): Promise<MapBase> {
  const bundled = (problem: string | null): MapBase => ({
    style: buildBasemapStyle(origin),
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
        style: tilesetStyle(origin, view.tilesPath, view.info),
        bounds: boundsOf(view.info),
        problem: null,
      };
    case 'style-url':
      try {
        return {
          style: styleFromDocument(origin, await load(view.url)),
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
