import type { StreetDeskApi } from '../../../shared/contract';
import type { LifecycleSlice, SliceCreator } from './app-state';

export function createLifecycleSlice(
  api: StreetDeskApi,
): SliceCreator<LifecycleSlice> {
  return (set, get) => ({
    start() {
      void Promise.all([
        get().loadInfo(),
        get().loadFacets(),
        get().refreshQueue(),
        get().loadPoints(),
      ]);

      api
        .getServerTime()
        .then((time) => get().setClockOffset(time.offsetMs))
        .catch((error: unknown) =>
          get().reportError('read the server clock', error),
        );

      const unsubscribe = [
        api.on('requestsChanged', () => void get().refreshAll()),
        api.on('syncStatusChanged', (status) =>
          get().setClockOffset(status.serverClockOffsetMs),
        ),
      ];
      return () => unsubscribe.forEach((off) => off());
    },

    async refreshForQuery() {
      // A new query starts at its first row; the selection, if it is still
      // in the list, is then found and scrolled to.
      const { view } = get();
      const height = Math.max(0, view.last - view.first);
      set({ view: { first: 0, last: height }, scrollRequest: null });

      await Promise.all([
        get().refreshQueue(),
        get().loadPoints(),
        get().relocateSelection(),
      ]);
    },

    async refreshAll() {
      await Promise.all([
        get().loadInfo(),
        get().loadFacets(),
        get().refreshQueue(true),
        get().loadPoints(),
        // The dispatcher may be reading elsewhere in the list: do not scroll.
        get().relocateSelection(false),
      ]);
    },
  });
}
