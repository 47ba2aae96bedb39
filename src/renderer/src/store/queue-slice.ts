import type { StreetDeskApi } from '../../../shared/contract';
import type { QueueRow } from '../../../shared/domain';
import { pagesFor, pagesToEvict } from '../queue/virtual-window';
import type { AppState, QueueSlice, SliceCreator } from './app-state';
import { toQueueFilter } from './query-filter';

export const PAGE_SIZE = 100;

/** Enough pages for a few screens either side; older ones are refetched. */
export const MAX_CACHED_PAGES = 60;

/** The row at `index`, if its page has arrived. */
export function rowAt(
  state: Pick<AppState, 'pages'>,
  index: number,
): QueueRow | undefined {
  return state.pages[Math.floor(index / PAGE_SIZE)]?.[index % PAGE_SIZE];
}

export function createQueueSlice(api: StreetDeskApi): SliceCreator<QueueSlice> {
  return (set, get) => {
    // Pages being fetched, per generation, and pages kept on screen while
    // their fresh copy loads: not state, nothing renders them.
    const inFlight = new Map<string, Promise<void>>();
    const stale = new Set<number>();

    const fetchPage = (page: number): Promise<void> => {
      const generation = get().queueGeneration;
      const key = `${generation}:${page}`;
      const pending = inFlight.get(key);
      if (pending) return pending;
      if (get().pages[page] && !stale.has(page)) return Promise.resolve();

      const work = loadPage(page, generation).finally(() =>
        inFlight.delete(key),
      );
      inFlight.set(key, work);

      return work;
    };

    const loadPage = async (page: number, generation: number) => {
      try {
        const { filter, sort } = get();
        const result = await api.listQueue({
          filter: toQueueFilter(filter),
          sort,
          offset: page * PAGE_SIZE,
          limit: PAGE_SIZE,
        });
        if (get().queueGeneration !== generation) return;

        stale.delete(page);
        set({
          total: result.total,
          pages: { ...get().pages, [page]: result.rows },
        });
      } catch (error) {
        get().reportError('load the queue', error);
      }
    };

    const evict = () => {
      const { pages, view } = get();
      const cached = Object.keys(pages).map(Number);
      const center = Math.floor(Math.max(0, view.first) / PAGE_SIZE);
      const drop = pagesToEvict(cached, center, MAX_CACHED_PAGES);
      if (drop.length === 0) return;

      const kept = { ...pages };
      for (const page of drop) {
        delete kept[page];
        stale.delete(page);
      }
      set({ pages: kept });
    };

    return {
      total: null,
      pages: {},
      queueGeneration: 0,
      view: { first: 0, last: -1 },

      showRows(view) {
        const current = get().view;
        if (current.first !== view.first || current.last !== view.last) {
          set({ view });
        }
        const wanted = pagesFor(view, PAGE_SIZE);
        for (const page of wanted) void fetchPage(page);
        evict();
      },

      async loadRow(index) {
        await fetchPage(Math.floor(index / PAGE_SIZE));

        return rowAt(get(), index);
      },

      async refreshQueue(keepRows = false) {
        stale.clear();
        if (keepRows) {
          for (const page of Object.keys(get().pages)) stale.add(Number(page));
          set({ queueGeneration: get().queueGeneration + 1 });
        } else {
          set({ queueGeneration: get().queueGeneration + 1, pages: {} });
        }

        const wanted = pagesFor(get().view, PAGE_SIZE);
        const pages = wanted.length > 0 ? wanted : [0];
        await Promise.all(pages.map((page) => fetchPage(page)));
      },
    };
  };
}
