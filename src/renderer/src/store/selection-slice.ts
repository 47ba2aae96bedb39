import type { StreetDeskApi } from '../../../shared/contract';
import type { SelectionSlice, SliceCreator } from './app-state';
import { toQueueFilter } from './query-filter';
import { rowAt } from './queue-slice';

export function createSelectionSlice(
  api: StreetDeskApi,
): SliceCreator<SelectionSlice> {
  return (set, get) => {
    let scrollSeq = 0;
    let latestDetail = 0;
    let latestLocate = 0;

    const loadDetail = async (id: string) => {
      const call = ++latestDetail;
      try {
        const detail = await api.getRequest(id);
        if (call === latestDetail && get().selectedId === id) {
          set({ detail, detailMissing: detail === null });
        }
      } catch (error) {
        get().reportError(`load request ${id}`, error);
      }
    };

    const locate = async (id: string): Promise<number | null> => {
      const call = ++latestLocate;
      const { filter, sort } = get();
      const { index } = await api.locateInQueue({
        id,
        filter: toQueueFilter(filter),
        sort,
      });

      return call === latestLocate && get().selectedId === id ? index : null;
    };

    // A pick on the map or a refetch lands the row mid-list; arrow keys
    // move the list minimally.
    const scrollTo = (index: number, center: boolean) => ({
      scrollRequest: { index, center, seq: ++scrollSeq },
    });

    return {
      selectedId: null,
      selectedIndex: null,
      detail: null,
      detailMissing: false,
      selectedFrom: null,
      scrollRequest: null,
      selectionSeq: 0,

      async selectRequest(id, from, index) {
        const changed = id !== get().selectedId;
        set({
          selectedId: id,
          selectionSeq: get().selectionSeq + 1,
          selectedFrom: from,
          ...(changed ? { detail: null, detailMissing: false } : {}),
          ...(index !== undefined ? { selectedIndex: index } : {}),
        });

        const work: Promise<void>[] = [loadDetail(id)];
        if (changed) {
          set({
            activity: null,
            dispatch: null,
            suggestions: null,
            nearby: null,
          });
          work.push(get().loadRequestExtras(id));
        }
        if (index === undefined) {
          work.push(
            locate(id).then(
              (found) => {
                if (get().selectedId !== id) return;
                set({
                  selectedIndex: found,
                  ...(found !== null ? scrollTo(found, true) : {}),
                });
              },
              (error) =>
                get().reportError('find the request in the queue', error),
            ),
          );
        }
        await Promise.all(work);
      },

      async selectIndex(index) {
        const total = get().total ?? 0;
        if (total === 0) return;

        const target = Math.max(0, Math.min(total - 1, index));
        set(scrollTo(target, false));

        const row = rowAt(get(), target) ?? (await get().loadRow(target));
        if (row)
          await get().selectRequest(row.serviceRequestId, 'queue', target);
      },

      clearSelection() {
        set({
          selectedId: null,
          selectedIndex: null,
          detail: null,
          detailMissing: false,
          selectedFrom: null,
        });
        void get().loadRequestExtras(null);
      },

      async relocateSelection(scroll = true) {
        const id = get().selectedId;
        if (!id) return;

        try {
          const found = await locate(id);
          if (get().selectedId !== id) return;
          set({
            selectedIndex: found,
            ...(found !== null && scroll ? scrollTo(found, true) : {}),
          });
          await loadDetail(id);
        } catch (error) {
          get().reportError('find the request in the queue', error);
        }
      },
    };
  };
}
