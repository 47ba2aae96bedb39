import './styles/layout.css';
import './styles/dispatch.css';

import { useCallback, useEffect, useRef, useState } from 'react';

import { BulkBar } from './dispatch/bulk-bar';
import { CommandPalette } from './keyboard/command-palette';
import { focusSoon } from './keyboard/focus-targets';
import { paletteCommands } from './keyboard/palette-commands';
import type { CommandId } from './keyboard/shortcuts';
import { ShortcutsHelp } from './keyboard/shortcuts-help';
import { useKeyboardCommands } from './keyboard/use-keyboard-commands';
import { ActionNotice } from './header/action-notice';
import { AlertToasts } from './header/alert-toasts';
import { AppHeader } from './header/app-header';
import { ErrorBanner } from './header/error-banner';
import { FilterBar } from './filters/filter-bar';
import { PaneSplitter } from './layout/pane-splitter';
import { SidePanel, type SideTab } from './layout/side-panel';
import { applyTheme, storedTheme, type Theme } from './layout/theme';
import { MapView } from './map/map-view';
import { QueueList } from './queue/queue-list';
import { appStore, useAppStore } from './store/use-app-store';
import { SyncStatusBar } from './sync/sync-status-bar';

/** Often enough for minute-level countdowns, rare enough to cost nothing. */
const CLOCK_TICK_MS = 30_000;

export function App() {
  const workspace = useRef<HTMLElement>(null);
  const [tab, setTab] = useState<SideTab>('request');
  const [overlay, setOverlay] = useState<'palette' | 'help' | null>(null);
  const [theme, setTheme] = useState<Theme>(storedTheme);
  const selectedId = useAppStore((state) => state.selectedId);
  const selectionSeq = useAppStore((state) => state.selectionSeq);
  const crewFocusSeq = useAppStore((state) => state.crewFocus?.seq ?? 0);

  useEffect(() => applyTheme(theme), [theme]);
  const toggleTheme = useCallback(
    () => setTheme((current) => (current === 'dark' ? 'light' : 'dark')),
    [],
  );

  const run = useCallback((command: CommandId) => {
    const focusRequest = (target: 'assign' | 'status' | 'note') => {
      setTab('request');
      void focusSoon(target);
    };
    const actions: Record<CommandId, () => void> = {
      palette: () => setOverlay('palette'),
      help: () => setOverlay('help'),
      'focus-queue': () => void focusSoon('queue'),
      'focus-search': () => void focusSoon('search'),
      assign: () => focusRequest('assign'),
      status: () => focusRequest('status'),
      note: () => focusRequest('note'),
      'show-request': () => setTab('request'),
      'show-crews': () => setTab('crews'),
      'show-sla': () => setTab('sla'),
      'show-conflicts': () => setTab('conflicts'),
      'clear-ticks': () => appStore.getState().clearMarked(),
      'close-detail': () => appStore.getState().clearSelection(),
    };
    actions[command]();
  }, []);
  useKeyboardCommands(run, overlay === null);

  useEffect(() => appStore.getState().start(), []);
  // Read at start, so that a console not yet set up offers its guide.
  useEffect(() => void appStore.getState().loadSettings(), []);

  useEffect(() => {
    const timer = setInterval(() => {
      const { tick, clockOffsetMs } = appStore.getState();
      tick(Date.now() + clockOffsetMs);
    }, CLOCK_TICK_MS);

    return () => clearInterval(timer);
  }, []);

  // A selection, even of the request already selected, brings its details
  // forward (set during render, as React advises for state that follows a
  // prop or store value).
  const [shownSelection, setShownSelection] = useState(selectionSeq);
  if (selectionSeq !== shownSelection) {
    setShownSelection(selectionSeq);
    if (selectedId !== null) setTab('request');
  }
  // A crew picked on the map brings the roster forward.
  const [shownCrewFocus, setShownCrewFocus] = useState(crewFocusSeq);
  if (crewFocusSeq !== shownCrewFocus) {
    setShownCrewFocus(crewFocusSeq);
    setTab('crews');
  }

  const setQueueWidth = useCallback((width: number) => {
    workspace.current?.style.setProperty('--queue-width', `${width}px`);
  }, []);
  const setSideWidth = useCallback((width: number) => {
    workspace.current?.style.setProperty('--side-width', `${width}px`);
  }, []);

  return (
    <div className="app">
      <AppHeader
        theme={theme}
        onToggleTheme={toggleTheme}
        onSetUp={() => setTab('settings')}
      />
      <SyncStatusBar onShowConflicts={() => setTab('conflicts')} />
      <ErrorBanner />
      <ActionNotice />
      <AlertToasts />
      <main className="workspace" ref={workspace}>
        <section className="queue-pane" aria-label="Queue">
          <FilterBar />
          <BulkBar />
          <QueueList />
        </section>
        <PaneSplitter
          label="Resize the queue"
          storageKey="streetdesk.queueWidth"
          initial={620}
          min={420}
          max={1100}
          direction={1}
          onResize={setQueueWidth}
        />
        <section className="map-pane" aria-label="Map">
          <MapView theme={theme} />
        </section>
        <PaneSplitter
          label="Resize the details"
          storageKey="streetdesk.sideWidth"
          initial={400}
          min={300}
          max={720}
          direction={-1}
          onResize={setSideWidth}
        />
        <SidePanel tab={tab} onTab={setTab} />
      </main>
      {overlay === 'palette' ? (
        <CommandPalette
          commands={paletteCommands(appStore.getState(), { run, toggleTheme })}
          onClose={() => setOverlay(null)}
        />
      ) : null}
      {overlay === 'help' ? (
        <ShortcutsHelp onClose={() => setOverlay(null)} />
      ) : null}
    </div>
  );
}
