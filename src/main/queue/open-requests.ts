// The open requests, held in memory column by column: what the queue, the
// map and the facets filter, sort and count. SQLite keeps the requests
// durably; this index answers the questions a dispatcher asks many times a
// second in a few milliseconds at 100,000 open requests, with no SQL
// index to build or keep up to date. Each request has a slot; slots of
// removed requests are reused.
import type { WorkStatus } from '../../shared/sync-protocol';
import { AT_RISK_MAX_MS, AT_RISK_SHARE } from '../../shared/domain';
import { searchableText } from './search-text';
import { SortedSlots } from './sorted-slots';

/**
 * What the index keeps of one open request (the view's row). A request as
 * the wire carries it has these fields and more, and is taken as it is.
 */
export type OpenRecord = {
  serviceRequestId: string;
  serviceName: string;
  address: string | null;
  description: string | null;
  neighborhood: string | null;
  queue: string | null;
  department: string | null;
  requestedAt: number;
  slaDueAt: number | null;
  lat: number | null;
  long: number | null;
  workStatus: WorkStatus;
  assignedCrewId: string | null;
  pending?: boolean;
  /** Names the type when the server sent no name (see viewValues). */
  serviceCode?: string;
};

/** The due key of a request with no SLA: after every real due time. */
export const NO_SLA_DUE_KEY = Number.MAX_SAFE_INTEGER;

export const WORK_STATUSES: readonly WorkStatus[] = [
  'open',
  'assigned',
  'in_progress',
  'resolved',
  'closed',
];

/** Strings stored once each, as small integer codes; null is -1. */
export class Dictionary {
  readonly values: string[] = [];
  private readonly codes = new Map<string, number>();

  codeOf(value: string | null): number {
    if (value === null) return -1;
    let code = this.codes.get(value);
    if (code === undefined) {
      code = this.values.length;
      this.values.push(value);
      this.codes.set(value, code);
    }
    return code;
  }

  /** The code of a value already seen, or undefined. */
  find(value: string): number | undefined {
    return this.codes.get(value);
  }

  valueOf(code: number): string | null {
    return code < 0 ? null : (this.values[code] ?? null);
  }
}

/**
 * The first millisecond a request is at risk: the last fifth of its SLA
 * window, at most its last day (slaState in domain.ts); NaN with no SLA,
 * so that no comparison with it holds.
 */
export function atRiskFrom(requestedAt: number, slaDueAt: number | null) {
  if (slaDueAt === null) return Number.NaN;
  const window = Math.max(slaDueAt - requestedAt, 0);

  return (
    slaDueAt - Math.floor(Math.min(window * AT_RISK_SHARE, AT_RISK_MAX_MS))
  );
}

/** Web Mercator y of a latitude, 0 at the top of the world, 1 at the foot. */
export function mercatorY(lat: number): number {
  const sin = Math.sin((Math.max(-85, Math.min(85, lat)) * Math.PI) / 180);
  return 0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI);
}

