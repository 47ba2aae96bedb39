// The shape of the renderer's one store, assembled from small slices.
import type { StateCreator } from 'zustand/vanilla';

import type {
  AppInfo,
  Conflict,
  ConsoleSettings,
  MethodArg,
  CrewAssignments,
  CrewListItem,
  CrewSuggestions,
  DuplicateCandidate,
  DuplicateGroup,
  MapLayer,
  NearbyRequest,
  QueueFacets,
  QueueSort,
  RequestActivity,
  RequestDispatch,
  SavedView,
  SlaAlert,
  SlaStateFilter,
  SyncStatus,
  UnlocatedRequests,
} from '../../../shared/contract';
import type { SlaStats } from '../../../shared/sla-stats';
import type { UpdateState } from '../../../shared/update-state';
import type { CrewStatus } from '../../../shared/sync-protocol';
import type { QueueRow, ServiceRequest } from '../../../shared/domain';
import type { MapBase } from '../map/chosen-basemap';
import type { RowWindow } from '../queue/virtual-window';

/** The filters chosen in the filter bar; empty choices keep all. */
export type ActiveFilter = {
  types: string[];
  neighborhoods: string[];
  queues: string[];
  departments: string[];
  workStatuses: OpenWorkStatus[];
  slaStates: SlaStateFilter[];
  /** The server time the SLA states were last judged at. */
  slaAt: number;
  /** true: with a crew; false: without; null: either. */
  assigned: boolean | null;
  crewIds: string[];
  /** Search text as typed; the contract turns it into search terms. */
  text: string;
};

/** Which list of choices a multi-select filter sets. */
export type ListFilterKey =
  'types' | 'neighborhoods' | 'queues' | 'departments' | 'crewIds';

export type OpenWorkStatus = 'open' | 'assigned' | 'in_progress' | 'resolved';

export type StatusSlice = {
  info: AppInfo | null;
  errors: { id: number; message: string }[];
  /** The clock the SLA countdowns and ages are computed against. */
  now: number;
  /** Server time minus this machine's, as the sync engine measured it. */
  clockOffsetMs: number;
  setClockOffset: (offsetMs: number) => void;
  reportError: (doing: string, error: unknown) => void;
  dismissError: (id: number) => void;
  tick: (now: number) => void;
  loadInfo: () => Promise<void>;
};

export type FiltersSlice = {
  facets: QueueFacets | null;
  filter: ActiveFilter;
  sort: QueueSort;
  savedViews: SavedView[];
  loadFacets: () => Promise<void>;
  setTypes: (types: string[]) => void;
  setNeighborhoods: (neighborhoods: string[]) => void;
  setListFilter: (key: ListFilterKey, values: string[]) => void;
  setWorkStatuses: (statuses: OpenWorkStatus[]) => void;
  setSlaStates: (states: SlaStateFilter[]) => void;
  setAssigned: (assigned: boolean | null) => void;
  setSearchText: (text: string) => void;
  clearFilters: () => void;
  setSort: (sort: QueueSort) => void;
  loadSavedViews: () => Promise<void>;
  /** Saves the filter and sort under a name; false if that failed. */
  saveCurrentView: (name: string) => Promise<boolean>;
  applyView: (name: string) => void;
  deleteSavedView: (name: string) => Promise<void>;
};

export type QueueSlice = {
  /** Rows matching the filter; null until the first page has arrived. */
  total: number | null;
  /** Cached pages of rows by page index (PAGE_SIZE rows per page). */
  pages: Record<number, QueueRow[]>;
  /** Bumped on every refetch so late answers for an old query are dropped. */
  queueGeneration: number;
  view: RowWindow;
  showRows: (view: RowWindow) => void;
  /** The row at `index`, fetching its page first if need be. */
  loadRow: (index: number) => Promise<QueueRow | undefined>;
  /**
   * Refetches the rows in view. With keepRows the old rows stay on screen
   * until their fresh copy arrives (same query, changed data).
   */
  refreshQueue: (keepRows?: boolean) => Promise<void>;
};

/** The part of the map on screen, as MapLibre reports it. */
export type MapViewport = {
  south: number;
  north: number;
  west: number;
  east: number;
  zoom: number;
};

export type MapSlice = {
  /** What the map draws for the current view and filter. */
  layer: MapLayer | null;
  viewport: MapViewport | null;
  /** The requests the map cannot draw, listed beside it instead. */
  unlocated: UnlocatedRequests | null;
  setViewport: (viewport: MapViewport) => void;
  /** Reloads the map's features and the unlocated list for the filter. */
  loadPoints: () => Promise<void>;
  /** Ticks the requests inside a box or lasso ([long, lat] corners). */
  pickArea: (ring: [number, number][]) => Promise<void>;
};

export type SelectionSlice = {
  selectedId: string | null;
  /** The selected request's row under the current filter and sort. */
  selectedIndex: number | null;
  detail: ServiceRequest | null;
  /** The selected request is no longer in the store (closed, merged...). */
  detailMissing: boolean;
  /**
   * Counts selections, the same request chosen again included: choosing
   * it (from a conflict, the roster...) brings its details forward.
   */
  selectionSeq: number;
  /** Where the last selection came from: the map pans only for the queue. */
  selectedFrom: 'queue' | 'map' | null;
  /** A request for the queue to scroll to a row; seq makes repeats count. */
  scrollRequest: { index: number; center: boolean; seq: number } | null;
  selectRequest: (
    id: string,
    from: 'queue' | 'map',
    index?: number,
  ) => Promise<void>;
  selectIndex: (index: number) => Promise<void>;
  clearSelection: () => void;
  /** Finds the selection's row again after a refetch; scrolls to it if asked. */
  relocateSelection: (scroll?: boolean) => Promise<void>;
};

