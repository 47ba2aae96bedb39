// The one contract between the renderer and the console's services: every
// method with the schema of its argument and the type of its result, and
// every event. The Electron preload, the IPC registration and the browser
// mode's HTTP API are all checked against this file.
import { z } from 'zod';

import { channelOf, eventNames, isEventName, type EventName } from './channels';
import type { QueueRow, ServiceRequest, SlaState } from './domain';
import type { BasemapView } from './basemap-view';
import {
  basemapSourceSchema,
  notificationPrefsSchema,
  type BasemapSource,
  type NotificationPrefs,
} from './console-preferences';
import { slaStatsQuerySchema, type SlaStats } from './sla-stats';
import {
  crewStatusSchema,
  type Crew,
  type CrewStatus,
  type Role,
  type WorkStatus,
} from './sync-protocol';
import type { UpdateState } from './update-state';

export { channelOf, eventNames, isEventName, type EventName };
export type { BasemapSource, BasemapView, NotificationPrefs, UpdateState };

const text = (max: number) => z.string().min(1).max(max);

export const requestIdSchema = z
  .string()
  .regex(
    /^[A-Za-z0-9_.:-]{1,64}$/,
    'a request id is 1-64 letters, digits or _.:-',
  );

/** Work statuses an open request can have (closed ones are not listed). */
export const openWorkStatusSchema = z.enum([
  'open',
  'assigned',
  'in_progress',
  'resolved',
]);

export const slaStateSchema = z.enum([
  'on_track',
  'at_risk',
  'breached',
  'no_sla',
]);

/** Longest search text accepted; longer input is a mistake, not a search. */
export const MAX_SEARCH_TEXT = 200;

/** The filter's fields, before the rule that ties SLA states to `now`. */
const queueFilterFields = z
  .object({
    /** Service names (types) to keep; empty or absent keeps all. */
    types: z.array(text(200)).max(500).optional(),
    /** Neighbourhoods to keep; the empty string stands for "no neighbourhood". */
    neighborhoods: z.array(z.string().max(200)).max(200).optional(),
    /** Work queue names, e.g. "PWDx_District 04: Allston/Brighton". */
    queues: z.array(text(200)).max(300).optional(),
    /** Departments, e.g. "PWDx". */
    departments: z.array(text(100)).max(100).optional(),
    workStatuses: z.array(openWorkStatusSchema).max(4).optional(),
    /** Judged at `now`, which must then be given. */
    slaStates: z.array(slaStateSchema).max(4).optional(),
    /** The time SLA states are judged at: the server's clock, in ms. */
    now: z.number().int().min(0).max(8_640_000_000_000_000).optional(),
    /** true: only requests with a crew; false: only those without. */
    assigned: z.boolean().optional(),
    crewIds: z.array(requestIdSchema).max(200).optional(),
    /** Words to find in the address, type or description (prefixes). */
    text: z.string().max(MAX_SEARCH_TEXT).optional(),
  })
  .strict();

export const queueFilterSchema = queueFilterFields.refine(
  (filter) => !filter.slaStates?.length || filter.now !== undefined,
  {
    path: ['now'],
    message: 'an SLA-state filter needs now, the time to judge SLA states at',
  },
);

/** A saved view's filter: no `now`, which is read each time it is used. */
export const savedFilterSchema = queueFilterFields.omit({ now: true });

export const mapPointSchema = z
  .object({
    lat: z.number().min(-90).max(90),
    long: z.number().min(-180).max(180),
  })
  .strict();

/** Nearest first from a point; requests without a location come last. */
export const distanceSortSchema = z
  .object({ by: z.literal('distance'), from: mapPointSchema })
  .strict();

/** due: time to breach, soonest first; age: oldest first; or distance. */
export const queueSortSchema = z.union([
  z.enum(['due', 'age']),
  distanceSortSchema,
]);

export const queueQuerySchema = z
  .object({
    filter: queueFilterSchema,
    sort: queueSortSchema,
    offset: z.number().int().min(0).max(10_000_000),
    limit: z.number().int().min(1).max(500),
  })
  .strict();

