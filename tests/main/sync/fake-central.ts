// An in-memory central API for engine tests: the protocol's rules (gap-free
// feed, per-console intent seqs, compare-and-set) plus scripted faults.
import {
  bucketDigests,
  bucketOf,
  digestOf,
} from '../../../src/shared/sync-checksum';
import {
  rowFromRequest,
  SYNC_REQUEST_FIELDS,
  type Change,
  type ClosuresPage,
  type Crew,
  type HistoryPage,
  type Intent,
  type IntentResult,
  type NotesPage,
  type PushEvent,
  type SyncRequest,
} from '../../../src/shared/sync-protocol';
import type {
  CentralClient,
  ChangesResult,
  PushResult,
  SnapshotPageRead,
} from '../../../src/main/sync/central-client';
import { CentralError } from '../../../src/main/sync/central-error';

/** A change before the feed gives it its seq. */
type Unsequenced = Change extends infer C
  ? C extends Change
    ? Omit<C, 'seq'>
    : never
  : never;

type Method =
  | 'changes'
  | 'snapshot'
  | 'notes'
  | 'history'
  | 'closures'
  | 'pushIntents'
  | 'checksum';

export function request(
  id: string,
  patch: Partial<SyncRequest> = {},
): SyncRequest {
  return {
    serviceRequestId: id,
    serviceCode: 'pothole',
    serviceName: 'Pothole',
    description: null,
    status: 'open',
    statusNotes: null,
    agencyResponsible: null,
    requestedAt: 1_000,
    updatedAt: null,
    slaDueAt: 90_000_000,
    closedAt: null,
    address: null,
    zipcode: null,
    lat: 42.3,
    long: -71.1,
    mediaUrl: null,
    queue: 'PWDx',
    department: 'PWD',
    neighborhood: 'Allston',
    source: null,
    closureReason: null,
    workStatus: 'open',
    assignedCrewId: null,
    mergedInto: null,
    version: 1,
    ...patch,
  };
}

export function crew(id: string, patch: Partial<Crew> = {}): Crew {
  return {
    crewId: id,
    name: `Crew ${id}`,
    depot: 'Frontage Rd',
    depotLat: 42.34,
    depotLong: -71.06,
    lastLat: null,
    lastLong: null,
    status: 'available',
    queues: ['PWDx'],
    shiftStart: 0,
    shiftEnd: 10_000_000_000_000,
    version: 1,
    ...patch,
  };
}

export class FakeCentral implements CentralClient {
  requests = new Map<string, SyncRequest>();
  crews = new Map<string, Crew>();
  feed: Change[] = [];
  /** Changes at or below this seq are forgotten: pulls from before get 410. */
  oldestKept = 1;
  consoles = new Map<
    string,
    { last: number; outcomes: Map<number, IntentResult> }
  >();
  /** Every intent the server applied, in order: effects, to count. */
  applied: { consoleId: string; intent: Intent }[] = [];
  calls: { method: Method; arg: unknown }[] = [];
  serverTime = () => Date.now();
  private faults = new Map<Method, (() => unknown)[]>();
  /** Intents matching this are answered "retryable" while it returns true. */
  retryable: (intent: Intent) => boolean = () => false;

  fail(method: Method, fault: () => unknown) {
    const list = this.faults.get(method) ?? [];
    list.push(fault);
    this.faults.set(method, list);
  }

  failOffline(method: Method) {
    this.fail(method, () => {
      throw new CentralError('network', 'connect ECONNREFUSED');
    });
  }

  private fault(method: Method, arg: unknown): unknown {
    this.calls.push({ method, arg });
    return this.faults.get(method)?.shift()?.();
  }

  private append(change: Unsequenced) {
    this.feed.push({ ...change, seq: this.feed.length + 1 });
  }

  lastSeq() {
    return this.feed.length;
  }

  putRequest(value: SyncRequest) {
    this.requests.set(value.serviceRequestId, value);
    this.append({ kind: 'request', request: value });
  }

