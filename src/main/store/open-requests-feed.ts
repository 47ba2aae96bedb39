// Keeps the in-memory queue index (src/main/queue) equal to the `requests`
// view. Writers report which requests they touched; the index re-reads
// those rows at the next question, after the writer's transaction has
// committed or rolled back, so it never holds a write that did not land.
// A snapshot reload builds a fresh index from its pages as they arrive and
// swaps it in when the reload commits. A write by another connection (an
// import run beside the console) is noticed by SQLite's data_version and
// reloads the whole index.
import { ROW_AT, type SyncRequestRow } from '../../shared/sync-protocol';
import { OpenRequests, type OpenRecord } from '../queue/open-requests';
import type { SqliteDatabase } from './database';
import type { ViewListener } from './view-refresh';

export type OpenRequestsFeed = ViewListener & {
  /** The index, brought up to date with the view. */
  current(): OpenRequests;
  /** Many requests changed: reload the whole index at the next question. */
  changedAll(): void;
  beginSnapshot(): void;
  snapshotPage(rows: readonly SyncRequestRow[]): void;
  /** The reload committed: its index becomes the index. */
  finishSnapshot(): void;
  /** The reload failed: what it built is dropped, and all is read again. */
  abandonSnapshot(): void;
};

type OpenRecordRow = [
  id: string,
  serviceName: string,
  address: string | null,
  description: string | null,
  neighborhood: string | null,
  queue: string | null,
  department: string | null,
  requestedAt: number,
  slaDueAt: number | null,
  lat: number | null,
  long: number | null,
  workStatus: OpenRecord['workStatus'],
  assignedCrewId: string | null,
  pending: 0 | 1,
  status: 'open' | 'closed',
];

const recordColumns = `service_request_id, service_name, address,
  description, neighborhood, queue, department, requested_at, sla_due_at,
  lat, long, work_status, assigned_crew_id, pending, status`;

function fromRow(row: OpenRecordRow): OpenRecord {
  return {
    serviceRequestId: row[0],
    serviceName: row[1],
    address: row[2],
    description: row[3],
    neighborhood: row[4],
    queue: row[5],
    department: row[6],
    requestedAt: row[7],
    slaDueAt: row[8],
    lat: row[9],
    long: row[10],
    workStatus: row[11],
    assignedCrewId: row[12],
    pending: row[13] === 1,
  };
}

// The positions read for every row of a snapshot, looked up once.
const {
  serviceRequestId: ID_AT,
  serviceName: NAME_AT,
  address: ADDRESS_AT,
  description: DESCRIPTION_AT,
  neighborhood: NEIGHBORHOOD_AT,
  queue: QUEUE_AT,
  department: DEPARTMENT_AT,
  requestedAt: REQUESTED_AT,
  slaDueAt: DUE_AT,
  lat: LAT_AT,
  long: LONG_AT,
  workStatus: WORK_AT,
  assignedCrewId: CREW_AT,
  serviceCode: CODE_AT,
  status: STATUS_AT,
} = ROW_AT;

// One record refilled for every row of a snapshot: the index copies what
// it keeps into its columns and holds no record, so 100,000 rows leave no
// 100,000 objects for the collector.
const scratch: OpenRecord = {
  serviceRequestId: '',
  serviceName: '',
  address: null,
  description: null,
  neighborhood: null,
  queue: null,
  department: null,
  requestedAt: 0,
  slaDueAt: null,
  lat: null,
  long: null,
  workStatus: 'open',
  assignedCrewId: null,
  serviceCode: '',
};

function fromWireRow(row: SyncRequestRow): OpenRecord {
  scratch.serviceRequestId = row[ID_AT];
  scratch.serviceName = row[NAME_AT];
  scratch.address = row[ADDRESS_AT];
  scratch.description = row[DESCRIPTION_AT];
  scratch.neighborhood = row[NEIGHBORHOOD_AT];
  scratch.queue = row[QUEUE_AT];
  scratch.department = row[DEPARTMENT_AT];
  scratch.requestedAt = row[REQUESTED_AT];
  scratch.slaDueAt = row[DUE_AT];
  scratch.lat = row[LAT_AT];
  scratch.long = row[LONG_AT];
  scratch.workStatus = row[WORK_AT];
  scratch.assignedCrewId = row[CREW_AT];
  scratch.serviceCode = row[CODE_AT];
  return scratch;
}

export function createOpenRequestsFeed(db: SqliteDatabase): OpenRequestsFeed {
  const selectOne = db
    .prepare<[string], OpenRecordRow>(
      `SELECT ${recordColumns} FROM requests WHERE service_request_id = ?`,
    )
    .raw(true);
  const selectOpen = db
    .prepare<[], OpenRecordRow>(
      `SELECT ${recordColumns} FROM requests WHERE status = 'open'`,
    )
    .raw(true);
  const dataVersion = () => db.pragma('data_version', { simple: true });

  let index = new OpenRequests();
  let everything = true;
  const dirty = new Set<string>();
  let staging: OpenRequests | null = null;
  let seenVersion = dataVersion();

  const loadAll = () => {
    const fresh = new OpenRequests();
    for (const row of selectOpen.iterate()) fresh.upsert(fromRow(row));
    fresh.sortAll();
    return fresh;
  };

  return {
    changed: (id) => dirty.add(id),
    changedAll() {
      everything = true;
    },

    current() {
      const version = dataVersion();
      if (version !== seenVersion) {
        seenVersion = version;
        everything = true;
      }
      // Inside a transaction the rows read may yet roll back: read them,
      // but read them again next time.
      const settled = !db.inTransaction;

      if (everything) {
        index = loadAll();
        if (settled) {
          everything = false;
          dirty.clear();
        }
        return index;
      }

      for (const id of dirty) {
        const row = selectOne.get(id);
        if (row !== undefined && row[14] === 'open') index.upsert(fromRow(row));
        else index.remove(id);
      }
      if (settled) dirty.clear();
      return index;
    },

    beginSnapshot() {
      staging = new OpenRequests();
    },
    snapshotPage(rows) {
      if (staging === null) return;
      for (const row of rows) {
        if (row[STATUS_AT] === 'open') staging.upsert(fromWireRow(row));
      }
    },
    finishSnapshot() {
      if (staging === null) {
        everything = true;
        return;
      }
      staging.sortAll();
      index = staging;
      staging = null;
      // Requests with pending intents were reported as they were remade;
      // they stay dirty and are read from the view at the next question.
      everything = false;
    },
    abandonSnapshot() {
      staging = null;
      everything = true;
    },
  };
}
