// Picking many requests on the map: Shift and drag draws a box, and with
// the lasso on, a drag draws a free shape. What is inside is ticked, ready
// for one bulk assignment. The shape is drawn on an overlay above the map
// and handed to the services as [long, lat] corners.
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useRef, useState } from 'react';

import { appStore } from '../store/use-app-store';
import {
  addsToLasso,
  boxCorners,
  ringOf,
  thinned,
  wasClick,
  type Screen,
} from './area-shape';

export function AreaPicker(props: {
  map: MapLibreMap | null;
  lasso: boolean;
  onDone: () => void;
}) {
  const { map, lasso, onDone } = props;
  const [shape, setShape] = useState<Screen[] | null>(null);
  const drawing = useRef<{ mode: 'box' | 'lasso'; points: Screen[] } | null>(
    null,
  );

  useEffect(() => {
    if (!map) return;
    const canvas = map.getCanvasContainer();
    // Shift-drag is ours (a box to pick with), not MapLibre's box zoom.
    map.boxZoom.disable();
    if (lasso) map.dragPan.disable();
    else map.dragPan.enable();

    const at = (event: PointerEvent): Screen => {
      const rect = canvas.getBoundingClientRect();
      return [event.clientX - rect.left, event.clientY - rect.top];
    };

    const onDown = (event: PointerEvent) => {
      if (event.button !== 0 || (!lasso && !event.shiftKey)) return;
      event.preventDefault();
      event.stopPropagation();
      canvas.setPointerCapture(event.pointerId);
      drawing.current = { mode: lasso ? 'lasso' : 'box', points: [at(event)] };
      setShape([at(event)]);
    };
    const onMove = (event: PointerEvent) => {
      const current = drawing.current;
      if (!current) return;
      const point = at(event);
      if (current.mode === 'box') {
        setShape(boxCorners(current.points[0]!, point));
        return;
      }
      if (!addsToLasso(current.points.at(-1)!, point)) return;
      current.points.push(point);
      setShape([...current.points]);
    };
    const onUp = (event: PointerEvent) => {
      const current = drawing.current;
      if (!current) return;
      drawing.current = null;
      setShape(null);
      const start = current.points[0]!;
      const end = at(event);
      const corners =
        current.mode === 'box'
          ? boxCorners(start, end)
          : thinned(current.points);
      // A click, not a drag: nothing to pick.
      if (wasClick(current.mode, start, end, corners)) return;

      const ring = ringOf(corners, (point) => map.unproject(point));
      void appStore.getState().pickArea(ring);
      onDone();
    };

    canvas.addEventListener('pointerdown', onDown, { capture: true });
    canvas.addEventListener('pointermove', onMove);
    canvas.addEventListener('pointerup', onUp);
    return () => {
      canvas.removeEventListener('pointerdown', onDown, { capture: true });
      canvas.removeEventListener('pointermove', onMove);
      canvas.removeEventListener('pointerup', onUp);
      map.dragPan.enable();
    };
  }, [map, lasso, onDone]);

  if (shape === null || shape.length < 2) return null;
  return (
    <svg className="area-picker" aria-hidden="true">
      <polygon points={shape.map(([x, y]) => `${x},${y}`).join(' ')} />
    </svg>
  );
}
