// The central API's storage, as domain operations. The routes and the sync
// code see only these types, so a PostgreSQL store can replace the SQLite
// one without touching them: every operation returns a promise, and atomic
// work goes through `transaction`.
import type {
  Change,
  Closure,
  Crew,
  HistoryEntry,
  IntentResult,
  Note,
  Role,
  SyncRequest,
} from '../../shared/sync-protocol';

export type StaffUser = { userId: string; name: string; role: Role };

/** A user row with what sign-in needs; the hash never leaves the server. */
export type StoredUser = StaffUser & { passwordHash: string };

export type StoredSession = {
  user: StaffUser;
  expiresAt: number;
};

export type ApiKeyRecord = { keyId: string; label: string; createdAt: number };

/** A request as it is written the first time: the store sets version 1. */
export type NewRequest = Omit<SyncRequest, 'version'>;

/** The fields an update may change; the store raises the version. */
export type RequestPatch = Partial<
  Omit<SyncRequest, 'serviceRequestId' | 'version'>
>;

export type NewCrew = Omit<Crew, 'version'>;
export type CrewPatch = Partial<Omit<Crew, 'crewId' | 'version'>>;

/**
 * Open311-style listing of requests, open or closed. `ids`, when given,
 * replaces every other filter. Newest first: requestedAt, then id, both
 * descending.
 */
export type RequestQuery = {
  ids: string[] | null;
  serviceCodes: string[] | null;
  statuses: ('open' | 'closed')[] | null;
  /** Inclusive bounds on requestedAt, epoch ms. */
  requestedFrom: number | null;
  requestedTo: number | null;
  /** updatedAt (or requestedAt, if never updated) strictly after this. */
  updatedAfter: number | null;
  offset: number;
  limit: number;
};

export type RequestList = {
  requests: SyncRequest[];
  /** Every match, ignoring offset and limit. */
  total: number;
};

export type ServiceSummary = {
  serviceCode: string;
  serviceName: string;
  requestCount: number;
};

export type SnapshotQuery = {
  afterId: string | null;
  limit: number;
  /** Only requests of this checksum bucket, when given. */
  bucket: number | null;
};

/**
 * How an encoded page writes each request: as a JSON object (protocol 1
 * and 2) or as a row, its values in SYNC_REQUEST_FIELDS order (3).
 */
export type PageShape = 'objects' | 'rows';

export type EncodedPage = {
  /** The requests' JSON objects or rows, comma-separated, UTF-8. */
  json: Buffer;
  count: number;
  lastId: string | null;
  /** Whether open requests follow lastId (in the bucket, if one was given). */
  more: boolean;
};

export type ActivityPage = {
  items: Note[] | HistoryEntry[];
  /** The position to ask after for the next page; null after the last. */
  next: number | null;
};

export type PageValues = {
  rows: unknown[][];
  lastId: string | null;
  /** Whether open requests follow lastId (in the bucket, if one was given). */
  more: boolean;
};

/** Contact details a resident gave with an Open311 request. */
export type Reporter = {
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
};

/** What a merge changed on the request that stayed open. */
export type MergedTargetState = {
  slaDueAt: number | null;
  assignedCrewId: string | null;
  workStatus: SyncRequest['workStatus'];
  mediaUrl: string | null;
};

/** One merge, with enough of the before to undo it. */
export type StoredMerge = {
  mergeId: number;
  targetId: string;
  mergedAt: number;
  undoneAt: number | null;
  by: string;
  targetBefore: MergedTargetState;
  targetAfter: MergedTargetState;
  /** Each duplicate as it was before, and its version once closed. */
  duplicates: { before: SyncRequest; closedVersion: number }[];
};

/**
 * An admin's SLA rule for one service type. `rule` is kept as stored (an
 * SlaRule's JSON); the policy book checks it before it uses it.
 */
export type StoredSlaRuleChange = {
  serviceCode: string;
  serviceName: string;
  rule: string;
  changedBy: string;
  changedAt: number;
};

export type ChangeWindow = {
  /** The oldest seq still kept (0 when there are none). */
  oldestSeq: number;
  /** The newest seq written (0 on a fresh server). */
  lastSeq: number;
};

export type OpenRequestVersion = { id: string; version: number };

