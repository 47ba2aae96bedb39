import type { StreetDeskApi } from '../../../shared/contract';
import type { MapSlice, SliceCreator } from './app-state';
import { toQueueFilter } from './query-filter';

export function createMapSlice(api: StreetDeskApi): SliceCreator<MapSlice> {
  return (set, get) => {
    let latest = 0;

    return {
      points: null,

      async loadPoints() {
        const call = ++latest;
        try {
          const points = await api.getMapPoints(toQueueFilter(get().filter));
          // A filter changed while this was loading: a newer call will land.
          if (call === latest) set({ points });
        } catch (error) {
          get().reportError('load the map points', error);
        }
      },
    };
  };
}
