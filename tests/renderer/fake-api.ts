// An in-memory StreetDeskApi for the renderer's store tests: a list of
// requests it filters, sorts and pages the way the contract says, and a log
// of the calls it received.
import type {
  EventPayloads,
  QueueFilter,
  QueueSort,
  SavedView,
  StreetDeskApi,
} from '../../src/shared/contract';
import type { QueueRow, ServiceRequest } from '../../src/shared/domain';
import type { UpdateState } from '../../src/shared/update-state';
import { unexpectedApiMethods } from '../support/unexpected-methods';

export type FakeRequest = QueueRow & { lon: number | null; lat: number | null };

export type FakeApi = StreetDeskApi & {
  calls: { method: string; arg: unknown }[];
  requests: FakeRequest[];
  failNext: (method: string, message: string) => void;
  emit: (payload: EventPayloads['requestsChanged']) => void;
  emitAlert: (alert: EventPayloads['slaAlert']) => void;
  /** Pushes an updater state, as the services' updateState event does. */
  emitUpdate: (state: UpdateState) => void;
};

const HOUR = 3_600_000;
const TYPES = ['Street Light Outages', 'Pothole', 'Graffiti Removal'];
const HOODS = ['Dorchester', 'Roxbury', 'Back Bay', ''];

export function makeRequests(count: number, start: number): FakeRequest[] {
  return Array.from({ length: count }, (_, i) => ({
    serviceRequestId: `REQ-${String(i).padStart(6, '0')}`,
    serviceName: TYPES[i % TYPES.length]!,
    address: i % 7 === 0 ? null : `${i} Main St`,
    neighborhood: HOODS[i % HOODS.length] || null,
    queue: null,
    requestedAt: start - i * HOUR,
    slaDueAt: i % 5 === 0 ? null : start + ((i * 37) % 200) * HOUR,
    hasLocation: i % 9 !== 0,
    workStatus: 'open' as const,
    assignedCrewId: null,
    pending: false,
    lon: i % 9 !== 0 ? -71 - i / 1e5 : null,
    lat: i % 9 !== 0 ? 42.3 + i / 1e5 : null,
  }));
}

function matches(request: FakeRequest, filter: QueueFilter) {
  const typeOk =
    !filter.types?.length || filter.types.includes(request.serviceName);
  const hoodOk =
    !filter.neighborhoods?.length ||
    filter.neighborhoods.includes(request.neighborhood ?? '');

  const words = (filter.text ?? '').toLowerCase().split(/\W+/).filter(Boolean);
  const haystack =
    `${request.address ?? ''} ${request.serviceName}`.toLowerCase();
  const textOk = words.every((word) => haystack.includes(word));
  const assignedOk =
    filter.assigned === undefined ||
    filter.assigned === (request.assignedCrewId !== null);

  return typeOk && hoodOk && textOk && assignedOk;
}

function sorted(rows: FakeRequest[], sort: QueueSort) {
  const key = (row: FakeRequest) =>
    sort === 'age' ? row.requestedAt : (row.slaDueAt ?? Number.MAX_VALUE);

  return [...rows].sort(
    (a, b) =>
      key(a) - key(b) || a.serviceRequestId.localeCompare(b.serviceRequestId),
  );
}

