// The requests ticked for a bulk action. Ticks survive filter changes: a
// dispatcher may tick in one view and assign in another.
import type { MarksSlice, SliceCreator } from './app-state';

/** One bulk assignment is at most this many requests (the contract's cap). */
export const MAX_MARKED = 500;

export function createMarksSlice(): SliceCreator<MarksSlice> {
  return (set, get) => ({
    markedIds: [],

    toggleMarked(id) {
      const marked = get().markedIds;
      if (marked.includes(id)) {
        set({ markedIds: marked.filter((other) => other !== id) });
      } else if (marked.length < MAX_MARKED) {
        set({ markedIds: [...marked, id] });
      }
    },

    setMarked(ids) {
      set({ markedIds: [...new Set(ids)].slice(0, MAX_MARKED) });
    },

    clearMarked() {
      if (get().markedIds.length > 0) set({ markedIds: [] });
    },
  });
}