  updateRequest(id: string, patch: Partial<SyncRequest>) {
    const current = this.requests.get(id);
    if (!current) throw new Error(`no request ${id}`);
    const next = { ...current, ...patch, version: current.version + 1 };
    if (next.status === 'closed') {
      this.requests.delete(id);
      this.append({
        kind: 'request_removed',
        requestId: id,
        reason: next.mergedInto ? 'merged' : 'closed',
        version: next.version,
      });
    } else {
      this.putRequest(next);
    }
  }

  putCrew(value: Crew) {
    this.crews.set(value.crewId, value);
    this.append({ kind: 'crew', crew: value });
  }

  changes(after: number, limit: number): Promise<ChangesResult> {
    const injected = this.fault('changes', { after, limit });
    if (injected) return Promise.resolve(injected as ChangesResult);
    if (after + 1 < this.oldestKept) {
      return Promise.resolve({ kind: 'reset', oldestSeq: this.oldestKept });
    }
    const changes = this.feed.slice(after, after + limit);
    return Promise.resolve({
      kind: 'page',
      page: {
        changes,
        lastSeq: this.lastSeq(),
        hasMore: after + changes.length < this.lastSeq(),
        serverTime: this.serverTime(),
      },
    });
  }

  snapshot(
    afterId: string | null,
    limit: number,
    bucket?: number,
  ): Promise<SnapshotPageRead> {
    this.fault('snapshot', { afterId, limit, bucket });
    const ids = [...this.requests.keys()]
      .filter((id) => bucket === undefined || bucketOf(id) === bucket)
      .filter((id) => afterId === null || id > afterId)
      .sort();
    const page = ids.slice(0, limit);
    return Promise.resolve({
      seq: this.lastSeq(),
      fields: [...SYNC_REQUEST_FIELDS],
      rows: page.map((id) => rowFromRequest(this.requests.get(id)!)),
      crews: afterId === null ? [...this.crews.values()] : [],
      nextAfterId: ids.length > limit ? (page.at(-1) ?? null) : null,
      serverTime: this.serverTime(),
      ...(afterId === null && bucket === undefined
        ? { openTotal: this.requests.size }
        : {}),
    });
  }

  /** Notes of open requests, by their place in the feed, paged as the server does. */
  notes(after: number, limit: number): Promise<NotesPage> {
    this.fault('notes', { after, limit });
    const notes = this.feed.flatMap((change) =>
      change.kind === 'note' && change.seq > after
        ? [{ seq: change.seq, item: change.note }]
        : [],
    );
    const page = this.openOnes(notes, limit);
    return Promise.resolve({
      notes: page.items,
      next: page.next,
      serverTime: this.serverTime(),
    });
  }

  history(after: number, limit: number): Promise<HistoryPage> {
    this.fault('history', { after, limit });
    const entries = this.feed.flatMap((change) =>
      change.kind === 'history' && change.seq > after
        ? [{ seq: change.seq, item: change.entry }]
        : [],
    );
    const page = this.openOnes(entries, limit);
    return Promise.resolve({
      history: page.items,
      next: page.next,
      serverTime: this.serverTime(),
    });
  }

  /** Closed requests leave the fake's map: it has none to tell of. */
  closures(afterId: string | null, limit: number): Promise<ClosuresPage> {
    this.fault('closures', { afterId, limit });
    return Promise.resolve({
      closures: [],
      nextAfterId: null,
      serverTime: this.serverTime(),
    });
  }

  private openOnes<T extends { requestId: string }>(
    found: { seq: number; item: T }[],
    limit: number,
  ) {
    const open = found.filter(({ item }) => this.requests.has(item.requestId));
    const page = open.slice(0, limit);
    return {
      items: page.map(({ item }) => item),
      next: open.length > limit ? (page.at(-1)?.seq ?? null) : null,
    };
  }

