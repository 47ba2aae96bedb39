import type { BasemapView, StreetDeskApi } from '../../../shared/contract';
import { mapBaseFor } from '../map/chosen-basemap';
import type { SettingsSlice, SliceCreator } from './app-state';

const bundledView: BasemapView = { kind: 'bundled', problem: null };

/** The page's origin, which the map's URLs start with. */
const pageOrigin = () =>
  (globalThis as { location?: { origin: string } }).location?.origin ?? '';

const reasonOf = (error: unknown) =>
  error instanceof Error ? error.message : String(error);

export function createSettingsSlice(
  api: StreetDeskApi,
): SliceCreator<SettingsSlice> {
  // Each returns null when it worked, or the reason it did not, for the
  // settings panel to show beside the field.
  const attempt =
    (set: (partial: Partial<SettingsSlice>) => void) =>
    async (
      run: () => Promise<SettingsSlice['settings']>,
    ): Promise<string | null> => {
      try {
        set({ settings: await run() });
        return null;
      } catch (error) {
        return reasonOf(error);
      }
    };

  return (set, get) => ({
    settings: null,
    mapBase: null,

    async loadMapBase() {
      try {
        const view = await api.getBasemap();
        set({ mapBase: await mapBaseFor(view, pageOrigin()) });
      } catch (error) {
        // The map still opens on the bundled basemap.
        set({ mapBase: await mapBaseFor(bundledView, pageOrigin()) });
        get().reportError('read the basemap choice', error);
      }
    },

    async loadSettings() {
      try {
        set({ settings: await api.getSettings() });
      } catch (error) {
        get().reportError('read the settings', error);
      }
    },

    saveSettings: (changes) => attempt(set)(() => api.saveSettings(changes)),
    signIn: (username, password) =>
      attempt(set)(() => api.signIn({ username, password })),
    signOut: () => attempt(set)(() => api.signOut()),
    finishSetup: () => attempt(set)(() => api.finishSetup()),
  });
}
