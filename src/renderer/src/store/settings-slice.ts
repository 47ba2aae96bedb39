import type { StreetDeskApi } from '../../../shared/contract';
import type { SettingsSlice, SliceCreator } from './app-state';

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
  });
}
