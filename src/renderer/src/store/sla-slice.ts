import type { StreetDeskApi } from '../../../shared/contract';
import type { SlaSlice, SliceCreator } from './app-state';

export function createSlaSlice(api: StreetDeskApi): SliceCreator<SlaSlice> {
  return (set, get) => {
    let latest = 0;
    let latestGroups = 0;

    return {
      slaStats: null,
      duplicateGroups: null,

      async loadDuplicateGroups() {
        // Scans overlap when requests keep arriving: the last asked wins.
        const call = ++latestGroups;
        try {
          const groups = await api.listDuplicateGroups();
          if (call === latestGroups) set({ duplicateGroups: groups });
        } catch (error) {
          get().reportError('look for likely duplicates', error);
        }
      },

      async loadSlaStats() {
        const call = ++latest;
        try {
          const stats = await api.getSlaStats({
            now: Math.max(0, Math.round(get().now)),
          });
          if (call === latest) set({ slaStats: stats });
        } catch (error) {
          get().reportError('count the SLA figures', error);
        }
      },
    };
  };
}