export const locateQuerySchema = z
  .object({
    id: requestIdSchema,
    filter: queueFilterSchema,
    sort: queueSortSchema,
  })
  .strict();

const latitude = z.number().min(-90).max(90);
const longitude = z.number().min(-180).max(180);

/** The part of the map in view, its zoom, and the time SLA states are at. */
export const mapViewSchema = z
  .object({
    south: latitude,
    north: latitude,
    west: longitude,
    east: longitude,
    zoom: z.number().min(0).max(24),
    now: z.number().int().min(0).max(8_640_000_000_000_000),
  })
  .strict()
  .refine((view) => view.south <= view.north && view.west <= view.east, {
    message: 'a map view needs south <= north and west <= east',
  });

export const mapLayerQuerySchema = z
  .object({ filter: queueFilterSchema, view: mapViewSchema })
  .strict();

/** A box or lasso drawn on the map: a closed ring of [long, lat]. */
export const mapAreaSchema = z
  .object({
    ring: z
      .array(z.tuple([longitude, latitude]))
      .min(3)
      .max(2_000),
  })
  .strict();

export const areaQuerySchema = z
  .object({ filter: queueFilterSchema, area: mapAreaSchema })
  .strict();

export const watchRequestSchema = z
  .object({ requestId: requestIdSchema, watched: z.boolean() })
  .strict();

/** How many requests one box or lasso can pick: one bulk assignment. */
export const MAX_AREA_PICK = 500;

export const externalUrlSchema = z
  .object({ url: z.string().max(2048) })
  .strict();

export type QueueFilter = z.infer<typeof queueFilterSchema>;
export type MapView = z.infer<typeof mapViewSchema>;
export type MapArea = z.infer<typeof mapAreaSchema>;
export type MapLayerQuery = z.infer<typeof mapLayerQuerySchema>;
export type AreaQuery = z.infer<typeof areaQuerySchema>;
export type QueueSort = z.infer<typeof queueSortSchema>;
export type QueueQuery = z.infer<typeof queueQuerySchema>;
export type LocateQuery = z.infer<typeof locateQuerySchema>;
export type SlaStateFilter = z.infer<typeof slaStateSchema>;
export type DistanceSort = z.infer<typeof distanceSortSchema>;

/** How many saved views one console keeps. */
export const MAX_SAVED_VIEWS = 50;

export const savedViewNameSchema = z
  .string()
  .trim()
  .min(1, 'a saved view needs a name')
  .max(80, 'a saved view name is at most 80 characters');

/** A named filter and sort; `now` is never saved, it is read at use. */
export const saveViewSchema = z
  .object({
    name: savedViewNameSchema,
    filter: savedFilterSchema,
    sort: queueSortSchema,
  })
  .strict();

export const deleteViewSchema = z
  .object({ name: savedViewNameSchema })
  .strict();

export type SavedFilter = z.infer<typeof savedFilterSchema>;

export type SavedView = {
  name: string;
  filter: SavedFilter;
  sort: QueueSort;
  savedAt: number;
};

export type QueuePage = {
  /** Rows matching the filter, in all. */
  total: number;
  offset: number;
  rows: QueueRow[];
};

export type FacetValue = { value: string; count: number };

/** A crew among the facets: its id is the value, its name the label. */
export type CrewFacetValue = FacetValue & { name: string };

export type QueueFacets = {
  types: FacetValue[];
  neighborhoods: FacetValue[];
  queues: FacetValue[];
  departments: FacetValue[];
  crews: CrewFacetValue[];
};

/**
 * The open requests with a location, as parallel arrays: compact to send
 * and cheap to turn into map features. `coords` holds lon, lat pairs.
 */
export type MapPoints = {
  ids: string[];
  coords: number[];
  requestedAt: number[];
  slaDueAt: (number | null)[];
  /** True where a request likely duplicates another (map layers only). */
  duplicate?: boolean[];
};

/** Requests near each other, drawn as one mark when zoomed out. */
export type MapCluster = {
  long: number;
  lat: number;
  count: number;
  /** The most urgent SLA state among them, at the view's `now`. */
  worst: SlaState;
  breached: number;
  atRisk: number;
  /** Where they are: zooming to this shows them apart. */
  bounds: { south: number; north: number; west: number; east: number };
};

