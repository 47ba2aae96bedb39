// Confirmed server state: the change feed, snapshot pages and bucket
// resyncs land here, and the view rows they touch are refreshed in the
// same transaction.
import type { Statement } from 'better-sqlite3';

import { bucketOf, type Versioned } from '../../shared/sync-checksum';
import {
  ROW_AT,
  type Change,
  type Closure,
  type Crew,
  type HistoryEntry,
  type Note,
  type SyncRequest,
  type SyncRequestRow,
} from '../../shared/sync-protocol';
import { createBatchedWriter } from './batched-insert';
import type { SqliteDatabase } from './database';
import { writeSnapshotData } from './snapshot-durability';
import { createSlaOutcomeRecorder } from './sla-outcomes-recorder';
import { createSyncStateRepository } from './sync-state-repository';
import { confirmedValues, syncRequestColumns } from './sync-request-row';
import type { OpenRequestsFeed } from './open-requests-feed';
import type { ViewRefresh } from './view-refresh';

export type AppliedCounts = { requests: number; crews: number; other: number };

export type ConfirmedRepository = {
  /**
   * Applies a checked, gap-free page of changes and moves the pulled seq
   * to `lastSeq`, all in one transaction. Older versions are ignored.
   */
  applyChanges(changes: readonly Change[], lastSeq: number): AppliedCounts;
  countConfirmedRequests(): number;
  /** Starts reloading everything from snapshot pages. */
  beginSnapshot(): void;
  /** Stores one snapshot page's requests, as the page's rows. */
  loadSnapshotPage(rows: readonly SyncRequestRow[]): void;
  /**
   * Drops what the snapshot did not contain, rebuilds the view and sets the
   * pulled seq: the end of a reset.
   */
  finishSnapshot(seq: number): void;
  replaceCrews(crews: readonly Crew[]): void;
  /**
   * Stores notes and history a snapshot brought (written before the
   * console's first pull); ones it holds already are kept as they are.
   */
  loadActivity(notes: readonly Note[], history: readonly HistoryEntry[]): void;
  /**
   * Keeps the SLA facts of requests closed before this console's snapshot,
   * for the SLA view; one it saw close itself is kept as it was.
   */
  loadClosures(closures: readonly Closure[]): void;
  /** Replaces the confirmed requests of one checksum bucket. */
  replaceBucket(bucket: number, requests: readonly SyncRequest[]): number;
  confirmedRequestVersions(): Versioned[];
  confirmedCrewVersions(): Versioned[];
};

const marks = (count: number) => new Array<string>(count).fill('?').join(', ');
const columns = syncRequestColumns.join(', ');
const updates = syncRequestColumns
  .slice(1)
  .map((column) => `${column} = excluded.${column}`)
  .join(', ');

