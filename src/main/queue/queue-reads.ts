// The queue's questions answered from the in-memory index: a page of the
// filtered, sorted queue, where a request falls in it, the facet counts,
// the map's points, the requests with no location, crew workloads and the
// requests in a box. Matches are kept per filter and sort until the index
// changes, so scrolling one filter does not filter again.
import {
  MAX_AREA_PICK,
  type CrewAssignments,
  type FacetValue,
  type LocateQuery,
  type MapArea,
  type MapLayer,
  type MapView,
  type MapPoints,
  type QueueFilter,
  type QueuePage,
  type QueueQuery,
  type QueueSort,
  type UnlocatedRequests,
} from '../../shared/contract';
import type { QueueRow } from '../../shared/domain';
import { compileFilter } from './filter-match';
import { distanceOrder } from './distance-order';
import { mapLayer, requestsInArea } from './map-layer';
import {
  NO_SLA_DUE_KEY,
  WORK_STATUSES,
  type Dictionary,
  type OpenRequests,
} from './open-requests';

/** The unlocated list is a side panel: this many rows, and the count. */
export const UNLOCATED_LIMIT = 200;

/** Filter-and-sort answers kept at once (a few filters, each scrolled). */
const KEPT_MATCHES = 8;

export type FacetCounts = {
  types: FacetValue[];
  neighborhoods: FacetValue[];
  queues: FacetValue[];
  departments: FacetValue[];
  crews: FacetValue[];
};

export type Box = { south: number; north: number; west: number; east: number };

export type BoxRow = QueueRow & { lat: number; long: number };

/** An open request an SLA alert may be about. */
export type AlertCandidate = {
  serviceRequestId: string;
  serviceName: string;
  address: string | null;
  requestedAt: number;
  slaDueAt: number;
  assignedCrewId: string | null;
  watched: boolean;
};

export type QueueReads = {
  listQueue(query: QueueQuery): QueuePage;
  locateInQueue(query: LocateQuery): number | null;
  facets(): FacetCounts;
  mapPoints(filter: QueueFilter): MapPoints;
  mapLayer(filter: QueueFilter, view: MapView): MapLayer;
  pickInArea(
    filter: QueueFilter,
    area: MapArea,
  ): { ids: string[]; total: number };
  unlocated(filter: QueueFilter): UnlocatedRequests;
  /** Open requests a crew holds (assigned or in progress), by crew id. */
  activeAssignmentCounts(): Map<string, number>;
  /** Those requests per crew: the first `limit` by time to breach, and all. */
  crewAssignments(limit: number): CrewAssignments[];
  openInBox(box: Box): BoxRow[];
  /** Open requests with an SLA that a crew holds, or that are watched. */
  alertCandidates(watched: ReadonlySet<string>): AlertCandidate[];
  count(): number;
};

export function queueRowAt(index: OpenRequests, slot: number): QueueRow {
  const due = index.dueKey[slot]!;

  return {
    serviceRequestId: index.ids[slot]!,
    serviceName: index.types.valueOf(index.typeCode[slot]!) ?? '',
    address: index.address[slot] ?? null,
    neighborhood: index.neighborhoods.valueOf(index.neighborhoodCode[slot]!),
    queue: index.queues.valueOf(index.queueCode[slot]!),
    requestedAt: index.requestedAt[slot]!,
    slaDueAt: due === NO_SLA_DUE_KEY ? null : due,
    hasLocation: !Number.isNaN(index.lat[slot]!),
    workStatus: WORK_STATUSES[index.workCode[slot]!] ?? 'open',
    assignedCrewId: index.crews.valueOf(index.crewCode[slot]!),
    pending: index.pending[slot] === 1,
    ...(index.duplicateOf[slot] === undefined
      ? {}
      : { possibleDuplicateOf: index.duplicateOf[slot] }),
  };
}

/** Counts per code over the open requests, most frequent first. */
function countBy(
  index: OpenRequests,
  column: Int32Array,
  dictionary: Dictionary,
  nullAs: string | null,
): FacetValue[] {
  const counts = new Array<number>(dictionary.values.length).fill(0);
  let nulls = 0;
  for (const slot of index.liveSlots()) {
    const code = column[slot]!;
    if (code < 0) nulls += 1;
    else counts[code]! += 1;
  }

  const values: FacetValue[] = [];
  counts.forEach((count, code) => {
    if (count > 0) values.push({ value: dictionary.values[code]!, count });
  });
  if (nullAs !== null && nulls > 0) {
    // "No neighbourhood" counts together with any neighbourhood named ''.
    const blank = values.find((value) => value.value === nullAs);
    if (blank) blank.count += nulls;
    else values.push({ value: nullAs, count: nulls });
  }

  return values.sort(
    (a, b) =>
      b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0),
  );
}

