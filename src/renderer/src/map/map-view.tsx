import 'maplibre-gl/dist/maplibre-gl.css';
import '../styles/map.css';

import {
  AttributionControl,
  Map as MapLibreMap,
  NavigationControl,
  setWorkerUrl,
  type GeoJSONSource,
  type MapLayerMouseEvent,
} from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useRef, useState } from 'react';

import type { SlaState } from '../../../shared/domain';
import { appStore, useAppStore } from '../store/use-app-store';
import {
  BASEMAP_BOUNDS,
  INITIAL_VIEW,
  REQUESTS_LAYER,
  REQUESTS_SOURCE,
  SELECTED_LAYER,
  buildBasemapStyle,
  selectedFilter,
} from './basemap-style';
import {
  locatePoint,
  pointStates,
  statesChanged,
  toFeatureCollection,
} from './map-points';
import { MapLegend } from './map-legend';

// The worker must come from the app's own origin: the CSP allows no other.
setWorkerUrl(workerUrl);

type TestWindow = Window & { __streetdeskMap?: MapLibreMap };

const FOCUS_ZOOM = 15;

export function MapView() {
  const containerRef = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<MapLibreMap | null>(null);
  const [styleLoaded, setStyleLoaded] = useState(false);
  const [pointsLoaded, setPointsLoaded] = useState(false);
  const shownStates = useRef<SlaState[]>([]);
  const shownPoints = useRef<unknown>(null);

  const points = useAppStore((state) => state.points);
  const now = useAppStore((state) => state.now);
  const selectedId = useAppStore((state) => state.selectedId);
  const selectedFrom = useAppStore((state) => state.selectedFrom);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;

    const created = new MapLibreMap({
      container,
      style: buildBasemapStyle(window.location.origin),
      center: INITIAL_VIEW.center,
      zoom: INITIAL_VIEW.zoom,
      minZoom: 10,
      maxZoom: 19,
      maxBounds: BASEMAP_BOUNDS,
      attributionControl: false,
    });
    created.addControl(
      new AttributionControl({ compact: false }),
      'bottom-right',
    );
    created.addControl(
      new NavigationControl({ showCompass: false }),
      'top-right',
    );

    created.on('load', () => setStyleLoaded(true));
    created.on('click', REQUESTS_LAYER, (event: MapLayerMouseEvent) => {
      const id: unknown = event.features?.[0]?.properties?.id;
      if (typeof id === 'string') {
        void appStore.getState().selectRequest(id, 'map');
      }
    });
    created.on('mouseenter', REQUESTS_LAYER, () => {
      created.getCanvas().style.cursor = 'pointer';
    });
    created.on('mouseleave', REQUESTS_LAYER, () => {
      created.getCanvas().style.cursor = '';
    });

    // Only for end-to-end tests: they project a request to screen
    // coordinates to click it. The map holds nothing the page lacks.
    (window as TestWindow).__streetdeskMap = created;
    setMap(created);

    return () => {
      delete (window as TestWindow).__streetdeskMap;
      created.remove();
      setMap(null);
      setStyleLoaded(false);
      setPointsLoaded(false);
      shownPoints.current = null;
    };
  }, []);

  useEffect(() => {
    if (!map || !styleLoaded || !points) return;

    const states = pointStates(points, now);
    // The clock moves every tick; redraw only when a point changed colour.
    const unchanged =
      shownPoints.current === points &&
      !statesChanged(shownStates.current, states);
    if (unchanged) return;

    const source = map.getSource<GeoJSONSource>(REQUESTS_SOURCE);
    if (!source) return;

    const firstLoad = shownPoints.current === null;
    shownPoints.current = points;
    shownStates.current = states;
    void source.setData(toFeatureCollection(points, states)).then(() => {
      if (!firstLoad) return;
      // Ready once the points are drawn, so a test can click one.
      map.once('idle', () => setPointsLoaded(true));
      map.triggerRepaint();
    });
  }, [map, styleLoaded, points, now]);

  useEffect(() => {
    if (!map || !styleLoaded) return;

    map.setFilter(SELECTED_LAYER, selectedFilter(selectedId));
    if (!selectedId || selectedFrom !== 'queue') return;

    const points = appStore.getState().points;
    const location = points ? locatePoint(points, selectedId) : null;
    if (location) {
      map.easeTo({
        center: location,
        zoom: Math.max(map.getZoom(), FOCUS_ZOOM),
        duration: 600,
      });
    }
  }, [map, styleLoaded, selectedId, selectedFrom]);

  return (
    <div className="map-frame">
      <div
        ref={containerRef}
        className="map"
        data-testid="map"
        data-ready={styleLoaded && pointsLoaded ? 'true' : 'false'}
        role="region"
        aria-label="Map of open requests"
      />
      <MapLegend />
    </div>
  );
}
