import type { StreetDeskApi } from '../../../shared/contract';
import type { MapSlice, SliceCreator } from './app-state';
import { toQueueFilter } from './query-filter';

export function createMapSlice(api: StreetDeskApi): SliceCreator<MapSlice> {
  return (set, get) => {
    let latestLayer = 0;
    let latestUnlocated = 0;

    const loadLayer = async () => {
      const viewport = get().viewport;
      if (viewport === null) return;
      const call = ++latestLayer;
      try {
        const layer = await api.getMapLayer({
          filter: toQueueFilter(get().filter),
          view: { ...viewport, now: Math.max(0, Math.round(get().now)) },
        });
        // The view or filter changed while this loaded: a newer call lands.
        if (call === latestLayer) set({ layer });
      } catch (error) {
        get().reportError('load the map', error);
      }
    };

    const loadUnlocated = async () => {
      const call = ++latestUnlocated;
      try {
        const unlocated = await api.listUnlocated(toQueueFilter(get().filter));
        if (call === latestUnlocated) set({ unlocated });
      } catch (error) {
        get().reportError('list the requests with no location', error);
      }
    };

    return {
      layer: null,
      viewport: null,
      unlocated: null,

      setViewport(viewport) {
        const shown = get().viewport;
        const same =
          shown !== null &&
          (Object.keys(viewport) as (keyof typeof viewport)[]).every(
            (key) => shown[key] === viewport[key],
          );
        if (same) return;
        set({ viewport });
        void loadLayer();
      },

      async loadPoints() {
        await Promise.all([loadLayer(), loadUnlocated()]);
      },

      async pickArea(ring) {
        try {
          const { ids, total } = await api.pickInArea({
            filter: toQueueFilter(get().filter),
            area: { ring },
          });
          get().setMarked(ids);
          const more =
            total > ids.length
              ? ` (the ${ids.length} most urgent of ${total})`
              : '';
          get().announce(
            ids.length === 0
              ? 'No request matching the filters is inside that area.'
              : `${ids.length} request${ids.length === 1 ? '' : 's'} ticked on the map${more}.`,
          );
        } catch (error) {
          get().reportError('pick requests on the map', error);
        }
      },
    };
  };
}