/**
 * What the map draws for one view: the matching requests in view as
 * points, or, when there are many, clusters and the points left alone.
 */
export type MapLayer = {
  /** Matching requests with a location in view. */
  inView: number;
  points: MapPoints;
  clusters: MapCluster[];
};

/** Open requests with no location, most urgent first: the first few rows. */
export type UnlocatedRequests = { total: number; rows: QueueRow[] };

export type AppInfo = {
  version: string;
  mode: 'electron' | 'browser';
  openRequests: number;
  /** The demo's time shift from 2015 to now, when the demo seed is loaded. */
  demo: { shiftMs: number; anchor2015: string } | null;
};

export type ExternalOpenResult = {
  opened: boolean;
  reason?: string;
  /**
   * In browser mode, where the console cannot hand links to the system:
   * the checked http(s) address, for the page to open in a new tab itself.
   */
  openHere?: string;
};

const entityId = requestIdSchema;

export const assignCrewSchema = z
  .object({ requestId: entityId, crewId: entityId })
  .strict();

export const unassignCrewSchema = z.object({ requestId: entityId }).strict();

/** Takes the crews off many requests at once. */
export const unassignCrewManySchema = z
  .object({ requestIds: z.array(entityId).min(1).max(500) })
  .strict();

/** One crew for many requests at once (a lasso or a multi-selection). */
export const assignCrewManySchema = z
  .object({
    requestIds: z.array(entityId).min(1).max(500),
    crewId: entityId,
  })
  .strict();

export const setRequestStatusSchema = z
  .object({
    requestId: entityId,
    status: z.enum(['open', 'in_progress', 'resolved', 'closed']),
    /** Needed to close or resolve; optional otherwise. */
    reason: z.string().trim().max(1000).nullable().optional(),
  })
  .strict();

export const addNoteSchema = z
  .object({
    requestId: entityId,
    body: z.string().trim().min(1).max(4000),
    visibility: z.enum(['internal', 'public']),
  })
  .strict();

export const mergeRequestsSchema = z
  .object({
    targetId: entityId,
    duplicateIds: z.array(entityId).min(1).max(50),
    /**
     * The crew the merged request keeps: absent keeps its own, a crew id
     * (say, a duplicate's) replaces it, null leaves it with none.
     */
    crewId: entityId.nullable().optional(),
  })
  .strict();

/** Undoes the latest merge into targetId: exactly its duplicates. */
export const unmergeRequestsSchema = z
  .object({
    targetId: entityId,
    duplicateIds: z.array(entityId).min(1).max(50),
  })
  .strict();

/** How many of one crew's assignments one call lists at most. */
export const MAX_CREW_ASSIGNMENT_ROWS = 50;

export const crewAssignmentsQuerySchema = z
  .object({
    /** Rows per crew, most urgent first; the count covers the rest. */
    limit: z.number().int().min(1).max(MAX_CREW_ASSIGNMENT_ROWS),
  })
  .strict();

export const setCrewStatusSchema = z
  .object({ crewId: entityId, status: crewStatusSchema })
  .strict();

export const dismissConflictSchema = z
  .object({ seq: z.number().int().min(1) })
  .strict();

/** Each setting given is saved; one left out keeps its value. */
export const saveSettingsSchema = z
  .object({
    /** The central API's address, e.g. https://311.city.example; null to disconnect. */
    centralUrl: z
      .string()
      .trim()
      .max(2048)
      .regex(
        /^https?:\/\/[^\s]+$/i,
        'the URL must start with http:// or https://',
      )
      .nullable()
      .optional(),
    basemap: basemapSourceSchema.optional(),
    notifications: notificationPrefsSchema.optional(),
  })
  .strict();

/** The update the person chose to restart into, as they saw it offered. */
export const restartToUpdateSchema = z
  .object({
    version: z
      .string()
      .max(64)
      .regex(
        /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/,
        'a version looks like 1.4.2',
      ),
  })
  .strict();

export const signInArgSchema = z
  .object({
    username: z.string().min(1).max(100),
    password: z.string().min(1).max(200),
  })
  .strict();

