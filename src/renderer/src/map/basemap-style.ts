// The map's style: the offline Boston basemap served by the app itself under
// /basemap/, plus the open requests as points. Nothing here reaches the
// network beyond the app's own origin. The basemap comes in the light and the
// dark theme's colours; the request points look the same on both.
import type {
  ExpressionSpecification,
  FilterSpecification,
  LayerSpecification,
  StyleSpecification,
} from 'maplibre-gl';

import { SLA_COLORS } from './sla-colors';

export const OSM_ATTRIBUTION = '© OpenStreetMap contributors';

export const REQUESTS_SOURCE = 'requests';
export const REQUESTS_LAYER = 'requests';
export const CLUSTERS_LAYER = 'request-clusters';
export const CLUSTER_COUNTS_LAYER = 'request-cluster-counts';
export const SELECTED_SOURCE = 'selected-request';
export const CREWS_SOURCE = 'crews';
export const CREWS_LAYER = 'crews';
/** A crew's mark: a hollow ring, where a request is a filled dot. */
export const CREW_MARK_COLOR = '#6d28d9';
export const SELECTED_LAYER = 'requests-selected';

/** Where the basemap data stops: the camera may not wander past it. */
export const BASEMAP_BOUNDS: [[number, number], [number, number]] = [
  [-71.32, 42.2],
  [-70.85, 42.46],
];

export const INITIAL_VIEW = {
  center: [-71.075, 42.325] as [number, number],
  zoom: 11.4,
};

/**
 * The app's themes (layout/theme.ts), which the basemap's colours follow;
 * spelled out here so that this file needs no DOM to be read by tests.
 */
export type MapTheme = 'light' | 'dark';

/** The basemap's colours in one theme. */
export type BasemapPalette = {
  land: string;
  water: string;
  park: string;
  neighborhood: string;
  neighborhoodLine: string;
  minorStreet: string;
  majorStreet: string;
  majorCasing: string;
  label: string;
  labelHalo: string;
  neighborhoodLabel: string;
  parkLabel: string;
};

export const BASEMAP_PALETTES: Record<MapTheme, BasemapPalette> = {
  light: {
    land: '#f3f0e8',
    water: '#a9cfe0',
    park: '#cfe5c0',
    neighborhood: '#ebe6da',
    neighborhoodLine: '#b8ad98',
    minorStreet: '#ffffff',
    majorStreet: '#fbe3a6',
    majorCasing: '#d9c48d',
    label: '#4a4a48',
    labelHalo: '#ffffff',
    neighborhoodLabel: '#7a6f5c',
    parkLabel: '#3f6b36',
  },
  // The control room: dark land, muted water, streets only a little
  // lighter than the land, so that the request points stand out at least as
  // well as on the light map (tests/renderer/basemap-style.test.ts checks
  // the contrast); labels light on a halo of the land's colour.
  dark: {
    land: '#14171c',
    water: '#16222d',
    park: '#17221b',
    neighborhood: '#191d23',
    neighborhoodLine: '#3a414d',
    minorStreet: '#1f232a',
    majorStreet: '#22262d',
    majorCasing: '#1a1e24',
    label: '#b4bcc8',
    labelHalo: '#14171c',
    neighborhoodLabel: '#8c95a5',
    parkLabel: '#7fa888',
  },
};

const MAJOR_CLASSES = [
  'primary',
  'primary_link',
  'secondary',
  'secondary_link',
  'tertiary',
  'tertiary_link',
];

const isMajorStreet: FilterSpecification = [
  'in',
  ['get', 'highway'],
  ['literal', MAJOR_CLASSES],
];

const isMinorStreet: FilterSpecification = [
  '!',
  ['in', ['get', 'highway'], ['literal', MAJOR_CLASSES]],
];

/** Line width by zoom, from `low` at zoom 11 to `high` at zoom 18. */
function widthByZoom(low: number, high: number): ExpressionSpecification {
  return ['interpolate', ['exponential', 1.6], ['zoom'], 11, low, 18, high];
}

export const slaColorExpression: ExpressionSpecification = [
  'match',
  ['get', 'sla'],
  'on_track',
  SLA_COLORS.on_track,
  'at_risk',
  SLA_COLORS.at_risk,
  'breached',
  SLA_COLORS.breached,
  SLA_COLORS.no_sla,
];

