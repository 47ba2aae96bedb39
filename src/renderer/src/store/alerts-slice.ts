import type { StreetDeskApi } from '../../../shared/contract';
import type { AlertsSlice, SliceCreator } from './app-state';

/** Alerts kept on screen at once; older ones make way. */
const KEPT_ALERTS = 4;

export function createAlertsSlice(
  api: StreetDeskApi,
): SliceCreator<AlertsSlice> {
  return (set, get) => {
    let alertId = 0;

    return {
      watchedIds: [],
      alerts: [],

      async loadWatched() {
        try {
          set({ watchedIds: await api.listWatched() });
        } catch (error) {
          get().reportError('read the watched requests', error);
        }
      },

      async toggleWatch(id) {
        const watching = get().watchedIds.includes(id);
        try {
          const { watched } = await api.watchRequest({
            requestId: id,
            watched: !watching,
          });
          const others = get().watchedIds.filter((each) => each !== id);
          set({ watchedIds: watched ? [...others, id] : others });
          get().announce(
            watched
              ? `Watching request ${id}: you will be alerted before it breaches.`
              : `No longer watching request ${id}.`,
          );
        } catch (error) {
          get().reportError('change the watch on the request', error);
        }
      },

      showAlert(alert) {
        const shown = { ...alert, id: ++alertId };
        set({ alerts: [...get().alerts, shown].slice(-KEPT_ALERTS) });
      },

      dismissAlert(id) {
        set({ alerts: get().alerts.filter((alert) => alert.id !== id) });
      },
    };
  };
}