export type SignedInUser = { userId: string; name: string; role: Role };

/** What the console's sync is doing, for the status bar. */
export type SyncStatus = {
  /** Whether the last request to the central API got an answer. */
  online: boolean;
  /** Intents recorded here and not yet answered by the server. */
  outboxDepth: number;
  oldestPendingAgeMs: number | null;
  lastPulledSeq: number;
  lastSyncAt: number | null;
  initialSync: { done: boolean; loaded: number; total: number | null };
  serverClockOffsetMs: number;
  lastError: string | null;
  signedInAs: SignedInUser | null;
};

/** An intent the server rejected, with its reason, until dismissed. */
export type Conflict = {
  seq: number;
  intentType: string;
  summary: string;
  reason: string;
  requestIds: string[];
  createdAt: number;
  rejectedAt: number;
};

/** A recorded intent: saved locally, on its way to the server. */
export type IntentReceipt = { seq: number };

export type CrewListItem = Crew & {
  pending: boolean;
  /** Open requests assigned to this crew as this console sees them. */
  activeAssignments: number;
};

/**
 * A crew's current work: the open requests it holds (assigned or in
 * progress), the most urgent few as queue rows and how many in all.
 */
export type CrewAssignments = {
  crewId: string;
  /** The same count as the crew's activeAssignments. */
  total: number;
  /** By time to breach, soonest first; at most the limit asked for. */
  rows: QueueRow[];
};

/** A crew suggested for a request, with the reasons in words. */
export type CrewSuggestion = {
  crewId: string;
  name: string;
  status: CrewStatus;
  /** From the crew's last known position, or its depot; null if unknown. */
  distanceM: number | null;
  from: 'last_position' | 'depot';
  activeAssignments: number;
  reasons: string[];
};

export type CrewSuggestions = {
  suggestions: CrewSuggestion[];
  /** Why no crew could be suggested, when none is. */
  none: string | null;
};

/** A note on a request, as this console holds it. */
export type RequestNote = {
  noteId: string;
  body: string;
  visibility: 'internal' | 'public';
  author: string;
  createdAt: number;
  pending: boolean;
};

/** One entry of a request's history: who did what, when, from where. */
export type RequestHistoryEntry = {
  historyId: string;
  at: number;
  actor: string;
  consoleId: string | null;
  /** Made from this console (consoleId is this console's own). */
  fromThisConsole: boolean;
  action: string;
  /** The entry in words, e.g. "assigned PWD District 04 crew 1". */
  summary: string;
  /** For a merge: the duplicates it closed (what an undo would reopen). */
  duplicateIds?: string[];
};

export type RequestActivity = {
  notes: RequestNote[];
  history: RequestHistoryEntry[];
};

/** A likely duplicate of a request, with why it is offered. */
export type DuplicateCandidate = {
  serviceRequestId: string;
  /** 0..1: higher is more likely the same problem. */
  score: number;
  distanceM: number | null;
  /** In words: "same type", "35 m", "2 h apart", "same street". */
  reasons: string[];
  /** The queue row while it is open; null once closed (lately). */
  row: QueueRow | null;
  serviceName: string;
  address: string | null;
  requestedAt: number;
};

/** Open requests that are likely one problem, for the supervisor's view. */
export type DuplicateGroup = {
  /** 0..1: the group's weakest strong link; strongest groups first. */
  strength: number;
  /** The member to keep: the oldest, whose reporters waited longest. */
  suggestedTargetId: string;
  members: QueueRow[];
  /** Why, for the strongest pair, in words. */
  reasons: string[];
};

/** An open request near another, for the detail panel. */
export type NearbyRequest = QueueRow & { distanceM: number };

export type BulkAssignResult = {
  assigned: { requestId: string; seq: number }[];
  refused: { requestId: string; reason: string }[];
};

export type BulkUnassignResult = {
  unassigned: { requestId: string; seq: number }[];
  refused: { requestId: string; reason: string }[];
};

export type RequestDispatch = {
  serviceRequestId: string;
  workStatus: WorkStatus;
  assignedCrewId: string | null;
  mergedInto: string | null;
  version: number;
  pending: boolean;
};

