// The one store the screen uses, and the hook its components read it with.
import { useStore } from 'zustand';

import { getApi } from '../api/get-api';
import type { AppState } from './app-state';
import { createAppStore } from './create-app-store';

export const appStore = createAppStore(getApi());

export function useAppStore<T>(selector: (state: AppState) => T): T {
  return useStore(appStore, selector);
}