export function createConfirmedRepository(
  db: SqliteDatabase,
  view: ViewRefresh,
  feed: OpenRequestsFeed,
): ConfirmedRepository {
  const state = createSyncStateRepository(db);
  const recordSlaClose = createSlaOutcomeRecorder(db);

  const upsertNewer = db.prepare(
    `INSERT INTO requests_confirmed (${columns})
     VALUES (${marks(syncRequestColumns.length)})
     ON CONFLICT (service_request_id) DO UPDATE SET ${updates}
     WHERE excluded.version > requests_confirmed.version`,
  );
  const replace = db.prepare(
    `INSERT OR REPLACE INTO requests_confirmed (${columns})
     VALUES (${marks(syncRequestColumns.length)})`,
  );
  // A row's values are in the table's column order (syncRequestColumns
  // follows SYNC_REQUEST_FIELDS): they are copied as they are.
  const replaceRows = createBatchedWriter<SyncRequestRow>(
    db,
    `INSERT OR REPLACE INTO requests_confirmed (${columns})`,
    syncRequestColumns.length,
    (row, into, at) => {
      for (let column = 0; column < row.length; column += 1) {
        into[at + column] = row[column]!;
      }
    },
  );
  const removeUpTo = db.prepare<[string, number]>(
    `DELETE FROM requests_confirmed
     WHERE service_request_id = ? AND version <= ?`,
  );
  const removeOne = db.prepare<[string]>(
    'DELETE FROM requests_confirmed WHERE service_request_id = ?',
  );
  const upsertCrewNewer = db.prepare<[string, string, number]>(
    `INSERT INTO crews_confirmed (id, record, version) VALUES (?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET record = excluded.record,
       version = excluded.version
     WHERE excluded.version > crews_confirmed.version`,
  );
  const upsertNote = db.prepare(
    `INSERT INTO notes (note_id, request_id, body, visibility, author,
       created_at, pending)
     VALUES (?, ?, ?, ?, ?, ?, 0)
     ON CONFLICT (note_id) DO UPDATE SET body = excluded.body,
       visibility = excluded.visibility, author = excluded.author,
       created_at = excluded.created_at, pending = 0`,
  );
  const insertHistory = db.prepare(
    `INSERT OR IGNORE INTO request_history (history_id, request_id, at, actor,
       console_id, action, detail)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const countConfirmed = db
    .prepare<[], number>('SELECT count(*) FROM requests_confirmed')
    .pluck();
  const selectVersions = db
    .prepare<[], [string, number]>(
      'SELECT service_request_id, version FROM requests_confirmed',
    )
    .raw(true);
  const selectCrewVersions = db
    .prepare<[], [string, number]>('SELECT id, version FROM crews_confirmed')
    .raw(true);

  // The ids a reset has seen, when it must sweep away the ones it has not.
  let seen: Statement<[string]> | null = null;

  const applyRequest = (request: SyncRequest) => {
    if (upsertNewer.run(confirmedValues(request)).changes === 0) return false;

    if (view.hasPending('request', request.serviceRequestId)) {
      view.refreshRequest(request.serviceRequestId);
    } else {
      view.confirmedChanged(request.serviceRequestId);
    }
    return true;
  };

  const applyCrew = (crew: Crew) => {
    const changed = upsertCrewNewer.run(
      crew.crewId,
      JSON.stringify(crew),
      crew.version,
    ).changes;
    if (changed > 0) view.refreshCrew(crew.crewId);
    return changed > 0;
  };

  const applyNote = (note: Note) =>
    upsertNote.run(
      note.noteId,
      note.requestId,
      note.body,
      note.visibility,
      note.author,
      note.createdAt,
    );

  const applyHistory = (entry: HistoryEntry) =>
    insertHistory.run(
      entry.historyId,
      entry.requestId,
      entry.at,
      entry.actor,
      entry.consoleId,
      entry.action,
      JSON.stringify(entry.detail),
    );

  const insertClosure = db.prepare(
    `INSERT OR IGNORE INTO sla_outcomes (request_id, service_name, queue,
       requested_at, sla_due_at, last_updated_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const loadClosures = db.transaction((closures: readonly Closure[]) => {
    for (const closure of closures) {
      insertClosure.run(
        closure.requestId,
        closure.serviceName,
        closure.queue,
        closure.requestedAt,
        closure.slaDueAt,
        closure.closedAt,
      );
    }
  });

  const loadActivity = db.transaction(
    (notes: readonly Note[], history: readonly HistoryEntry[]) => {
      for (const note of notes) applyNote(note);
      for (const entry of history) applyHistory(entry);
    },
  );

  const applyChanges = db.transaction(
    (changes: readonly Change[], lastSeq: number): AppliedCounts => {
      const counts: AppliedCounts = { requests: 0, crews: 0, other: 0 };

      for (const change of changes) {
        switch (change.kind) {
          case 'request':
            if (applyRequest(change.request)) counts.requests += 1;
            break;
          case 'request_removed':
            if (change.reason === 'closed') {
              recordSlaClose(change.requestId, change.version);
            }
            if (removeUpTo.run(change.requestId, change.version).changes) {
              view.refreshRequest(change.requestId);
              counts.requests += 1;
            }
            break;
          case 'crew':
            if (applyCrew(change.crew)) counts.crews += 1;
            break;
          case 'note':
            applyNote(change.note);
            counts.other += 1;
            break;
          case 'history':
            applyHistory(change.entry);
            counts.other += 1;
            break;
        }
      }

      state.setNumber('last_pulled_seq', lastSeq);
      return counts;
    },
  );

  const loadSnapshotPage = db.transaction((rows: readonly SyncRequestRow[]) => {
    replaceRows(rows);
    if (seen === null) return;
    const idAt = ROW_AT.serviceRequestId;
    for (const row of rows) seen.run(row[idAt]);
  });

  // The queue index is built beside the pages and swapped in only once
  // the reload has committed.
  const storeSnapshotPage = (rows: readonly SyncRequestRow[]) => {
    try {
      writeSnapshotData(db, () => loadSnapshotPage(rows));
    } catch (error) {
      feed.abandonSnapshot();
      throw error;
    }
    feed.snapshotPage(rows);
  };

  const commitSnapshot = (seq: number) => {
    try {
      writeSnapshotData(db, () => finishSnapshot(seq));
    } catch (error) {
      feed.abandonSnapshot();
      throw error;
    }
    feed.finishSnapshot();
  };

  const finishSnapshot = db.transaction((seq: number) => {
    if (seen !== null) {
      db.exec(
        `DELETE FROM requests_confirmed WHERE service_request_id NOT IN
           (SELECT id FROM temp.snapshot_ids)`,
      );
      seen = null;
      db.exec('DROP TABLE temp.snapshot_ids');
    }
    view.rebuildAllRequests();
    state.setNumber('last_pulled_seq', seq);
  });

  const replaceCrews = db.transaction((crews: readonly Crew[]) => {
    db.exec('DELETE FROM crews_confirmed');
    for (const crew of crews) {
      upsertCrewNewer.run(crew.crewId, JSON.stringify(crew), crew.version);
    }
    view.rebuildAllCrews();
  });

  const replaceBucket = db.transaction(
    (bucket: number, requests: readonly SyncRequest[]) => {
      const touched = new Set<string>();
      for (const [id] of selectVersions.all()) {
        if (bucketOf(id) === bucket) {
          removeOne.run(id);
          touched.add(id);
        }
      }
      for (const request of requests) {
        replace.run(confirmedValues(request));
        touched.add(request.serviceRequestId);
      }
      for (const id of touched) view.refreshRequest(id);

      return touched.size;
    },
  );

  return {
    applyChanges: (changes, lastSeq) => applyChanges(changes, lastSeq),
    countConfirmedRequests: () => countConfirmed.get() ?? 0,
    beginSnapshot() {
      feed.beginSnapshot();
      // Into an empty store every row is new: nothing to sweep afterwards.
      if (countConfirmed.get() === 0) {
        seen = null;
        return;
      }
      db.exec(
        `CREATE TEMP TABLE IF NOT EXISTS snapshot_ids
           (id TEXT NOT NULL PRIMARY KEY) WITHOUT ROWID;
         DELETE FROM temp.snapshot_ids;`,
      );
      seen = db.prepare<[string]>(
        'INSERT OR IGNORE INTO temp.snapshot_ids VALUES (?)',
      );
    },
    loadSnapshotPage: storeSnapshotPage,
    loadActivity: (notes, history) => loadActivity(notes, history),
    loadClosures: (closures) => loadClosures(closures),
    finishSnapshot: commitSnapshot,
    replaceCrews: (crews) => replaceCrews(crews),
    replaceBucket: (bucket, requests) => replaceBucket(bucket, requests),
    confirmedRequestVersions: () =>
      selectVersions.all().map(([id, version]) => ({ id, version })),
    confirmedCrewVersions: () =>
      selectCrewVersions.all().map(([id, version]) => ({ id, version })),
  };
}
