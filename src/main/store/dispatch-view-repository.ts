// Reads of the dispatch view: a request's dispatch state and the crews, as
// the user sees them (confirmed state with pending intents on top).
import type { CrewAssignments } from '../../shared/contract';
import type { QueueRow } from '../../shared/domain';
import type { Crew, WorkStatus } from '../../shared/sync-protocol';
import type { QueueReads } from '../queue/queue-reads';
import { fromCrewRow, type CrewRow } from './crew-row';
import type { SqliteDatabase } from './database';

export type RequestDispatchView = {
  serviceRequestId: string;
  status: 'open' | 'closed';
  workStatus: WorkStatus;
  assignedCrewId: string | null;
  mergedInto: string | null;
  /** The version the user sees; intents carry it as expectedVersion. */
  version: number;
  /** True while an intent on this request awaits the server. */
  pending: boolean;
};

export type CrewView = Crew & { pending: boolean };

export type NoteView = {
  noteId: string;
  body: string;
  visibility: 'internal' | 'public';
  author: string;
  createdAt: number;
  pending: boolean;
};

export type HistoryView = {
  historyId: string;
  at: number;
  actor: string;
  consoleId: string | null;
  action: string;
  detail: Record<string, unknown>;
};

/** An open request found near a point: its queue row and where it is. */
export type LocatedRow = QueueRow & { lat: number; long: number };

export type DispatchViewRepository = {
  getDispatchView(requestId: string): RequestDispatchView | null;
  listCrews(): CrewView[];
  getCrew(crewId: string): CrewView | null;
  /** Open requests assigned to each crew, by crew id. */
  activeAssignmentCounts(): Map<string, number>;
  /** Each crew's open assignments: the most urgent `limit` and the count. */
  crewAssignments(limit: number): CrewAssignments[];
  listNotes(requestId: string): NoteView[];
  listHistory(requestId: string): HistoryView[];
  /** The request's position and queue, for suggestions and nearby lists. */
  getPlace(
    requestId: string,
  ): { lat: number | null; long: number | null; queue: string | null } | null;
  /** Open requests inside a lat/long box, for a nearby list. */
  openInBox(box: {
    south: number;
    north: number;
    west: number;
    east: number;
  }): LocatedRow[];
};

type DispatchRow = {
  service_request_id: string;
  status: 'open' | 'closed';
  work_status: WorkStatus;
  assigned_crew_id: string | null;
  merged_into: string | null;
  version: number;
  pending: 0 | 1;
};

type NoteRow = {
  note_id: string;
  body: string;
  visibility: 'internal' | 'public';
  author: string;
  created_at: number;
  pending: 0 | 1;
};

type HistoryRow = {
  history_id: string;
  at: number;
  actor: string;
  console_id: string | null;
  action: string;
  detail: string;
};

export function createDispatchViewRepository(
  db: SqliteDatabase,
  queue: QueueReads,
): DispatchViewRepository {
  const selectDispatch = db.prepare<[string], DispatchRow>(
    `SELECT service_request_id, status, work_status, assigned_crew_id,
       merged_into, version, pending
     FROM requests WHERE service_request_id = ?`,
  );
  const selectCrews = db.prepare<[], CrewRow>(
    'SELECT * FROM crews ORDER BY name, id',
  );
  const selectCrew = db.prepare<[string], CrewRow>(
    'SELECT * FROM crews WHERE id = ?',
  );

  const selectNotes = db.prepare<[string], NoteRow>(
    `SELECT note_id, body, visibility, author, created_at, pending
     FROM notes WHERE request_id = ? ORDER BY created_at, note_id`,
  );
  const selectHistory = db.prepare<[string], HistoryRow>(
    `SELECT history_id, at, actor, console_id, action, detail
     FROM request_history WHERE request_id = ? ORDER BY at, history_id`,
  );
  const selectPlace = db.prepare<
    [string],
    { lat: number | null; long: number | null; queue: string | null }
  >('SELECT lat, long, queue FROM requests WHERE service_request_id = ?');

  return {
    activeAssignmentCounts: () => queue.activeAssignmentCounts(),
    crewAssignments: (limit) => queue.crewAssignments(limit),
    listNotes: (requestId) =>
      selectNotes.all(requestId).map((row) => ({
        noteId: row.note_id,
        body: row.body,
        visibility: row.visibility,
        author: row.author,
        createdAt: row.created_at,
        pending: row.pending === 1,
      })),
    listHistory: (requestId) =>
      selectHistory.all(requestId).map((row) => ({
        historyId: row.history_id,
        at: row.at,
        actor: row.actor,
        consoleId: row.console_id,
        action: row.action,
        detail: JSON.parse(row.detail) as Record<string, unknown>,
      })),
    getPlace: (requestId) => selectPlace.get(requestId) ?? null,
    openInBox: (box) => queue.openInBox(box),
    getDispatchView(requestId) {
      const row = selectDispatch.get(requestId);
      if (row === undefined) return null;

      return {
        serviceRequestId: row.service_request_id,
        status: row.status,
        workStatus: row.work_status,
        assignedCrewId: row.assigned_crew_id,
        mergedInto: row.merged_into,
        version: row.version,
        pending: row.pending === 1,
      };
    },
    listCrews: () => selectCrews.all().map(fromCrewRow),
    getCrew(crewId) {
      const row = selectCrew.get(crewId);
      return row === undefined ? null : fromCrewRow(row);
    },
  };
}