const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export class OpenRequests {
  readonly types = new Dictionary();
  readonly neighborhoods = new Dictionary();
  readonly queues = new Dictionary();
  readonly departments = new Dictionary();
  readonly crews = new Dictionary();

  ids: (string | undefined)[] = [];
  address: (string | null)[] = [];
  description: (string | null)[] = [];
  /** Made at the first text search that needs it; see searchableAt. */
  private searchable: (string | undefined)[] = [];
  requestedAt = new Float64Array(0);
  dueKey = new Float64Array(0);
  atRiskFrom = new Float64Array(0);
  lat = new Float64Array(0);
  long = new Float64Array(0);
  /** Web Mercator x and y of the location, 0..1 across the world. */
  mercatorX = new Float64Array(0);
  mercatorY = new Float64Array(0);
  typeCode = new Int32Array(0);
  neighborhoodCode = new Int32Array(0);
  queueCode = new Int32Array(0);
  departmentCode = new Int32Array(0);
  crewCode = new Int32Array(0);
  workCode = new Uint8Array(0);
  pending = new Uint8Array(0);

  /** The order of byDue, for sorting a few slots without it. */
  readonly compareDue: (a: number, b: number) => number;
  /** Time to breach soonest first, then oldest, then by id. */
  readonly byDue: SortedSlots;
  /** Oldest first, then by id. */
  readonly byAge: SortedSlots;

  /**
   * The request each slot most likely duplicates, set by duplicate finding
   * (src/main/services/duplicate-watch.ts); undefined when none stands out.
   */
  duplicateOf: (string | undefined)[] = [];

  /**
   * Told of every request written, after the write (with its slot), and
   * of every request dropped, just before (with null; its slot can still
   * be read through slotOf).
   */
  observer: ((id: string, slot: number | null) => void) | null = null;

  /** Changes with every write, so answers computed from it can be kept. */
  version = 0;

  private readonly slots = new Map<string, number>();
  private readonly free: number[] = [];
  private used = 0;

  constructor() {
    const ids = () => this.ids;
    const live = () => this.slots.values();
    this.compareDue = (a, b) => {
      const due = this.dueKey[a]! - this.dueKey[b]!;
      if (due !== 0) return due;
      const age = this.requestedAt[a]! - this.requestedAt[b]!;
      return age !== 0 ? age : compareIds(ids()[a]!, ids()[b]!);
    };
    this.byDue = new SortedSlots(this.compareDue, live);
    this.byAge = new SortedSlots((a, b) => {
      const age = this.requestedAt[a]! - this.requestedAt[b]!;
      return age !== 0 ? age : compareIds(ids()[a]!, ids()[b]!);
    }, live);
  }

  /** The slot's address, type and description as searchable words. */
  searchableAt(slot: number): string {
    let text = this.searchable[slot];
    if (text === undefined) {
      text = searchableText(
        this.address[slot] ?? null,
        this.types.valueOf(this.typeCode[slot]!),
        this.description[slot] ?? null,
      );
      this.searchable[slot] = text;
    }
    return text;
  }

  get size(): number {
    return this.slots.size;
  }

  slotOf(id: string): number | undefined {
    return this.slots.get(id);
  }

  /** Every slot in use, in no particular order. */
  *liveSlots(): Generator<number> {
    yield* this.slots.values();
  }

  /** Adds the request, or replaces what the index held for it. */
  upsert(record: OpenRecord): void {
    const existing = this.slots.get(record.serviceRequestId);
    const slot = existing ?? this.allocate(record.serviceRequestId);
    const dueKey = record.slaDueAt ?? NO_SLA_DUE_KEY;
    const moved =
      existing === undefined ||
      this.dueKey[slot] !== dueKey ||
      this.requestedAt[slot] !== record.requestedAt;

    if (moved && existing !== undefined) {
      this.byDue.remove(slot);
      this.byAge.remove(slot);
    }

    this.address[slot] = record.address;
    this.description[slot] = record.description;
    this.searchable[slot] = undefined;
    this.requestedAt[slot] = record.requestedAt;
    this.dueKey[slot] = dueKey;
    this.atRiskFrom[slot] = atRiskFrom(record.requestedAt, record.slaDueAt);
    const located = record.lat !== null && record.long !== null;
    this.lat[slot] = located ? record.lat! : Number.NaN;
    this.long[slot] = located ? record.long! : Number.NaN;
    this.mercatorX[slot] = located ? (record.long! + 180) / 360 : Number.NaN;
    this.mercatorY[slot] = located ? mercatorY(record.lat!) : Number.NaN;
    this.typeCode[slot] = this.types.codeOf(
      record.serviceName === ''
        ? record.serviceCode || 'Unknown service'
        : record.serviceName,
    );
    this.neighborhoodCode[slot] = this.neighborhoods.codeOf(
      record.neighborhood,
    );
    this.queueCode[slot] = this.queues.codeOf(record.queue);
    this.departmentCode[slot] = this.departments.codeOf(record.department);
    this.crewCode[slot] = this.crews.codeOf(record.assignedCrewId);
    this.workCode[slot] = Math.max(0, WORK_STATUSES.indexOf(record.workStatus));
    this.pending[slot] = record.pending === true ? 1 : 0;

    if (moved) {
      this.byDue.insert(slot);
      this.byAge.insert(slot);
    }
    this.version += 1;
    this.observer?.(record.serviceRequestId, slot);
  }

  /** Drops the request; false if the index did not hold it. */
  remove(id: string): boolean {
    const slot = this.slots.get(id);
    if (slot === undefined) return false;

    this.observer?.(id, null);
    this.byDue.remove(slot);
    this.byAge.remove(slot);
    this.slots.delete(id);
    this.ids[slot] = undefined;
    this.address[slot] = null;
    this.description[slot] = null;
    this.searchable[slot] = undefined;
    this.duplicateOf[slot] = undefined;
    this.free.push(slot);
    this.version += 1;
    return true;
  }

  /** Sorts both orders now, rather than at the first query. */
  sortAll(): void {
    this.byDue.slots();
    this.byAge.slots();
  }

  private allocate(id: string): number {
    const slot = this.free.pop() ?? this.used++;
    if (slot >= this.requestedAt.length) this.grow(Math.max(1024, slot * 2));

    this.ids[slot] = id;
    this.slots.set(id, slot);
    return slot;
  }

  private grow(capacity: number): void {
    const wider = <T extends Float64Array | Int32Array | Uint8Array>(
      old: T,
      make: (n: number) => T,
    ): T => {
      const next = make(capacity);
      next.set(old);
      return next;
    };

    this.requestedAt = wider(this.requestedAt, (n) => new Float64Array(n));
    this.dueKey = wider(this.dueKey, (n) => new Float64Array(n));
    this.atRiskFrom = wider(this.atRiskFrom, (n) => new Float64Array(n));
    this.lat = wider(this.lat, (n) => new Float64Array(n));
    this.long = wider(this.long, (n) => new Float64Array(n));
    this.mercatorX = wider(this.mercatorX, (n) => new Float64Array(n));
    this.mercatorY = wider(this.mercatorY, (n) => new Float64Array(n));
    this.typeCode = wider(this.typeCode, (n) => new Int32Array(n));
    this.neighborhoodCode = wider(
      this.neighborhoodCode,
      (n) => new Int32Array(n),
    );
    this.queueCode = wider(this.queueCode, (n) => new Int32Array(n));
    this.departmentCode = wider(this.departmentCode, (n) => new Int32Array(n));
    this.crewCode = wider(this.crewCode, (n) => new Int32Array(n));
    this.workCode = wider(this.workCode, (n) => new Uint8Array(n));
    this.pending = wider(this.pending, (n) => new Uint8Array(n));
  }
}
