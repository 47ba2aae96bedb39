import '../styles/queue.css';

import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import type { KeyboardEvent } from 'react';

import { rowAt } from '../store/queue-slice';
import { useAppStore } from '../store/use-app-store';
import { PlaceholderRow, QueueRow, rowElementId } from './queue-row';
import { scrollTopToReveal, visibleRows } from './virtual-window';

export const ROW_HEIGHT = 52;
const OVERSCAN = 8;

export function QueueList() {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewportHeight, setViewportHeight] = useState(0);

  const total = useAppStore((state) => state.total);
  const pages = useAppStore((state) => state.pages);
  const now = useAppStore((state) => state.now);
  const filter = useAppStore((state) => state.filter);
  const sort = useAppStore((state) => state.sort);
  const selectedId = useAppStore((state) => state.selectedId);
  const selectedIndex = useAppStore((state) => state.selectedIndex);
  const scrollRequest = useAppStore((state) => state.scrollRequest);
  const showRows = useAppStore((state) => state.showRows);
  const selectRequest = useAppStore((state) => state.selectRequest);
  const selectIndex = useAppStore((state) => state.selectIndex);
  const markedIds = useAppStore((state) => state.markedIds);
  const toggleMarked = useAppStore((state) => state.toggleMarked);
  const crews = useAppStore((state) => state.crews);
  const crewNames = useMemo(
    () => new Map(crews.map((crew) => [crew.crewId, crew.name])),
    [crews],
  );
  const marked = useMemo(() => new Set(markedIds), [markedIds]);

  const count = total ?? 0;
  const { first, last } = visibleRows({
    scrollTop,
    viewportHeight,
    rowHeight: ROW_HEIGHT,
    total: count,
    overscan: OVERSCAN,
  });

  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (!element) return;

    const observer = new ResizeObserver(() =>
      setViewportHeight(element.clientHeight),
    );
    // The observer reports the first size too.
    observer.observe(element);

    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    if (viewportHeight > 0) showRows({ first, last });
  }, [showRows, first, last, viewportHeight]);

  useEffect(() => {
    // A new filter or sort is a new list: start at its top. The scroll
    // event that follows updates scrollTop.
    const element = scrollRef.current;
    if (element) element.scrollTop = 0;
  }, [filter, sort]);

  useEffect(() => {
    const element = scrollRef.current;
    if (!scrollRequest || !element) return;

    const { index, center } = scrollRequest;
    const reveal = scrollTopToReveal({
      index,
      scrollTop: element.scrollTop,
      viewportHeight: element.clientHeight,
      rowHeight: ROW_HEIGHT,
    });
    if (reveal === null) return;

    element.scrollTop = center
      ? Math.max(0, (index + 0.5) * ROW_HEIGHT - element.clientHeight / 2)
      : reveal;
  }, [scrollRequest]);

  const onSelect = useCallback(
    (id: string, index: number) => void selectRequest(id, 'queue', index),
    [selectRequest],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const page = Math.max(1, Math.floor(viewportHeight / ROW_HEIGHT) - 1);
    const current = selectedIndex ?? -1;
    const moves: Record<string, number> = {
      ArrowDown: current + 1,
      ArrowUp: Math.max(0, current - 1),
      PageDown: current + page,
      PageUp: Math.max(0, current - page),
      Home: 0,
      End: count - 1,
    };
    if (event.key === ' ' && selectedId !== null) {
      event.preventDefault();
      toggleMarked(selectedId);
      return;
    }
    const target = moves[event.key];
    if (target === undefined || count === 0) return;

    event.preventDefault();
    void selectIndex(target);
  };

  const rows = [];
  for (let index = first; index <= last; index++) {
    const row = rowAt({ pages }, index);
    const top = index * ROW_HEIGHT;
    rows.push(
      row ? (
        <QueueRow
          key={row.serviceRequestId}
          row={row}
          index={index}
          total={count}
          top={top}
          selected={row.serviceRequestId === selectedId}
          marked={marked.has(row.serviceRequestId)}
          crewName={
            row.assignedCrewId === null
              ? null
              : (crewNames.get(row.assignedCrewId) ?? row.assignedCrewId)
          }
          now={now}
          onSelect={onSelect}
          onToggleMark={toggleMarked}
        />
      ) : (
        <PlaceholderRow key={`placeholder-${index}`} top={top} />
      ),
    );
  }

  const activeRow =
    selectedIndex !== null &&
    selectedIndex >= first &&
    selectedIndex <= last &&
    rowAt({ pages }, selectedIndex)?.serviceRequestId === selectedId
      ? rowElementId(selectedIndex)
      : undefined;

  return (
    <div className="queue">
      <div className="queue-columns" aria-hidden="true">
        <span />
        <span>Request</span>
        <span>Neighbourhood</span>
        <span>Crew</span>
        <span>Age</span>
        <span>SLA due</span>
      </div>
      <div
        ref={scrollRef}
        className="queue-scroll"
        role="listbox"
        aria-label="Open requests"
        aria-activedescendant={activeRow}
        aria-busy={total === null}
        tabIndex={0}
        data-testid="queue"
        onKeyDown={onKeyDown}
        onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
      >
        <div className="queue-spacer" style={{ height: count * ROW_HEIGHT }}>
          {rows}
        </div>
        {total === 0 ? (
          <p className="queue-empty">No open requests match these filters.</p>
        ) : null}
      </div>
    </div>
  );
}
