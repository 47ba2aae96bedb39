import type { StreetDeskApi } from '../../../shared/contract';
import type { SliceCreator, UpdateSlice } from './app-state';

export function createUpdateSlice(
  api: StreetDeskApi,
): SliceCreator<UpdateSlice> {
  return (set, get) => ({
    update: null,

    setUpdateState(update) {
      set({ update });
    },

    async loadUpdateState() {
      try {
        set({ update: await api.getUpdateState() });
      } catch (error) {
        get().reportError('read the update state', error);
      }
    },

    async checkForUpdates() {
      try {
        set({ update: await api.checkForUpdates() });
      } catch (error) {
        get().reportError('check for updates', error);
      }
    },

    async restartToUpdate() {
      const { update } = get();
      if (update?.status !== 'ready') return;
      try {
        const result = await api.restartToUpdate({ version: update.version });
        if (!result.restarting) {
          get().reportError(
            'restart to update',
            new Error(result.reason ?? 'the update was not ready'),
          );
        }
      } catch (error) {
        get().reportError('restart to update', error);
      }
    },
  });
}
