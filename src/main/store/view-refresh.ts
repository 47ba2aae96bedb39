// Keeps the view (`requests`, `crews`) equal to confirmed server state with
// the pending intents replayed on top. A request with pending intents has
// its replayed row in `requests_pending`, which the `requests` view shows
// instead of the confirmed one (migration 7); every other request is shown
// as confirmed. Called inside the writer's transaction whenever either
// side changes; each request it touches is reported to `changed`, so the
// in-memory queue index can follow.
import {
  crewSchema,
  intentSchema,
  type Crew,
  type Intent,
} from '../../shared/sync-protocol';
import { replayOnCrew, replayOnRequest } from '../sync/replay-intent';
import { crewColumns, crewValues } from './crew-row';
import type { SqliteDatabase } from './database';
import {
  fromConfirmedRow,
  syncRequestColumns,
  viewValues,
  type ConfirmedRow,
} from './sync-request-row';

export type ViewRefresh = {
  refreshRequest(id: string): void;
  refreshCrew(id: string): void;
  /** A confirmed request changed that is known to have no pending intent. */
  confirmedChanged(id: string): void;
  hasPending(kind: 'request' | 'crew', id: string): boolean;
  /** Remakes every pending request's row, after confirmed state was replaced. */
  rebuildAllRequests(): void;
  rebuildAllCrews(): void;
};

export type ViewListener = {
  /** The view row of this request may have changed. */
  changed(id: string): void;
};

const marks = (count: number) => new Array<string>(count).fill('?').join(', ');

const pendingUpsertSql = `
  INSERT OR REPLACE INTO requests_pending (${syncRequestColumns.join(', ')})
  VALUES (${marks(syncRequestColumns.length)})`;

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

export function createViewRefresh(
  db: SqliteDatabase,
  listener: ViewListener,
): ViewRefresh {
  const selectConfirmed = db.prepare<[string], ConfirmedRow>(
    `SELECT ${syncRequestColumns.join(', ')} FROM requests_confirmed
     WHERE service_request_id = ?`,
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
  const upsertPending = db.prepare(pendingUpsertSql);
  const deletePending = db.prepare<[string]>(
    'DELETE FROM requests_pending WHERE service_request_id = ?',
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
  const selectCrewIds = db
    .prepare<[], string>('SELECT id FROM crews_confirmed')
    .pluck();

  const refreshRequest = (id: string) => {
    listener.changed(id);
    const row = selectConfirmed.get(id);
    const intents =
      row === undefined ? [] : parsePayloads(selectPending.all('request', id));
    if (intents.length === 0) {
      deletePending.run(id);
      return;
    }

    let request = fromConfirmedRow(row!);
    for (const intent of intents) request = replayOnRequest(request, intent);
    upsertPending.run(viewValues(request));
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
    confirmedChanged: (id) => listener.changed(id),
    hasPending: (kind, id) => anyPending.get(kind, id) !== undefined,
    rebuildAllRequests() {
      db.exec('DELETE FROM requests_pending');
      for (const id of selectPendingRequests.all()) refreshRequest(id);
    },
    rebuildAllCrews() {
      db.exec('DELETE FROM crews');
      for (const id of selectCrewIds.all()) refreshCrew(id);
    },
  };
}