  pushIntents(batch: {
    consoleId: string;
    intents: Intent[];
  }): Promise<PushResult> {
    const injected = this.fault('pushIntents', batch);
    if (injected) return Promise.resolve(injected as PushResult);

    const record = this.consoles.get(batch.consoleId) ?? {
      last: 0,
      outcomes: new Map<number, IntentResult>(),
    };
    this.consoles.set(batch.consoleId, record);
    const first = batch.intents[0]?.seq ?? 1;
    if (first > record.last + 1) {
      return Promise.resolve({ kind: 'gap', expectedSeq: record.last + 1 });
    }

    const results: IntentResult[] = [];
    for (const intent of batch.intents) {
      if (intent.seq <= record.last) {
        const recorded = record.outcomes.get(intent.seq);
        if (recorded) results.push(recorded);
        continue;
      }
      if (this.retryable(intent)) {
        results.push({
          seq: intent.seq,
          outcome: 'retryable',
          reason: 'database busy',
        });
        break;
      }
      const result = this.apply(batch.consoleId, intent);
      record.last = intent.seq;
      record.outcomes.set(intent.seq, result);
      results.push(result);
    }

    return Promise.resolve({
      kind: 'results',
      response: {
        results,
        lastAppliedSeq: record.last,
        serverTime: this.serverTime(),
      },
    });
  }

  private apply(consoleId: string, intent: Intent): IntentResult {
    const reject = (reason: string): IntentResult => ({
      seq: intent.seq,
      outcome: 'rejected',
      reason,
    });
    if (
      intent.type === 'assign' ||
      intent.type === 'unassign' ||
      intent.type === 'set_status'
    ) {
      const current = this.requests.get(intent.requestId);
      if (!current) return reject(`Request ${intent.requestId} is not open.`);
      if (current.version !== intent.expectedVersion) {
        return reject(
          `Request ${intent.requestId} was changed by someone else.`,
        );
      }
      if (intent.type === 'assign') {
        if (!this.crews.has(intent.crewId))
          return reject(`No crew ${intent.crewId}.`);
        this.updateRequest(intent.requestId, {
          assignedCrewId: intent.crewId,
          workStatus: 'assigned',
        });
      } else if (intent.type === 'unassign') {
        this.updateRequest(intent.requestId, {
          assignedCrewId: null,
          workStatus: 'open',
        });
      } else {
        this.updateRequest(intent.requestId, {
          workStatus: intent.status,
          status: intent.status === 'closed' ? 'closed' : 'open',
        });
      }
    } else if (intent.type === 'set_crew_status') {
      const current = this.crews.get(intent.crewId);
      if (!current) return reject(`No crew ${intent.crewId}.`);
      this.putCrew({
        ...current,
        status: intent.status,
        version: current.version + 1,
      });
    } else if (intent.type === 'add_note') {
      this.append({
        kind: 'note',
        note: {
          noteId: intent.noteId,
          requestId: intent.requestId,
          body: intent.body,
          visibility: intent.visibility,
          author: 'someone',
          createdAt: intent.createdAt,
        },
      });
    }
    this.applied.push({ consoleId, intent });
    return { seq: intent.seq, outcome: 'applied' };
  }

  checksum() {
    this.fault('checksum', undefined);
    const versions = [...this.requests.values()].map((r) => ({
      id: r.serviceRequestId,
      version: r.version,
    }));
    return Promise.resolve({
      seq: this.lastSeq(),
      requestCount: versions.length,
      requestBuckets: bucketDigests(versions),
      crews: digestOf(
        [...this.crews.values()].map((c) => ({
          id: c.crewId,
          version: c.version,
        })),
      ),
      serverTime: this.serverTime(),
    });
  }

  signIn(): Promise<never> {
    return Promise.reject(new Error('not used'));
  }

  events(
    _onEvent: (event: PushEvent) => void,
    signal: AbortSignal,
  ): Promise<void> {
    return new Promise((resolve) =>
      signal.addEventListener('abort', () => resolve()),
    );
  }
}