/** The filter of the highlight layer: only the selected request, or none. */
export function selectedFilter(id: string | null): FilterSpecification {
  return ['==', ['get', 'id'], id ?? ''];
}

function basemapLayers(colors: BasemapPalette): LayerSpecification[] {
  return [
    {
      id: 'background',
      type: 'background',
      paint: { 'background-color': colors.land },
    },
    {
      id: 'neighborhoods-fill',
      type: 'fill',
      source: 'neighborhoods',
      paint: { 'fill-color': colors.neighborhood, 'fill-opacity': 0.6 },
    },
    {
      id: 'parks',
      type: 'fill',
      source: 'parks',
      paint: { 'fill-color': colors.park },
    },
    {
      id: 'water',
      type: 'fill',
      source: 'water',
      paint: { 'fill-color': colors.water },
    },
    {
      id: 'neighborhoods-outline',
      type: 'line',
      source: 'neighborhoods',
      paint: {
        'line-color': colors.neighborhoodLine,
        'line-width': 1,
        'line-dasharray': [3, 2],
      },
    },
    {
      id: 'streets-minor',
      type: 'line',
      source: 'streets',
      filter: isMinorStreet,
      minzoom: 12,
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: {
        'line-color': colors.minorStreet,
        'line-width': widthByZoom(0.5, 9),
      },
    },
    {
      id: 'streets-major-casing',
      type: 'line',
      source: 'streets',
      filter: isMajorStreet,
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: {
        'line-color': colors.majorCasing,
        'line-width': widthByZoom(1.6, 16),
      },
    },
    {
      id: 'streets-major',
      type: 'line',
      source: 'streets',
      filter: isMajorStreet,
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: {
        'line-color': colors.majorStreet,
        'line-width': widthByZoom(1, 13),
      },
    },
    {
      id: 'park-labels',
      type: 'symbol',
      source: 'parks',
      minzoom: 15,
      layout: {
        'text-field': ['get', 'SITE_NAME'],
        'text-font': ['Noto Sans Italic'],
        'text-size': 11,
        'text-max-width': 8,
      },
      paint: {
        'text-color': colors.parkLabel,
        'text-halo-color': colors.labelHalo,
        'text-halo-width': 1.2,
      },
    },
    {
      id: 'street-labels',
      type: 'symbol',
      source: 'streets',
      minzoom: 14,
      layout: {
        'symbol-placement': 'line',
        'text-field': ['get', 'name'],
        'text-font': ['Noto Sans Regular'],
        'text-size': ['interpolate', ['linear'], ['zoom'], 14, 10, 18, 13],
      },
      paint: {
        'text-color': colors.label,
        'text-halo-color': colors.labelHalo,
        'text-halo-width': 1.4,
      },
    },
    {
      id: 'neighborhood-labels',
      type: 'symbol',
      source: 'neighborhoods',
      maxzoom: 15,
      layout: {
        'text-field': ['get', 'name'],
        'text-font': ['Noto Sans Medium'],
        'text-size': ['interpolate', ['linear'], ['zoom'], 11, 11, 14, 14],
        'text-letter-spacing': 0.05,
        'text-max-width': 7,
      },
      paint: {
        'text-color': colors.neighborhoodLabel,
        'text-halo-color': colors.labelHalo,
        'text-halo-width': 1.5,
      },
    },
  ];
}

/**
 * The rings around points: they must stand out from the land beneath.
 * The points' own SLA colours are the same on both maps.
 */
const RINGS = {
  light: { point: '#ffffff', duplicate: '#1d2b53', selected: '#1d2b53' },
  dark: { point: '#0e1624', duplicate: '#f4f6fb', selected: '#f4f6fb' },
} as const;

/**
 * The requests' layers. `ground` is the map beneath: the dark theme's own
 * basemap, or a light one (the bundled light map, or a city's raster or
 * style, which may be either and is most often light).
 */