export function createQueueReads(index: () => OpenRequests): QueueReads {
  const kept = new Map<string, { version: number; slots: readonly number[] }>();

  const matches = (filter: QueueFilter, sort: QueueSort): readonly number[] => {
    const open = index();
    const key = JSON.stringify([filter, sort]);
    const hit = kept.get(key);
    if (hit && hit.version === open.version) {
      // Most recently used last: the first key is the one to drop.
      kept.delete(key);
      kept.set(key, hit);
      return hit.slots;
    }

    const test = compileFilter(open, filter);
    let slots: readonly number[];
    if (typeof sort === 'object') {
      slots = distanceOrder(open, sort.from, test);
    } else {
      const order = (sort === 'due' ? open.byDue : open.byAge).slots();
      slots = test === null ? [...order] : order.filter((slot) => test(slot));
    }

    kept.delete(key);
    kept.set(key, { version: open.version, slots });
    if (kept.size > KEPT_MATCHES) kept.delete(kept.keys().next().value!);
    return slots;
  };

  return {
    listQueue(query) {
      const slots = matches(query.filter, query.sort);
      const open = index();
      const rows = slots
        .slice(query.offset, query.offset + query.limit)
        .map((slot) => queueRowAt(open, slot));

      return { total: slots.length, offset: query.offset, rows };
    },

    locateInQueue(query) {
      const slot = index().slotOf(query.id);
      if (slot === undefined) return null;
      const at = matches(query.filter, query.sort).indexOf(slot);
      return at < 0 ? null : at;
    },

    facets() {
      const open = index();
      return {
        types: countBy(open, open.typeCode, open.types, null),
        neighborhoods: countBy(
          open,
          open.neighborhoodCode,
          open.neighborhoods,
          '',
        ),
        queues: countBy(open, open.queueCode, open.queues, null),
        departments: countBy(open, open.departmentCode, open.departments, null),
        crews: countBy(open, open.crewCode, open.crews, null),
      };
    },

    mapPoints(filter) {
      const open = index();
      // Least urgent first: the map draws the most urgent on top.
      const slots = matches(filter, 'due')
        .filter((slot) => !Number.isNaN(open.lat[slot]!))
        .reverse();
      const points: MapPoints = {
        ids: new Array<string>(slots.length),
        coords: new Array<number>(slots.length * 2),
        requestedAt: new Array<number>(slots.length),
        slaDueAt: new Array<number | null>(slots.length),
      };
      slots.forEach((slot, i) => {
        const due = open.dueKey[slot]!;
        points.ids[i] = open.ids[slot]!;
        points.coords[i * 2] = open.long[slot]!;
        points.coords[i * 2 + 1] = open.lat[slot]!;
        points.requestedAt[i] = open.requestedAt[slot]!;
        points.slaDueAt[i] = due === NO_SLA_DUE_KEY ? null : due;
      });
      return points;
    },

    mapLayer(filter, view) {
      const open = index();
      return mapLayer(open, compileFilter(open, filter), view);
    },

    pickInArea(filter, area) {
      const open = index();
      return requestsInArea(
        open,
        compileFilter(open, filter),
        area,
        MAX_AREA_PICK,
      );
    },

    unlocated(filter) {
      const open = index();
      const slots = matches(filter, 'due').filter((slot) =>
        Number.isNaN(open.lat[slot]!),
      );
      return {
        total: slots.length,
        rows: slots
          .slice(0, UNLOCATED_LIMIT)
          .map((slot) => queueRowAt(open, slot)),
      };
    },

    activeAssignmentCounts() {
      const open = index();
      const assigned = WORK_STATUSES.indexOf('assigned');
      const inProgress = WORK_STATUSES.indexOf('in_progress');
      const counts = new Map<string, number>();
      for (const slot of open.liveSlots()) {
        const work = open.workCode[slot];
        const crew = open.crewCode[slot]!;
        if (crew < 0 || (work !== assigned && work !== inProgress)) continue;
        const id = open.crews.valueOf(crew)!;
        counts.set(id, (counts.get(id) ?? 0) + 1);
      }
      return counts;
    },

    crewAssignments(limit) {
      const open = index();
      const assigned = WORK_STATUSES.indexOf('assigned');
      const inProgress = WORK_STATUSES.indexOf('in_progress');
      const byCrew = new Map<number, CrewAssignments>();
      // In due order, so each crew's first rows are its most urgent.
      for (const slot of open.byDue.slots()) {
        const work = open.workCode[slot];
        const crew = open.crewCode[slot]!;
        if (crew < 0 || (work !== assigned && work !== inProgress)) continue;

        let held = byCrew.get(crew);
        if (held === undefined) {
          held = { crewId: open.crews.valueOf(crew)!, total: 0, rows: [] };
          byCrew.set(crew, held);
        }
        held.total += 1;
        if (held.rows.length < limit) held.rows.push(queueRowAt(open, slot));
      }

      return [...byCrew.values()].sort((a, b) =>
        a.crewId < b.crewId ? -1 : a.crewId > b.crewId ? 1 : 0,
      );
    },

    openInBox({ south, north, west, east }) {
      const open = index();
      const rows: BoxRow[] = [];
      for (const slot of open.liveSlots()) {
        const lat = open.lat[slot]!;
        const long = open.long[slot]!;
        if (!(lat >= south && lat <= north && long >= west && long <= east)) {
          continue;
        }
        rows.push({ ...queueRowAt(open, slot), lat, long });
      }
      return rows;
    },

    alertCandidates(watched) {
      const open = index();
      const assigned = WORK_STATUSES.indexOf('assigned');
      const inProgress = WORK_STATUSES.indexOf('in_progress');
      const found: AlertCandidate[] = [];
      for (const slot of open.liveSlots()) {
        const due = open.dueKey[slot]!;
        if (due === NO_SLA_DUE_KEY) continue;
        const id = open.ids[slot]!;
        const work = open.workCode[slot];
        const held =
          open.crewCode[slot]! >= 0 &&
          (work === assigned || work === inProgress);
        const isWatched = watched.has(id);
        if (!held && !isWatched) continue;
        found.push({
          serviceRequestId: id,
          serviceName: open.types.valueOf(open.typeCode[slot]!) ?? '',
          address: open.address[slot] ?? null,
          requestedAt: open.requestedAt[slot]!,
          slaDueAt: due,
          assignedCrewId: open.crews.valueOf(open.crewCode[slot]!),
          watched: isWatched,
        });
      }
      return found;
    },

    count: () => index().size,
  };
}
