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
import { useCallback, useEffect, useRef, useState } from 'react';

import type { MapLayer } from '../../../shared/contract';
import { slaState, type SlaState } from '../../../shared/domain';
import type { Theme } from '../layout/theme';
import { appStore, useAppStore } from '../store/use-app-store';
import { AreaPicker } from './area-picker';
import {
  CLUSTERS_LAYER,
  CREWS_LAYER,
  CREWS_SOURCE,
  INITIAL_VIEW,
  REQUESTS_LAYER,
  REQUESTS_SOURCE,
  SELECTED_LAYER,
  SELECTED_SOURCE,
  selectedFilter,
} from './basemap-style';
import {
  layerFeatures,
  pointStates,
  sameDrawing,
  statesChanged,
} from './map-points';
import { crewFeatures } from './crew-points';
import { FOCUS_ZOOM, needsFocus } from './focus-camera';
import { MapLegend } from './map-legend';
import { rendererOf, softwareRenderer } from './renderer-kind';
import { restyleMap } from './theme-restyle';
import { UnlocatedList } from './unlocated-list';

// The worker must come from the app's own origin: the CSP allows no other.
setWorkerUrl(workerUrl);

type TestWindow = Window & { __streetdeskMap?: MapLibreMap };

/** How long the map glides to a selection or a cluster, with a GPU. */
const GLIDE_MS = 600;

/** The map's view as the services take it. */
function viewportOf(map: MapLibreMap) {
  const bounds = map.getBounds();
  const clamp = (value: number, limit: number) =>
    Math.max(-limit, Math.min(limit, value));

  return {
    south: clamp(bounds.getSouth(), 90),
    north: clamp(bounds.getNorth(), 90),
    west: clamp(bounds.getWest(), 180),
    east: clamp(bounds.getEast(), 180),
    zoom: Math.max(0, Math.min(24, map.getZoom())),
  };
}