export function requestLayers(
  ground: 'light' | 'dark' = 'light',
): LayerSpecification[] {
  const rings = RINGS[ground];
  const clusterColor = [
    'match',
    ['get', 'worst'],
    'breached',
    SLA_COLORS.breached,
    'at_risk',
    SLA_COLORS.at_risk,
    'on_track',
    SLA_COLORS.on_track,
    SLA_COLORS.no_sla,
  ] as ExpressionSpecification;

  return [
    {
      id: CLUSTERS_LAYER,
      type: 'circle',
      source: REQUESTS_SOURCE,
      filter: ['==', ['get', 'kind'], 'cluster'],
      paint: {
        'circle-color': clusterColor,
        'circle-radius': ['step', ['get', 'count'], 13, 50, 17, 500, 23],
        'circle-opacity': 0.82,
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 2,
      },
    },
    {
      id: CLUSTER_COUNTS_LAYER,
      type: 'symbol',
      source: REQUESTS_SOURCE,
      filter: ['==', ['get', 'kind'], 'cluster'],
      layout: {
        'text-field': ['get', 'label'],
        'text-font': ['Noto Sans Medium'],
        'text-size': 11,
        'text-allow-overlap': true,
      },
      paint: { 'text-color': '#ffffff' },
    },
    {
      id: REQUESTS_LAYER,
      type: 'circle',
      source: REQUESTS_SOURCE,
      filter: ['==', ['get', 'kind'], 'point'],
      paint: {
        'circle-color': slaColorExpression,
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 10, 3, 16, 6],
        // A likely duplicate wears a ring in the land's opposite colour: a
        // supervisor can spot it.
        'circle-stroke-color': [
          'case',
          ['get', 'dup'],
          rings.duplicate,
          rings.point,
        ],
        'circle-stroke-width': [
          'interpolate',
          ['linear'],
          ['zoom'],
          10,
          ['case', ['get', 'dup'], 1.5, 0.5],
          16,
          ['case', ['get', 'dup'], 2.5, 1.2],
        ],
        'circle-opacity': 0.9,
      },
    },
    {
      // Above the requests, so a crew among many of them stays in sight.
      id: CREWS_LAYER,
      type: 'circle',
      source: CREWS_SOURCE,
      paint: {
        'circle-color': '#ffffff',
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 10, 4, 16, 8],
        'circle-stroke-color': CREW_MARK_COLOR,
        'circle-stroke-width': [
          'interpolate',
          ['linear'],
          ['zoom'],
          10,
          2,
          16,
          4,
        ],
      },
    },
    {
      id: SELECTED_LAYER,
      type: 'circle',
      source: SELECTED_SOURCE,
      filter: selectedFilter(null),
      paint: {
        'circle-color': slaColorExpression,
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 10, 7, 16, 11],
        'circle-stroke-color': rings.selected,
        'circle-stroke-width': 3,
      },
    },
  ];
}

/** The requests' and crews' sources, empty until their data arrives. */
export function requestSources(): StyleSpecification['sources'] {
  return {
    [REQUESTS_SOURCE]: {
      type: 'geojson',
      data: { type: 'FeatureCollection', features: [] },
      promoteId: 'id',
    },
    [SELECTED_SOURCE]: {
      type: 'geojson',
      data: { type: 'FeatureCollection', features: [] },
    },
    [CREWS_SOURCE]: {
      type: 'geojson',
      data: { type: 'FeatureCollection', features: [] },
    },
  };
}

/**
 * The full style for a renderer served at `origin` (e.g. app://streetdesk or
 * http://127.0.0.1:5199), in the theme's colours. MapLibre needs absolute
 * URLs, hence the origin.
 */
export function buildBasemapStyle(
  origin: string,
  theme: MapTheme,
): StyleSpecification {
  const base = `${origin.replace(/\/+$/, '')}/basemap`;
  const geojson = (file: string, attribution?: string) => ({
    type: 'geojson' as const,
    data: `${base}/${file}`,
    ...(attribution ? { attribution } : {}),
  });

  return {
    version: 8,
    name: `StreetDesk ${theme}`,
    glyphs: `${base}/glyphs/{fontstack}/{range}.pbf`,
    sprite: `${base}/sprites/${theme}`,
    sources: {
      water: geojson('water.geojson', OSM_ATTRIBUTION),
      neighborhoods: geojson('neighborhoods.geojson'),
      parks: geojson('parks.geojson'),
      streets: geojson('streets.geojson', OSM_ATTRIBUTION),
      ...requestSources(),
    },
    layers: [
      ...basemapLayers(BASEMAP_PALETTES[theme]),
      ...requestLayers(theme),
    ],
  };
}