export type ConsoleSettings = {
  centralUrl: string | null;
  signedInAs: SignedInUser | null;
  basemap: BasemapSource;
  notifications: NotificationPrefs;
  /** False until the person finishes the first-run setup guide. */
  setupDone: boolean;
};

export type RestartToUpdateResult = { restarting: boolean; reason?: string };

/** Each method: the schema its argument must pass, and its result type. */
export const methods = {
  getAppInfo: z.undefined(),
  listQueue: queueQuerySchema,
  getQueueFacets: z.undefined(),
  getMapPoints: queueFilterSchema,
  getMapLayer: mapLayerQuerySchema,
  pickInArea: areaQuerySchema,
  listUnlocated: queueFilterSchema,
  locateInQueue: locateQuerySchema,
  getRequest: requestIdSchema,
  openExternal: externalUrlSchema,
  getSyncStatus: z.undefined(),
  listConflicts: z.undefined(),
  dismissConflict: dismissConflictSchema,
  assignCrew: assignCrewSchema,
  assignCrewMany: assignCrewManySchema,
  unassignCrew: unassignCrewSchema,
  unassignCrewMany: unassignCrewManySchema,
  setRequestStatus: setRequestStatusSchema,
  addNote: addNoteSchema,
  mergeRequests: mergeRequestsSchema,
  unmergeRequests: unmergeRequestsSchema,
  setCrewStatus: setCrewStatusSchema,
  listCrews: z.undefined(),
  listCrewAssignments: crewAssignmentsQuerySchema,
  getRequestDispatch: requestIdSchema,
  suggestCrews: requestIdSchema,
  getRequestActivity: requestIdSchema,
  listNearby: requestIdSchema,
  listDuplicateCandidates: requestIdSchema,
  listDuplicateGroups: z.undefined(),
  getServerTime: z.undefined(),
  getSettings: z.undefined(),
  getBasemap: z.undefined(),
  saveSettings: saveSettingsSchema,
  finishSetup: z.undefined(),
  signIn: signInArgSchema,
  signOut: z.undefined(),
  getSlaStats: slaStatsQuerySchema,
  listWatched: z.undefined(),
  watchRequest: watchRequestSchema,
  listSavedViews: z.undefined(),
  saveView: saveViewSchema,
  deleteView: deleteViewSchema,
  getUpdateState: z.undefined(),
  checkForUpdates: z.undefined(),
  restartToUpdate: restartToUpdateSchema,
} as const;

export type MethodResults = {
  getAppInfo: AppInfo;
  listQueue: QueuePage;
  getQueueFacets: QueueFacets;
  getMapPoints: MapPoints;
  getMapLayer: MapLayer;
  /** The matching requests in a box or lasso, most urgent first. */
  pickInArea: { ids: string[]; total: number };
  listUnlocated: UnlocatedRequests;
  /** The row index of the request under that filter and sort; null if absent. */
  locateInQueue: { index: number | null };
  getRequest: ServiceRequest | null;
  openExternal: ExternalOpenResult;
  getSyncStatus: SyncStatus;
  listConflicts: Conflict[];
  dismissConflict: { dismissed: boolean };
  assignCrew: IntentReceipt;
  /** Each request assigned on its own: one refused does not stop the rest. */
  assignCrewMany: BulkAssignResult;
  unassignCrew: IntentReceipt;
  unassignCrewMany: BulkUnassignResult;
  setRequestStatus: IntentReceipt;
  addNote: IntentReceipt;
  mergeRequests: IntentReceipt;
  unmergeRequests: IntentReceipt;
  setCrewStatus: IntentReceipt;
  listCrews: CrewListItem[];
  /** Crews holding open work, by crew id; a crew with none is left out. */
  listCrewAssignments: CrewAssignments[];
  /** A request's dispatch state as this console sees it; null if absent. */
  getRequestDispatch: RequestDispatch | null;
  /** On-shift crews serving the request's queue, best first. */
  suggestCrews: CrewSuggestions;
  getRequestActivity: RequestActivity;
  /** Open requests within a few hundred metres, nearest first. */
  listNearby: NearbyRequest[];
  /** Likely duplicates of the request (open or lately closed), best first. */
  listDuplicateCandidates: DuplicateCandidate[];
  /** Groups of likely duplicates among the open requests, strongest first. */
  listDuplicateGroups: DuplicateGroup[];
  /** The server's time by the measured offset; SLA countdowns use it. */
  getServerTime: { now: number; offsetMs: number };
  getSettings: ConsoleSettings;
  getBasemap: BasemapView;
  saveSettings: ConsoleSettings;
  finishSetup: ConsoleSettings;
  signIn: ConsoleSettings;
  signOut: ConsoleSettings;
  /** By name. */
  /** On-time rates, open breaches and a week's series for the SLA view. */
  getSlaStats: SlaStats;
  /** Requests this console's user watches for SLA alerts. */
  listWatched: string[];
  watchRequest: { watched: boolean };
  listSavedViews: SavedView[];
  /** Creates or replaces the view of that name; returns every view. */
  saveView: SavedView[];
  deleteView: { deleted: boolean };
  getUpdateState: UpdateState;
  /** Starts a check unless one is under way; the state right after. */
  checkForUpdates: UpdateState;
  /** Quits and installs, only if that version is downloaded and verified. */
  restartToUpdate: RestartToUpdateResult;
};

