// A draggable, keyboard-operable divider between two panes. The width it
// sets is kept for the next start.
import { useEffect, useState } from 'react';
import type { KeyboardEvent, PointerEvent } from 'react';

type SplitterProps = {
  label: string;
  /** Where the width is kept between runs. */
  storageKey: string;
  initial: number;
  min: number;
  max: number;
  /** +1 when dragging right widens the pane, -1 when it narrows it. */
  direction: 1 | -1;
  onResize: (width: number) => void;
};

const STEP = 24;

export function readWidth(key: string, fallback: number): number {
  const stored = Number(globalThis.localStorage?.getItem(key));
  return Number.isFinite(stored) && stored > 0 ? stored : fallback;
}

export function PaneSplitter(props: SplitterProps) {
  const { min, max, direction, onResize, storageKey } = props;
  const [width, setWidth] = useState(() =>
    Math.min(max, Math.max(min, readWidth(storageKey, props.initial))),
  );

  useEffect(() => {
    onResize(width);
    localStorage.setItem(storageKey, String(Math.round(width)));
  }, [width, onResize, storageKey]);

  const clamp = (value: number) => Math.min(max, Math.max(min, value));

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    const startX = event.clientX;
    const startWidth = width;
    const target = event.currentTarget;
    target.setPointerCapture(event.pointerId);
    const move = (moved: globalThis.PointerEvent) =>
      setWidth(clamp(startWidth + direction * (moved.clientX - startX)));
    const up = () => {
      target.removeEventListener('pointermove', move);
      target.removeEventListener('pointerup', up);
    };
    target.addEventListener('pointermove', move);
    target.addEventListener('pointerup', up);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const delta = { ArrowLeft: -STEP, ArrowRight: STEP }[event.key];
    if (delta === undefined) return;
    event.preventDefault();
    setWidth((current) => clamp(current + direction * delta));
  };

  return (
    <div
      className="pane-splitter"
      role="separator"
      aria-orientation="vertical"
      aria-label={props.label}
      aria-valuemin={min}
      aria-valuemax={max}
      aria-valuenow={Math.round(width)}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
    />
  );
}