/** What the dispatcher acts on: crews, sync health, conflicts, actions. */
export type DispatchSlice = {
  crews: CrewListItem[];
  /** Each crew's current work; null until the roster first asks for it. */
  crewAssignments: CrewAssignments[] | null;
  /** The crew last picked on the map; seq makes picking it again count. */
  crewFocus: { crewId: string; seq: number } | null;
  /** Picks a crew (its mark on the map): the roster shows it. */
  focusCrew: (crewId: string) => void;
  syncStatus: SyncStatus | null;
  conflicts: Conflict[];
  /** The selected request's notes, history, suggestions and neighbours. */
  activity: RequestActivity | null;
  dispatch: RequestDispatch | null;
  suggestions: CrewSuggestions | null;
  nearby: NearbyRequest[] | null;
  /** Likely duplicates of the selected request, best first. */
  duplicates: DuplicateCandidate[] | null;
  /** The last action's outcome in words, for a polite live region. */
  notice: { id: number; text: string; tone: 'ok' | 'error' } | null;
  /** Says something in the notice line (and its live region). */
  announce: (text: string, tone?: 'ok' | 'error') => void;
  loadCrews: () => Promise<void>;
  /** Reads each crew's most urgent assignments and how many it holds. */
  loadCrewAssignments: () => Promise<void>;
  loadConflicts: () => Promise<void>;
  setSyncStatus: (status: SyncStatus) => void;
  /** Loads the extras of the selected request (or clears them). */
  loadRequestExtras: (id: string | null) => Promise<void>;
  assign: (requestIds: string[], crewId: string) => Promise<boolean>;
  unassign: (requestId: string) => Promise<boolean>;
  /** Opens a resident's link (a photo) in the system's browser, if allowed. */
  openLink: (url: string) => Promise<void>;
  /** Takes the crews off the ticked requests; those with none are refused. */
  unassignMany: (requestIds: string[]) => Promise<boolean>;
  setStatus: (
    requestId: string,
    status: 'open' | 'in_progress' | 'resolved' | 'closed',
    reason: string | null,
  ) => Promise<boolean>;
  addNote: (
    requestId: string,
    body: string,
    visibility: 'internal' | 'public',
  ) => Promise<boolean>;
  setCrewStatus: (crewId: string, status: CrewStatus) => Promise<boolean>;
  /** crewId: the crew the target keeps (undefined: its own; null: none). */
  merge: (
    targetId: string,
    duplicateIds: string[],
    crewId?: string | null,
  ) => Promise<boolean>;
  unmerge: (targetId: string, duplicateIds: string[]) => Promise<boolean>;
  dismissConflict: (seq: number) => Promise<void>;
  /** Shows rows as changed at once, marked pending, before any answer. */
  patchRows: (ids: readonly string[], patch: Partial<QueueRow>) => void;
};

/** Requests ticked for a bulk action, in the queue or by a lasso on the map. */
export type MarksSlice = {
  markedIds: string[];
  toggleMarked: (id: string) => void;
  setMarked: (ids: string[]) => void;
  clearMarked: () => void;
};

/** The SLA view's figures and the duplicate groups, read when shown. */
export type SlaSlice = {
  slaStats: SlaStats | null;
  loadSlaStats: () => Promise<void>;
  duplicateGroups: DuplicateGroup[] | null;
  loadDuplicateGroups: () => Promise<void>;
};

/** Watched requests and the SLA alerts the services raise. */
export type AlertsSlice = {
  watchedIds: string[];
  /** The latest alerts, oldest first, until dismissed. */
  alerts: (SlaAlert & { id: number })[];
  loadWatched: () => Promise<void>;
  toggleWatch: (id: string) => Promise<void>;
  showAlert: (alert: SlaAlert) => void;
  dismissAlert: (id: number) => void;
};

/** The console's settings; each change returns null or why it failed. */
export type SettingsSlice = {
  settings: ConsoleSettings | null;
  /** What the map draws under the requests; null until first read. */
  mapBase: MapBase | null;
  /** Reads the chosen basemap again and makes the map redraw on it. */
  loadMapBase: () => Promise<void>;
  loadSettings: () => Promise<void>;
  saveSettings: (changes: MethodArg<'saveSettings'>) => Promise<string | null>;
  signIn: (username: string, password: string) => Promise<string | null>;
  signOut: () => Promise<string | null>;
  /** Closes the first-run setup guide for good. */
  finishSetup: () => Promise<string | null>;
};

/** The updater's state as the services last pushed it. */
export type UpdateSlice = {
  update: UpdateState | null;
  setUpdateState: (update: UpdateState) => void;
  loadUpdateState: () => Promise<void>;
  checkForUpdates: () => Promise<void>;
  /** Asks to restart into the ready update; only the person calls this. */
  restartToUpdate: () => Promise<void>;
};

export type LifecycleSlice = {
  /** Loads everything and subscribes to events; returns the unsubscribe. */
  start: () => () => void;
  /** Refetches what a filter or sort change affects. */
  refreshForQuery: () => Promise<void>;
  /** Refetches everything after the services report changed requests. */
  refreshAll: () => Promise<void>;
};

export type AppState = StatusSlice &
  FiltersSlice &
  QueueSlice &
  MapSlice &
  SelectionSlice &
  DispatchSlice &
  MarksSlice &
  SlaSlice &
  AlertsSlice &
  UpdateSlice &
  SettingsSlice &
  LifecycleSlice;

export type SliceCreator<Slice> = StateCreator<AppState, [], [], Slice>;