export type MethodName = keyof typeof methods;
export type MethodArg<M extends MethodName> = z.input<(typeof methods)[M]>;

export const methodNames = Object.keys(methods) as MethodName[];

/** Events pushed from the services to every window, by name. */
export type EventPayloads = {
  /** `duplicates`: likely-duplicate marks changed (new requests checked). */
  requestsChanged: {
    reason: 'import' | 'sync' | 'local' | 'duplicates';
    changed: number;
  };
  syncStatusChanged: SyncStatus;
  conflictsChanged: { count: number };
  /** A held or watched request fell at risk or breached (rate-limited). */
  slaAlert: SlaAlert;
  /** The updater's state changed: checking, progress, ready, an error. */
  updateState: UpdateState;
};

/** One SLA alert; requestId is null for a summary of several. */
export type SlaAlert = {
  requestId: string | null;
  state: 'at_risk' | 'breached';
  title: string;
  body: string;
};

// Does not compile unless every event name has a payload type, and back.
type SameKeys<A, B> = [A] extends [B]
  ? [B] extends [A]
    ? true
    : false
  : false;
const _everyEventHasAPayload: SameKeys<keyof EventPayloads, EventName> = true;

type MethodFunction<M extends MethodName> =
  undefined extends MethodArg<M>
    ? () => Promise<MethodResults[M]>
    : (arg: MethodArg<M>) => Promise<MethodResults[M]>;

/** What the renderer sees as `window.streetdesk` (or its HTTP twin). */
export type StreetDeskApi = { [M in MethodName]: MethodFunction<M> } & {
  on<E extends EventName>(
    event: E,
    listener: (payload: EventPayloads[E]) => void,
  ): () => void;
};

/** The services behind the contract: one handler per method. */
export type ServiceHandlers = {
  [M in MethodName]: (
    arg: z.output<(typeof methods)[M]>,
  ) => MethodResults[M] | Promise<MethodResults[M]>;
};

export class ContractError extends Error {
  constructor(
    readonly method: string,
    message: string,
  ) {
    super(message);
    this.name = 'ContractError';
  }
}

/**
 * Checks an untrusted argument against a method's schema; throws a
 * ContractError saying which field was wrong and why.
 */
export function parseArgument<M extends MethodName>(
  method: M,
  arg: unknown,
): z.output<(typeof methods)[M]> {
  const result = methods[method].safeParse(arg);
  if (result.success) return result.data as z.output<(typeof methods)[M]>;

  const problems = result.error.issues
    .slice(0, 3)
    .map((issue) => {
      const where = issue.path.length > 0 ? issue.path.join('.') : 'argument';
      return `${where}: ${issue.message}`;
    })
    .join('; ');
  throw new ContractError(
    method,
    `${method} was called with a bad argument (${problems})`,
  );
}

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(methods, name);
}
