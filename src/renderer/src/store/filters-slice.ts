import type { StreetDeskApi } from '../../../shared/contract';
import type { FiltersSlice, SliceCreator } from './app-state';

export function createFiltersSlice(
  api: StreetDeskApi,
): SliceCreator<FiltersSlice> {
  return (set, get) => {
    const refresh = () => void get().refreshForQuery();

    return {
      facets: null,
      filter: { types: [], neighborhoods: [] },
      sort: 'due',

      async loadFacets() {
        try {
          set({ facets: await api.getQueueFacets() });
        } catch (error) {
          get().reportError('load the filter choices', error);
        }
      },

      setTypes(types) {
        set({ filter: { ...get().filter, types: [...types] } });
        refresh();
      },

      setNeighborhoods(neighborhoods) {
        set({ filter: { ...get().filter, neighborhoods: [...neighborhoods] } });
        refresh();
      },

      setSort(sort) {
        if (sort === get().sort) return;
        set({ sort });
        refresh();
      },
    };
  };
}
