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
        get().loadCrews(),
        get().loadConflicts(),
        get().loadWatched(),
        get().loadUpdateState(),
        api
          .getSyncStatus()
          .then((status) => get().setSyncStatus(status))
          .catch((error: unknown) =>
            get().reportError('read the sync status', error),
          ),
      ]);

      api
        .getServerTime()
        .then((time) => get().setClockOffset(time.offsetMs))
        .catch((error: unknown) =>
          get().reportError('read the server clock', error),
        );

      let lastSeq = -1;
      const unsubscribe = [
        api.on('requestsChanged', () => void get().refreshAll()),
        api.on('syncStatusChanged', (status) => {
          get().setSyncStatus(status);
          // Crews come through the same change feed as requests.
          if (status.lastPulledSeq !== lastSeq) {
            lastSeq = status.lastPulledSeq;
            void get().loadCrews();
          }
        }),
        api.on('conflictsChanged', () => void get().loadConflicts()),
        api.on('slaAlert', (alert) => get().showAlert(alert)),
        api.on('updateState', (update) => get().setUpdateState(update)),
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
        get().loadCrews(),
        get().loadRequestExtras(get().selectedId),
        // The roster, once shown, follows assignments made anywhere.
        get().crewAssignments === null
          ? Promise.resolve()
          : get().loadCrewAssignments(),
        // The duplicates view, if it was opened, follows merges and arrivals.
        get().duplicateGroups === null
          ? Promise.resolve()
          : get().loadDuplicateGroups(),
      ]);
    },
  });
}
