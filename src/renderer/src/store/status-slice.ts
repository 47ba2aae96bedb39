import type { StreetDeskApi } from '../../../shared/contract';
import type { SliceCreator, StatusSlice } from './app-state';

const MAX_ERRORS = 5;

export function describeError(doing: string, error: unknown): string {
  const reason = error instanceof Error ? error.message : String(error);

  return `Could not ${doing}: ${reason}`;
}

export function createStatusSlice(
  api: StreetDeskApi,
  now: () => number,
): SliceCreator<StatusSlice> {
  let nextErrorId = 1;

  return (set, get) => ({
    info: null,
    errors: [],
    now: now(),
    clockOffsetMs: 0,

    reportError(doing, error) {
      const message = describeError(doing, error);
      // The same failure repeating (e.g. every refetch) is shown once.
      if (get().errors.some((shown) => shown.message === message)) return;

      const entry = { id: nextErrorId++, message };
      set({ errors: [...get().errors, entry].slice(-MAX_ERRORS) });
    },

    dismissError(id) {
      set({ errors: get().errors.filter((error) => error.id !== id) });
    },

    tick(time) {
      set({ now: time });
    },

    setClockOffset(offsetMs) {
      if (offsetMs === get().clockOffsetMs) return;
      // Countdowns follow the server's clock, whatever this machine's says.
      set({ clockOffsetMs: offsetMs, now: now() + offsetMs });
    },

    async loadInfo() {
      try {
        set({ info: await api.getAppInfo() });
      } catch (error) {
        get().reportError('load the app information', error);
      }
    },
  });
}
