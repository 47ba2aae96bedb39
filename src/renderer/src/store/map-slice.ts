import type { StreetDeskApi } from '../../../shared/contract';
import type { MapSlice, SliceCreator } from './app-state';
import { toQueueFilter } from './query-filter';

export function createMapSlice(api: StreetDeskApi): SliceCreator<MapSlice> {
  return (set, get) => {
    let latest = 0;

    return {
      points: null,
      unlocated: null,

      async loadPoints() {
        const call = ++latest;
        const filter = toQueueFilter(get().filter);
        try {
          const [points, unlocated] = await Promise.all([
            api.getMapPoints(filter),
            api.listUnlocated(filter),
          ]);
          // A filter changed while this was loading: a newer call will land.
          if (call === latest) set({ points, unlocated });
        } catch (error) {
          get().reportError('load the map points', error);
        }
      },
    };
  };
}