export function MapView(props: { theme: Theme }) {
  const { theme } = props;
  const containerRef = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<MapLibreMap | null>(null);
  const [styleLoaded, setStyleLoaded] = useState(false);
  const [drawn, setDrawn] = useState(false);
  // Counts the layers the map's sources took in, and those drawn, so a
  // test or bench can wait for the next one. Written to the element the
  // moment they happen: a state update would wait for React's next pass,
  // which a busy map can hold back by a frame or more.
  const appliedLayers = useRef(0);
  const drawnLayers = useRef(0);
  const [lasso, setLasso] = useState(false);
  const shownStates = useRef<SlaState[]>([]);
  const shownLayer = useRef<MapLayer | null>(null);
  const glideMs = useRef(GLIDE_MS);
  // The theme whose colours the map is drawn in: a new map starts in it,
  // and a switch recolours the map from it.
  const drawnTheme = useRef(theme);

  const inView = useAppStore((state) => state.layer?.inView ?? null);
  const now = useAppStore((state) => state.now);
  const selectedId = useAppStore((state) => state.selectedId);
  const selectedFrom = useAppStore((state) => state.selectedFrom);
  const detail = useAppStore((state) => state.detail);
  const crews = useAppStore((state) => state.crews);

  // The chosen basemap; the map is made again when the choice changes.
  const mapBase = useAppStore((state) => state.mapBase);
  useEffect(() => {
    if (mapBase === null) void appStore.getState().loadMapBase();
  }, [mapBase]);

  useEffect(() => {
    const container = containerRef.current;
    if (!container || mapBase === null) return;

    const created = new MapLibreMap({
      container,
      style: mapBase.styles[drawnTheme.current],
      center: INITIAL_VIEW.center,
      zoom: INITIAL_VIEW.zoom,
      minZoom: 10,
      maxZoom: 19,
      ...(mapBase.bounds === null ? {} : { maxBounds: mapBase.bounds }),
      attributionControl: false,
      // Labels appear at once: a control room has no use for fades, and a
      // new layer counts as drawn only when nothing is still fading.
      fadeDuration: 0,
    });
    created.addControl(
      new AttributionControl({ compact: false }),
      'bottom-right',
    );
    created.addControl(
      new NavigationControl({ showCompass: false }),
      'top-right',
    );

    const reportView = () =>
      appStore.getState().setViewport(viewportOf(created));
    created.on('load', () => {
      glideMs.current = softwareRenderer(rendererOf(created)) ? 0 : GLIDE_MS;
      setStyleLoaded(true);
      reportView();
    });
    created.on('moveend', reportView);
    created.on('click', REQUESTS_LAYER, (event: MapLayerMouseEvent) => {
      const id: unknown = event.features?.[0]?.properties?.id;
      if (typeof id === 'string') {
        void appStore.getState().selectRequest(id, 'map');
      }
    });
    created.on('click', CREWS_LAYER, (event: MapLayerMouseEvent) => {
      const id: unknown = event.features?.[0]?.properties?.id;
      if (typeof id === 'string') appStore.getState().focusCrew(id);
    });
    created.on('click', CLUSTERS_LAYER, (event: MapLayerMouseEvent) => {
      const index: unknown = event.features?.[0]?.properties?.index;
      const cluster =
        typeof index === 'number'
          ? appStore.getState().layer?.clusters[index]
          : undefined;
      if (!cluster) return;
      const { south, north, west, east } = cluster.bounds;
      created.fitBounds(
        [
          [west, south],
          [east, north],
        ],
        { padding: 60, maxZoom: 18, duration: glideMs.current },
      );
    });
    for (const layerId of [REQUESTS_LAYER, CLUSTERS_LAYER, CREWS_LAYER]) {
      created.on('mouseenter', layerId, () => {
        created.getCanvas().style.cursor = 'pointer';
      });
      created.on('mouseleave', layerId, () => {
        created.getCanvas().style.cursor = '';
      });
    }

    // Only for end-to-end tests: they project a request to screen
    // coordinates to click it. The map holds nothing the page lacks.
    (window as TestWindow).__streetdeskMap = created;
    setMap(created);

    return () => {
      delete (window as TestWindow).__streetdeskMap;
      created.remove();
      setMap(null);
      setStyleLoaded(false);
      setDrawn(false);
      shownLayer.current = null;
    };
  }, [mapBase]);

  // A theme switch recolours the basemap in place, once its style is in.
  useEffect(() => {
    if (!map || !styleLoaded || mapBase === null) return;
    if (drawnTheme.current === theme) return;

    restyleMap(map, mapBase.styles[drawnTheme.current], mapBase.styles[theme]);
    drawnTheme.current = theme;
  }, [map, styleLoaded, mapBase, theme]);

  // The layer's points and clusters; a clock tick redraws the points only
  // when one of them changed colour. Fed straight from the store rather
  // than from a render: a new layer reaches the map's worker at once, not
  // after React's next pass.
  useEffect(() => {
    if (!map || !styleLoaded) return;

    const count = (
      counter: { current: number },
      name: 'appliedLayers' | 'drawnLayers',
    ) => {
      counter.current += 1;
      const frame = containerRef.current;
      if (frame) frame.dataset[name] = String(counter.current);
    };

    const show = (layer: MapLayer | null, now: number) => {
      if (!layer) return;
      const states = pointStates(layer.points, now);
      const unchanged =
        shownLayer.current === layer &&
        !statesChanged(shownStates.current, states);
      if (unchanged) return;

      const source = map.getSource<GeoJSONSource>(REQUESTS_SOURCE);
      if (!source) return;

      const newLayer = shownLayer.current !== layer;
      const shown = shownLayer.current;
      const same =
        shown !== null &&
        sameDrawing(shown, shownStates.current, layer, states);
      shownLayer.current = layer;
      shownStates.current = states;
      if (same) {
        // Nothing to redraw: the map already shows this layer.
        count(appliedLayers, 'appliedLayers');
        count(drawnLayers, 'drawnLayers');
        return;
      }
      void source.setData(layerFeatures(layer, states)).then(() => {
        if (newLayer) count(appliedLayers, 'appliedLayers');
        // Drawn at the first frame with the source loaded: a test can
        // click what it sees, and a bench can time it.
        const drawnNow = () => {
          if (!map.isSourceLoaded(REQUESTS_SOURCE)) {
            return void map.once('render', drawnNow);
          }
          setDrawn(true);
          if (newLayer) count(drawnLayers, 'drawnLayers');
        };
        map.once('render', drawnNow);
        map.triggerRepaint();
      });
    };

    const { layer, now } = appStore.getState();
    show(layer, now);
    return appStore.subscribe((state, previous) => {
      if (state.layer !== previous.layer || state.now !== previous.now) {
        show(state.layer, state.now);
      }
    });
  }, [map, styleLoaded]);

  // The selected request, drawn above the rest wherever it is.
  useEffect(() => {
    if (!map || !styleLoaded) return;
    const source = map.getSource<GeoJSONSource>(SELECTED_SOURCE);
    const located =
      detail !== null &&
      detail.serviceRequestId === selectedId &&
      detail.lat !== null &&
      detail.long !== null;
    void source?.setData({
      type: 'FeatureCollection',
      features: located
        ? [
            {
              type: 'Feature',
              geometry: {
                type: 'Point',
                coordinates: [detail.long!, detail.lat!],
              },
              properties: {
                id: detail.serviceRequestId,
                sla: slaState(detail.requestedAt, detail.slaDueAt, now),
              },
            },
          ]
        : [],
    });
    // `now` is left out: the mark is redrawn with the selection only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [map, styleLoaded, detail, selectedId]);

  // The crews where they were last seen, as the crew list changes.
  useEffect(() => {
    if (!map || !styleLoaded) return;
    const source = map.getSource<GeoJSONSource>(CREWS_SOURCE);
    void source?.setData(crewFeatures(crews));
  }, [map, styleLoaded, crews]);

  useEffect(() => {
    if (!map || !styleLoaded) return;

    map.setFilter(SELECTED_LAYER, selectedFilter(selectedId));
    if (!selectedId || selectedFrom !== 'queue') return;
    if (detail?.serviceRequestId !== selectedId) return;
    if (detail.lat === null || detail.long === null) return;

    const point = { long: detail.long, lat: detail.lat };
    if (!needsFocus(viewportOf(map), point)) return;
    map.easeTo({
      center: [point.long, point.lat],
      zoom: Math.max(map.getZoom(), FOCUS_ZOOM),
      duration: glideMs.current,
    });
  }, [map, styleLoaded, selectedId, selectedFrom, detail]);

  // Clusters count SLA states at the time they were read: read them again
  // each minute, as the countdowns move.
  const minute = Math.floor(now / 60_000);
  useEffect(() => {
    if (styleLoaded) void appStore.getState().loadPoints();
  }, [styleLoaded, minute]);

  const lassoDone = useCallback(() => setLasso(false), []);

  return (
    <div className="map-frame">
      <div
        ref={containerRef}
        className="map"
        data-testid="map"
        data-ready={styleLoaded && drawn ? 'true' : 'false'}
        data-lasso={lasso ? 'true' : 'false'}
        role="region"
        aria-label="Map of open requests"
      />
      {mapBase?.problem ? (
        <p className="map-problem" role="status" data-testid="map-problem">
          {mapBase.problem}
        </p>
      ) : null}
      <AreaPicker map={map} lasso={lasso} onDone={lassoDone} />
      <MapLegend />
      <div className="map-tools">
        <button
          type="button"
          className="map-tool"
          aria-pressed={lasso}
          data-testid="lasso-toggle"
          title="Draw around requests to tick them (Shift and drag draws a box)"
          onClick={() => setLasso((on) => !on)}
        >
          {lasso ? 'Drawing: drag around requests' : 'Lasso'}
        </button>
        {inView !== null ? (
          <span className="map-count" data-testid="map-count">
            {inView.toLocaleString()} in view
          </span>
        ) : null}
      </div>
      <UnlocatedList />
    </div>
  );
}
