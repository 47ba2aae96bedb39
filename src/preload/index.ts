// The only bridge between a sandboxed StreetDesk page and the services:
// one function per contract method, and `on` for the contract's events.
// ipcRenderer itself never crosses into the page.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';

import { channelOf, eventNames, isEventName } from '../shared/channels';
import type {
  EventName,
  EventPayloads,
  MethodName,
  MethodResults,
  StreetDeskApi,
} from '../shared/contract';

// A sandboxed preload may require only `electron`: the contract itself pulls
// in zod, so only its types come in, and the channel names come from the
// dependency-free channels module.
const call = <M extends MethodName>(method: M, arg?: unknown) =>
  ipcRenderer.invoke(channelOf(method), arg) as Promise<MethodResults[M]>;

const api = {
  getAppInfo: () => call('getAppInfo'),
  listQueue: (query) => call('listQueue', query),
  getQueueFacets: () => call('getQueueFacets'),
  getMapPoints: (filter) => call('getMapPoints', filter),
  getMapLayer: (query) => call('getMapLayer', query),
  pickInArea: (query) => call('pickInArea', query),
  listUnlocated: (filter) => call('listUnlocated', filter),
  locateInQueue: (query) => call('locateInQueue', query),
  getRequest: (id) => call('getRequest', id),
  openExternal: (request) => call('openExternal', request),
  getSyncStatus: () => call('getSyncStatus'),
  listConflicts: () => call('listConflicts'),
  dismissConflict: (arg) => call('dismissConflict', arg),
  assignCrew: (arg) => call('assignCrew', arg),
  assignCrewMany: (arg) => call('assignCrewMany', arg),
  unassignCrewMany: (arg) => call('unassignCrewMany', arg),
  unassignCrew: (arg) => call('unassignCrew', arg),
  setRequestStatus: (arg) => call('setRequestStatus', arg),
  addNote: (arg) => call('addNote', arg),
  mergeRequests: (arg) => call('mergeRequests', arg),
  unmergeRequests: (arg) => call('unmergeRequests', arg),
  setCrewStatus: (arg) => call('setCrewStatus', arg),
  listCrews: () => call('listCrews'),
  listCrewAssignments: (query) => call('listCrewAssignments', query),
  getRequestDispatch: (id) => call('getRequestDispatch', id),
  suggestCrews: (id) => call('suggestCrews', id),
  getRequestActivity: (id) => call('getRequestActivity', id),
  listNearby: (id) => call('listNearby', id),
  listDuplicateCandidates: (id) => call('listDuplicateCandidates', id),
  listDuplicateGroups: () => call('listDuplicateGroups'),
  getServerTime: () => call('getServerTime'),
  getSettings: () => call('getSettings'),
  getBasemap: () => call('getBasemap'),
  finishSetup: () => call('finishSetup'),
  saveSettings: (arg) => call('saveSettings', arg),
  signIn: (arg) => call('signIn', arg),
  signOut: () => call('signOut'),
  getSlaStats: (query) => call('getSlaStats', query),
  listWatched: () => call('listWatched'),
  watchRequest: (arg) => call('watchRequest', arg),
  listSavedViews: () => call('listSavedViews'),
  saveView: (arg) => call('saveView', arg),
  deleteView: (arg) => call('deleteView', arg),
  getUpdateState: () => call('getUpdateState'),
  checkForUpdates: () => call('checkForUpdates'),
  restartToUpdate: (arg) => call('restartToUpdate', arg),

  on<E extends EventName>(
    event: E,
    listener: (payload: EventPayloads[E]) => void,
  ): () => void {
    if (!isEventName(event) || typeof listener !== 'function') {
      throw new Error(
        `StreetDesk has no event called "${String(event)}"; ` +
          `use one of: ${eventNames.join(', ')}.`,
      );
    }

    // Only the payload reaches the page, never the IPC event and its sender.
    const relay = (_event: IpcRendererEvent, payload: EventPayloads[E]) =>
      listener(payload);
    ipcRenderer.on(channelOf(event), relay);
    return () => {
      ipcRenderer.removeListener(channelOf(event), relay);
    };
  },
} satisfies StreetDeskApi;

contextBridge.exposeInMainWorld('streetdesk', api);
