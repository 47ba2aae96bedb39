import type { StreetDeskApi } from '../../../shared/contract';
import type { ActiveFilter, FiltersSlice, SliceCreator } from './app-state';
import { fromSavedView, NO_FILTER, toSavedFilter } from './query-filter';

export function createFiltersSlice(
  api: StreetDeskApi,
): SliceCreator<FiltersSlice> {
  return (set, get) => {
    const refresh = () => void get().refreshForQuery();

    // Every change re-judges SLA states at the current server time, so a
    // filter never lists by a moment long past.
    const change = (patch: Partial<ActiveFilter>) => {
      set({ filter: { ...get().filter, ...patch, slaAt: get().now } });
      refresh();
    };

    return {
      facets: null,
      filter: NO_FILTER,
      sort: 'due',
      savedViews: [],

      async loadFacets() {
        try {
          set({ facets: await api.getQueueFacets() });
        } catch (error) {
          get().reportError('load the filter choices', error);
        }
      },

      setTypes: (types) => change({ types: [...types] }),
      setNeighborhoods: (neighborhoods) =>
        change({ neighborhoods: [...neighborhoods] }),
      setListFilter: (key, values) => change({ [key]: [...values] }),
      setWorkStatuses: (workStatuses) =>
        change({ workStatuses: [...workStatuses] }),
      setSlaStates: (slaStates) => change({ slaStates: [...slaStates] }),

      setAssigned(assigned) {
        // A crew filter implies "assigned"; choosing unassigned drops it.
        const crewIds = assigned === false ? [] : get().filter.crewIds;
        change({ assigned, crewIds });
      },

      setSearchText(text) {
        if (text.trim() === get().filter.text.trim()) return;
        change({ text });
      },

      clearFilters: () => change(NO_FILTER),

      setSort(sort) {
        if (JSON.stringify(sort) === JSON.stringify(get().sort)) return;
        set({ sort });
        refresh();
      },

      async loadSavedViews() {
        try {
          set({ savedViews: await api.listSavedViews() });
        } catch (error) {
          get().reportError('load the saved views', error);
        }
      },

      async saveCurrentView(name) {
        const { filter, sort } = get();
        try {
          const savedViews = await api.saveView({
            name,
            filter: toSavedFilter(filter),
            sort,
          });
          set({ savedViews });
          return true;
        } catch (error) {
          get().reportError(`save the view "${name.trim()}"`, error);
          return false;
        }
      },

      applyView(name) {
        const view = get().savedViews.find((each) => each.name === name);
        if (view === undefined) return;

        set({ filter: fromSavedView(view, get().now), sort: view.sort });
        refresh();
      },

      async deleteSavedView(name) {
        try {
          await api.deleteView({ name });
          set({
            savedViews: get().savedViews.filter((view) => view.name !== name),
          });
        } catch (error) {
          get().reportError(`delete the view "${name}"`, error);
        }
      },
    };
  };
}