export function createFakeApi(requests: FakeRequest[]): FakeApi {
  const calls: FakeApi['calls'] = [];
  const views: SavedView[] = [];
  const watched = new Set<string>();
  // The server's clock runs this far ahead of the machine's.
  const serverOffsetMs = 90 * 60_000;
  const failures = new Map<string, string>();
  const listeners = new Set<
    (payload: EventPayloads['requestsChanged']) => void
  >();
  const alertListeners = new Set<(alert: EventPayloads['slaAlert']) => void>();
  const updateListeners = new Set<(state: UpdateState) => void>();
  let update: UpdateState = { status: 'idle', currentVersion: '0.0.0-test' };

  const record = async <T>(method: string, arg: unknown, run: () => T) => {
    calls.push({ method, arg });
    await Promise.resolve();
    const failure = failures.get(method);
    if (failure !== undefined) {
      failures.delete(method);
      throw new Error(failure);
    }

    return run();
  };

  const countBy = (pick: (row: FakeRequest) => string) => {
    const counts = new Map<string, number>();
    for (const row of requests) {
      counts.set(pick(row), (counts.get(pick(row)) ?? 0) + 1);
    }

    return [...counts].map(([value, count]) => ({ value, count }));
  };

  return {
    ...unexpectedApiMethods(),
    calls,
    requests,
    failNext: (method, message) => failures.set(method, message),
    emit: (payload) => listeners.forEach((listener) => listener(payload)),
    emitAlert: (alert) => alertListeners.forEach((listener) => listener(alert)),
    emitUpdate: (state) => {
      update = state;
      updateListeners.forEach((listener) => listener(state));
    },

    getUpdateState: () => record('getUpdateState', undefined, () => update),
    checkForUpdates: () => record('checkForUpdates', undefined, () => update),
    restartToUpdate: (arg) =>
      record('restartToUpdate', arg, () =>
        update.status === 'ready' && update.version === arg.version
          ? { restarting: true }
          : { restarting: false, reason: 'No update is ready to install yet.' },
      ),

    getAppInfo: () =>
      record('getAppInfo', undefined, () => ({
        version: '0.0.0-test',
        mode: 'browser' as const,
        openRequests: requests.length,
        demo: null,
      })),
    getQueueFacets: () =>
      record('getQueueFacets', undefined, () => ({
        types: countBy((row) => row.serviceName),
        neighborhoods: countBy((row) => row.neighborhood ?? ''),
        queues: [],
        departments: [],
        crews: [],
      })),
    listSavedViews: () => record('listSavedViews', undefined, () => [...views]),
    listWatched: () => record('listWatched', undefined, () => [...watched]),
    watchRequest: (arg) =>
      record('watchRequest', arg, () => {
        watched.delete(arg.requestId);
        if (arg.watched) watched.add(arg.requestId);
        return { watched: arg.watched };
      }),
    saveView: (arg) =>
      record('saveView', arg, () => {
        const kept = views.filter((view) => view.name !== arg.name);
        views.splice(0, views.length, ...kept, { ...arg, savedAt: 1 });
        views.sort((a, b) => a.name.localeCompare(b.name));
        return [...views];
      }),
    deleteView: (arg) =>
      record('deleteView', arg, () => {
        const before = views.length;
        const kept = views.filter((view) => view.name !== arg.name);
        views.splice(0, views.length, ...kept);
        return { deleted: kept.length < before };
      }),
    listQueue: (query) =>
      record('listQueue', query, () => {
        const rows = sorted(
          requests.filter((row) => matches(row, query.filter)),
          query.sort,
        );

        return {
          total: rows.length,
          offset: query.offset,
          rows: rows
            .slice(query.offset, query.offset + query.limit)
            .map(({ lon: _lon, lat: _lat, ...row }) => row),
        };
      }),
    listCrewAssignments: (query) =>
      record('listCrewAssignments', query, () => {
        const held = sorted(
          requests.filter(
            (row) =>
              row.assignedCrewId !== null &&
              (row.workStatus === 'assigned' ||
                row.workStatus === 'in_progress'),
          ),
          'due',
        );
        const byCrew = new Map<string, FakeRequest[]>();
        for (const row of held) {
          const crewId = row.assignedCrewId!;
          byCrew.set(crewId, [...(byCrew.get(crewId) ?? []), row]);
        }

        return [...byCrew].sort().map(([crewId, rows]) => ({
          crewId,
          total: rows.length,
          rows: rows
            .slice(0, query.limit)
            .map(({ lon: _lon, lat: _lat, ...row }) => row),
        }));
      }),
    getMapPoints: (filter) =>
      record('getMapPoints', filter, () => {
        const located = requests.filter(
          (row) => matches(row, filter) && row.lon !== null,
        );

        return {
          ids: located.map((row) => row.serviceRequestId),
          coords: located.flatMap((row) => [row.lon ?? 0, row.lat ?? 0]),
          requestedAt: located.map((row) => row.requestedAt),
          slaDueAt: located.map((row) => row.slaDueAt),
        };
      }),
    getMapLayer: (query) =>
      record('getMapLayer', query, () => {
        const { view } = query;
        const inView = requests.filter(
          (row) =>
            matches(row, query.filter) &&
            row.lat !== null &&
            row.lon !== null &&
            row.lat >= view.south &&
            row.lat <= view.north &&
            row.lon >= view.west &&
            row.lon <= view.east,
        );

        return {
          inView: inView.length,
          points: {
            ids: inView.map((row) => row.serviceRequestId),
            coords: inView.flatMap((row) => [row.lon ?? 0, row.lat ?? 0]),
            requestedAt: inView.map((row) => row.requestedAt),
            slaDueAt: inView.map((row) => row.slaDueAt),
          },
          clusters: [],
        };
      }),
    pickInArea: (query) =>
      record('pickInArea', query, () => {
        const longs = query.area.ring.map(([long]) => long);
        const lats = query.area.ring.map(([, lat]) => lat);
        const inside = requests.filter(
          (row) =>
            matches(row, query.filter) &&
            row.lat !== null &&
            row.lon !== null &&
            row.lat >= Math.min(...lats) &&
            row.lat <= Math.max(...lats) &&
            row.lon >= Math.min(...longs) &&
            row.lon <= Math.max(...longs),
        );
        return {
          ids: inside.slice(0, 3).map((row) => row.serviceRequestId),
          total: inside.length,
        };
      }),
    listUnlocated: (filter) =>
      record('listUnlocated', filter, () => {
        const unlocated = requests.filter(
          (row) => matches(row, filter) && row.lon === null,
        );

        return {
          total: unlocated.length,
          rows: unlocated.map(({ lon: _lon, lat: _lat, ...row }) => row),
        };
      }),
    locateInQueue: (query) =>
      record('locateInQueue', query, () => {
        const rows = sorted(
          requests.filter((row) => matches(row, query.filter)),
          query.sort,
        );
        const index = rows.findIndex(
          (row) => row.serviceRequestId === query.id,
        );

        return { index: index < 0 ? null : index };
      }),
    getRequest: (id) =>
      record('getRequest', id, (): ServiceRequest | null => {
        const row = requests.find((each) => each.serviceRequestId === id);
        if (!row) return null;

        return {
          serviceRequestId: row.serviceRequestId,
          serviceCode: 'code',
          serviceName: row.serviceName,
          description: 'A test request',
          status: 'open',
          statusNotes: null,
          agencyResponsible: null,
          requestedAt: row.requestedAt,
          updatedAt: null,
          slaDueAt: row.slaDueAt,
          closedAt: null,
          address: row.address,
          zipcode: null,
          lat: row.lat,
          long: row.lon,
          mediaUrl: null,
          queue: null,
          department: null,
          neighborhood: row.neighborhood,
          source: null,
          closureReason: null,
        };
      }),
    getServerTime: () =>
      record('getServerTime', undefined, () => ({
        now: Date.now() + serverOffsetMs,
        offsetMs: serverOffsetMs,
      })),
    openExternal: (arg) =>
      record('openExternal', arg, () => ({ opened: false, reason: 'test' })),
    on: (event, listener) => {
      if (event === 'updateState') {
        const relay = listener as (state: UpdateState) => void;
        updateListeners.add(relay);
        return () => updateListeners.delete(relay);
      }
      if (event === 'slaAlert') {
        const relay = listener as (a: EventPayloads['slaAlert']) => void;
        alertListeners.add(relay);
        return () => alertListeners.delete(relay);
      }
      if (event !== 'requestsChanged') return () => {};
      const relay = listener as (p: EventPayloads['requestsChanged']) => void;
      listeners.add(relay);

      return () => listeners.delete(relay);
    },
  };
}
