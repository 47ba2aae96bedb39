// Reads of the dispatch view: a request's dispatch state and the crews, as
// the user sees them (confirmed state with pending intents on top).
import type { Crew, WorkStatus } from '../../shared/sync-protocol';
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

export type DispatchViewRepository = {
  getDispatchView(requestId: string): RequestDispatchView | null;
  listCrews(): CrewView[];
  getCrew(crewId: string): CrewView | null;
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

export function createDispatchViewRepository(
  db: SqliteDatabase,
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

  return {
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
