import { createStore, type StoreApi } from 'zustand/vanilla';

import type { StreetDeskApi } from '../../../shared/contract';
import { createAlertsSlice } from './alerts-slice';
import type { AppState } from './app-state';
import { createDispatchSlice } from './dispatch-slice';
import { createFiltersSlice } from './filters-slice';
import { createLifecycleSlice } from './lifecycle-slice';
import { createMapSlice } from './map-slice';
import { createMarksSlice } from './marks-slice';
import { createQueueSlice } from './queue-slice';
import { createSelectionSlice } from './selection-slice';
import { createSettingsSlice } from './settings-slice';
import { createSlaSlice } from './sla-slice';
import { createStatusSlice } from './status-slice';
import { createUpdateSlice } from './update-slice';

export type AppStore = StoreApi<AppState>;

/** The renderer's store over an API (the real one, or a fake in tests). */
export function createAppStore(
  api: StreetDeskApi,
  now: () => number = Date.now,
): AppStore {
  return createStore<AppState>()((...args) => ({
    ...createStatusSlice(api, now)(...args),
    ...createFiltersSlice(api)(...args),
    ...createQueueSlice(api)(...args),
    ...createMapSlice(api)(...args),
    ...createSelectionSlice(api)(...args),
    ...createDispatchSlice(api)(...args),
    ...createMarksSlice()(...args),
    ...createSlaSlice(api)(...args),
    ...createAlertsSlice(api)(...args),
    ...createUpdateSlice(api)(...args),
    ...createSettingsSlice(api)(...args),
    ...createLifecycleSlice(api)(...args),
  }));
}
