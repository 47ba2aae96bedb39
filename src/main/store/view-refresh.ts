// Rebuilds view rows (`requests`, `crews`) from confirmed server state with
// the pending intents replayed on top. Called inside the writer's
// transaction whenever either side changes.
import {
  crewSchema,
  intentSchema,
  type Crew,
  type Intent,
} from '../../shared/sync-protocol';
import { replayOnCrew, replayOnRequest } from '../sync/replay-intent';
import { crewColumns, crewValues } from './crew-row';
import type { SqliteDatabase } from './database';
import { rebuildSearchIndex } from './search-index';
import {
  fromConfirmedRow,
  syncRequestColumns,
  viewValues,
  type ConfirmedRow,
} from './sync-request-row';

export type ViewRefresh = {
  refreshRequest(id: string): void;
  refreshCrew(id: string): void;
  /** The view row from a confirmed record known to have no pending intent. */
  writeRequestView: (values: ReturnType<typeof viewValues>) => void;
  hasPending(kind: 'request' | 'crew', id: string): boolean;
  /** Replaces the whole requests view from confirmed state. */
  rebuildAllRequests(): void;
  rebuildAllCrews(): void;
};

const marks = (count: number) => new Array<string>(count).fill('?').join(', ');

const viewUpsertSql = `
  INSERT INTO requests (${syncRequestColumns.join(', ')}, pending)
  VALUES (${marks(syncRequestColumns.length + 1)})
  ON CONFLICT (service_request_id) DO UPDATE SET
    ${[...syncRequestColumns.slice(1), 'pending']
      .map((column) => `${column} = excluded.${column}`)
      .join(', ')}`;

// The SQL twin of viewValues(), for rebuilding every row in one statement.
const viewFromConfirmedSql = `
  INSERT INTO requests (${syncRequestColumns.join(', ')}, pending)
  SELECT service_request_id,
    CASE WHEN service_code = '' THEN 'unknown' ELSE service_code END,
    CASE WHEN service_name <> '' THEN service_name
      WHEN service_code <> '' THEN service_code ELSE 'Unknown service' END,
    description, status, status_notes, agency_responsible, requested_at,
    updated_at, sla_due_at,
    CASE WHEN status = 'closed' THEN max(closed_at, requested_at) END,
    address, zipcode,
    CASE WHEN lat IS NULL OR long IS NULL THEN NULL ELSE lat END,
    CASE WHEN lat IS NULL OR long IS NULL THEN NULL ELSE long END,
    media_url, queue, department, neighborhood, source, closure_reason,
    work_status, assigned_crew_id, merged_into, version, 0
  FROM requests_confirmed`;

function parsePayloads(payloads: string[]): Intent[] {
  const intents: Intent[] = [];
  for (const payload of payloads) {
    // A stored intent that no longer reads is left out of the view; the
    // engine reports it when it tries to send it.
    const parsed = intentSchema.safeParse(JSON.parse(payload));
    if (parsed.success) intents.push(parsed.data);
  }
  return intents;
}

export function createViewRefresh(db: SqliteDatabase): ViewRefresh {
  const selectConfirmed = db.prepare<[string], ConfirmedRow>(
    'SELECT * FROM requests_confirmed WHERE service_request_id = ?',
  );
  const selectPending = db
    .prepare<[string, string], string>(
      `SELECT o.payload FROM outbox_targets AS t
       JOIN outbox AS o ON o.seq = t.seq
       WHERE t.kind = ? AND t.target_id = ? AND o.state = 'pending'
       ORDER BY t.seq`,
    )
    .pluck();
  const anyPending = db
    .prepare<[string, string], number>(
      'SELECT 1 FROM outbox_targets WHERE kind = ? AND target_id = ? LIMIT 1',
    )
    .pluck();
  const upsertView = db.prepare(viewUpsertSql);
  const deleteView = db.prepare<[string]>(
    'DELETE FROM requests WHERE service_request_id = ?',
  );

  const selectCrew = db
    .prepare<[string], string>(
      'SELECT record FROM crews_confirmed WHERE id = ?',
    )
    .pluck();
  const upsertCrew = db.prepare(
    `INSERT OR REPLACE INTO crews (${crewColumns.join(', ')})
     VALUES (${marks(crewColumns.length)})`,
  );
  const deleteCrew = db.prepare<[string]>('DELETE FROM crews WHERE id = ?');
  const selectPendingRequests = db
    .prepare<[], string>(
      "SELECT DISTINCT target_id FROM outbox_targets WHERE kind = 'request'",
    )
    .pluck();
  // The view's own indexes (not the primary key's, which has no SQL) and
  // the triggers that keep its search index up to date.
  const selectViewIndexes = db.prepare<
    [],
    { type: 'index' | 'trigger'; name: string; sql: string }
  >(
    `SELECT type, name, sql FROM sqlite_schema
     WHERE type IN ('index', 'trigger') AND tbl_name = 'requests'
       AND sql IS NOT NULL`,
  );
  const selectCrewIds = db
    .prepare<[], string>('SELECT id FROM crews_confirmed')
    .pluck();

  const refreshRequest = (id: string) => {
    const row = selectConfirmed.get(id);
    if (row === undefined) {
      deleteView.run(id);
      return;
    }

    let request = fromConfirmedRow(row);
    const intents = parsePayloads(selectPending.all('request', id));
    for (const intent of intents) request = replayOnRequest(request, intent);
    upsertView.run([...viewValues(request), intents.length > 0 ? 1 : 0]);
  };

  const refreshCrew = (id: string) => {
    const record = selectCrew.get(id);
    if (record === undefined) {
      deleteCrew.run(id);
      return;
    }

    let crew: Crew = crewSchema.parse(JSON.parse(record));
    const intents = parsePayloads(selectPending.all('crew', id));
    for (const intent of intents) crew = replayOnCrew(crew, intent);
    upsertCrew.run(crewValues(crew, intents.length > 0));
  };

  return {
    refreshRequest,
    refreshCrew,
    writeRequestView: (values) => upsertView.run([...values, 0]),
    hasPending: (kind, id) => anyPending.get(kind, id) !== undefined,
    rebuildAllRequests() {
      // Building the queue's indexes once over the loaded rows is about
      // twice as fast as keeping them up to date row by row, and the search
      // index far faster. The caller's transaction makes the drop and the
      // rebuild one step.
      const indexes = selectViewIndexes.all();
      for (const index of indexes) {
        db.exec(`DROP ${index.type.toUpperCase()} "${index.name}"`);
      }
      db.exec('DELETE FROM requests');
      db.exec(viewFromConfirmedSql);
      for (const index of indexes) db.exec(index.sql);
      rebuildSearchIndex(db);

      for (const id of selectPendingRequests.all()) refreshRequest(id);
    },
    rebuildAllCrews() {
      db.exec('DELETE FROM crews');
      for (const id of selectCrewIds.all()) refreshCrew(id);
    },
  };
}
