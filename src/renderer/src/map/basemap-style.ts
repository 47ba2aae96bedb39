// The map's style: the offline Boston basemap served by the app itself under
// /basemap/, plus the open requests as points. Nothing here reaches the
// network beyond the app's own origin.
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

const COLORS = {
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

function basemapLayers(): LayerSpecification[] {
  return [
    {
      id: 'background',
      type: 'background',
      paint: { 'background-color': COLORS.land },
    },
    {
      id: 'neighborhoods-fill',
      type: 'fill',
      source: 'neighborhoods',
      paint: { 'fill-color': COLORS.neighborhood, 'fill-opacity': 0.6 },
    },
    {
      id: 'parks',
      type: 'fill',
      source: 'parks',
      paint: { 'fill-color': COLORS.park },
    },
    {
      id: 'water',
      type: 'fill',
      source: 'water',
      paint: { 'fill-color': COLORS.water },
    },
    {
      id: 'neighborhoods-outline',
      type: 'line',
      source: 'neighborhoods',
      paint: {
        'line-color': COLORS.neighborhoodLine,
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
        'line-color': COLORS.minorStreet,
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
        'line-color': COLORS.majorCasing,
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
        'line-color': COLORS.majorStreet,
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
        'text-color': COLORS.parkLabel,
        'text-halo-color': COLORS.labelHalo,
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
        'text-color': COLORS.label,
        'text-halo-color': COLORS.labelHalo,
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
        'text-color': COLORS.neighborhoodLabel,
        'text-halo-color': COLORS.labelHalo,
        'text-halo-width': 1.5,
      },
    },
  ];
}

export function requestLayers(): LayerSpecification[] {
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
        // A likely duplicate wears a dark ring: a supervisor can spot it.
        'circle-stroke-color': ['case', ['get', 'dup'], '#1d2b53', '#ffffff'],
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
        'circle-stroke-color': '#1d2b53',
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
 * http://127.0.0.1:5199). MapLibre needs absolute URLs, hence the origin.
 */
export function buildBasemapStyle(origin: string): StyleSpecification {
  const base = `${origin.replace(/\/+$/, '')}/basemap`;
  const geojson = (file: string, attribution?: string) => ({
    type: 'geojson' as const,
    data: `${base}/${file}`,
    ...(attribution ? { attribution } : {}),
  });

  return {
    version: 8,
    name: 'StreetDesk light',
    glyphs: `${base}/glyphs/{fontstack}/{range}.pbf`,
    sprite: `${base}/sprites/light`,
    sources: {
      water: geojson('water.geojson', OSM_ATTRIBUTION),
      neighborhoods: geojson('neighborhoods.geojson'),
      parks: geojson('parks.geojson'),
      streets: geojson('streets.geojson', OSM_ATTRIBUTION),
      ...requestSources(),
    },
    layers: [...basemapLayers(), ...requestLayers()],
  };
}
