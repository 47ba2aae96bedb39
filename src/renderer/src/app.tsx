import './styles/layout.css';

import { useEffect } from 'react';

import { RequestDetail } from './detail/request-detail';
import { ErrorBanner } from './header/error-banner';
import { AppHeader } from './header/app-header';
import { FilterBar } from './filters/filter-bar';
import { MapView } from './map/map-view';
import { QueueList } from './queue/queue-list';
import { appStore } from './store/use-app-store';

/** Often enough for minute-level countdowns, rare enough to cost nothing. */
const CLOCK_TICK_MS = 30_000;

export function App() {
  useEffect(() => appStore.getState().start(), []);

  useEffect(() => {
    const timer = setInterval(() => {
      const { tick, clockOffsetMs } = appStore.getState();
      tick(Date.now() + clockOffsetMs);
    }, CLOCK_TICK_MS);

    return () => clearInterval(timer);
  }, []);

  return (
    <div className="app">
      <AppHeader />
      <ErrorBanner />
      <main className="workspace">
        <section className="queue-pane" aria-label="Queue">
          <FilterBar />
          <QueueList />
        </section>
        <section className="map-pane" aria-label="Map">
          <MapView />
          <RequestDetail />
        </section>
      </main>
    </div>
  );
}