/** Reads, available both on the store and inside a transaction. */
export type CentralReads = {
  getRequest(id: string): Promise<SyncRequest | null>;
  /** Open requests by id after `afterId`, at most `limit`. */
  listOpenRequests(query: SnapshotQuery): Promise<SyncRequest[]>;
  /**
   * The same page already encoded: the requests' JSON joined by commas,
   * which the snapshot route sends as it is (the fast path of an initial
   * sync), with how many there are, the last id and whether more follow.
   */
  openRequestsPageEncoded(
    query: SnapshotQuery,
    shape: PageShape,
  ): Promise<EncodedPage>;
  /**
   * The same page as rows of values in SYNC_REQUEST_FIELDS order, for a
   * page the route encodes itself (protocol 4's dictionary).
   */
  openRequestsPageValues(query: SnapshotQuery): Promise<PageValues>;
  /** Every open request's id and version: the checksum's input. */
  listOpenVersions(): Promise<OpenRequestVersion[]>;
  countRequests(): Promise<number>;
  countOpenRequests(): Promise<number>;
  findRequests(query: RequestQuery): Promise<RequestList>;
  listServices(): Promise<ServiceSummary[]>;

  getCrew(id: string): Promise<Crew | null>;
  listCrews(): Promise<Crew[]>;

  getNote(id: string): Promise<Note | null>;
  listNotes(requestId: string): Promise<Note[]>;
  listHistory(requestId: string): Promise<HistoryEntry[]>;
  /**
   * Closed, unmerged requests whose SLA fell due in [from, to), by id
   * after `afterId`: see closuresPageSchema.
   */
  closuresPage(query: {
    from: number;
    to: number;
    afterId: string | null;
    limit: number;
  }): Promise<{ closures: Closure[]; nextAfterId: string | null }>;
  /**
   * Notes or history of open requests, in the order they were written,
   * after `after` (a position from an earlier page; 0 at first): what a
   * console loading a snapshot cannot get from the change feed.
   */
  openActivityPage(
    kind: 'notes' | 'history',
    after: number,
    limit: number,
  ): Promise<ActivityPage>;
  /** The newest history entry of a request, for "who changed it". */
  latestHistory(requestId: string): Promise<HistoryEntry | null>;

  /** Changes with seq > after, in seq order, at most `limit`. */
  listChanges(after: number, limit: number): Promise<Change[]>;
  /** The same changes, each already encoded as its JSON. */
  listChangesEncoded(after: number, limit: number): Promise<string[]>;
  changeWindow(): Promise<ChangeWindow>;

  /** The highest intent seq of a console with a recorded outcome (0 if none). */
  lastIntentSeq(consoleId: string): Promise<number>;
  /** The outcome first recorded for that intent: a duplicate's answer. */
  intentOutcome(consoleId: string, seq: number): Promise<IntentResult | null>;

  findUserForSignIn(userId: string): Promise<StoredUser | null>;
  listUsers(): Promise<StaffUser[]>;
  countUsers(): Promise<number>;
  /** The session of a token hash, if it exists and has not expired at `now`. */
  findSession(tokenHash: string, now: number): Promise<StoredSession | null>;
  findApiKey(keyHash: string): Promise<ApiKeyRecord | null>;

  getReporter(requestId: string): Promise<Reporter | null>;
  /** The newest merge into the request that has not been undone. */
  latestMerge(targetId: string): Promise<StoredMerge | null>;

  /** The SLA rules an admin changed, each as last saved, by service code. */
  listSlaRuleChanges(): Promise<StoredSlaRuleChange[]>;
};

/**
 * Writes. Each one that touches a synced record appends its change (a
 * tombstone when a request leaves the open set) to the feed, with the next
 * gap-free seq, as part of the same transaction.
 */
export type CentralWrites = {
  insertRequests(requests: readonly NewRequest[]): Promise<SyncRequest[]>;
  /** Applies the patch, raises the version by one, appends the change. */
  updateRequest(id: string, patch: RequestPatch): Promise<SyncRequest>;
  insertCrews(crews: readonly NewCrew[]): Promise<Crew[]>;
  updateCrew(id: string, patch: CrewPatch): Promise<Crew>;
  insertNote(note: Note): Promise<void>;
  /** The store assigns the id. */
  insertHistory(entry: Omit<HistoryEntry, 'historyId'>): Promise<HistoryEntry>;

  /** Records a console's intent outcome and makes it its last seq. */
  recordIntentOutcome(consoleId: string, result: IntentResult): Promise<void>;

  insertUser(user: StoredUser, createdAt: number): Promise<void>;
  insertSession(
    tokenHash: string,
    userId: string,
    expiresAt: number,
  ): Promise<void>;
  deleteSession(tokenHash: string): Promise<void>;
  /** Forgets sessions that expired before `now`. */
  deleteExpiredSessions(now: number): Promise<void>;
  insertApiKey(keyHash: string, record: ApiKeyRecord): Promise<void>;

  insertReporter(requestId: string, reporter: Reporter): Promise<void>;
  /** The store assigns the id. */
  insertMerge(merge: Omit<StoredMerge, 'mergeId'>): Promise<StoredMerge>;
  markMergeUndone(mergeId: number, at: number): Promise<void>;
  /** Keeps an admin's rule for one service type, replacing an earlier one. */
  saveSlaRuleChange(change: StoredSlaRuleChange): Promise<void>;
};

export type CentralTransaction = CentralReads & CentralWrites;

export type CentralStore = CentralReads & {
  /**
   * Runs `work` atomically: all its writes land, or none do. Transactions
   * run one at a time. Throws `TransientStoreError` when the database was
   * busy or briefly unavailable, so the caller can answer "retry".
   */
  transaction<T>(work: (tx: CentralTransaction) => Promise<T>): Promise<T>;
  /** Called after every commit that appended changes, with the last seq. */
  onChangesCommitted(listener: (lastSeq: number) => void): () => void;
  close(): Promise<void>;
};

/** The database could not do the work now; the same work may succeed later. */
export class TransientStoreError extends Error {
  override name = 'TransientStoreError';
}

/** A write named a record that does not exist (a bug in the caller). */
export class MissingRecordError extends Error {
  override name = 'MissingRecordError';
}

/** A write would store a record the protocol's schema refuses. */
export class InvalidRecordError extends Error {
  override name = 'InvalidRecordError';
}
