// The central store's writes on SQLite, synchronous, to be run inside a
// transaction. Every write to a synced record appends its change here, so
// no caller can forget the feed.
import {
  crewSchema,
  type Change,
  type Crew,
  type HistoryEntry,
  type SyncRequest,
} from '../../../shared/sync-protocol';
import {
  InvalidRecordError,
  MissingRecordError,
  type CentralWrites,
  type NewRequest,
} from '../central-store';
import type { CentralDatabase } from './open-central-database';
import type { Immediate } from './sqlite-reads';
import {
  requestColumnList,
  requestPlaceholders,
  requestValues,
  wireRequest,
} from './request-rows';

type ChangeBody = Change extends infer C
  ? C extends { seq: number }
    ? Omit<C, 'seq'>
    : never
  : never;

/** Hands out the next feed seq; reset when a transaction ends. */
export type SeqCounter = {
  next(): number;
  /** Whether the current transaction appended changes, and up to where. */
  appendedUpTo(): number | null;
  reset(): void;
};

export function createSeqCounter(db: CentralDatabase): SeqCounter {
  const lastSeq = db.prepare<[], { seq: number }>(
    'SELECT coalesce(max(seq), 0) AS seq FROM changes',
  );
  let last: number | null = null;
  let appended = false;

  return {
    next() {
      last ??= lastSeq.get()?.seq ?? 0;
      last += 1;
      appended = true;
      return last;
    },
    appendedUpTo: () => (appended ? last : null),
    reset() {
      last = null;
      appended = false;
    },
  };
}

export function createSqliteWrites(
  db: CentralDatabase,
  seqs: SeqCounter,
): Immediate<CentralWrites> {
  const insertChange = db.prepare<[number, string, string]>(
    'INSERT INTO changes (seq, kind, record) VALUES (?, ?, ?)',
  );
  const insertRequest = db.prepare(
    `INSERT INTO requests (${requestColumnList})
     VALUES (${requestPlaceholders})`,
  );
  const replaceRequest = db.prepare(
    `REPLACE INTO requests (${requestColumnList})
     VALUES (${requestPlaceholders})`,
  );
  const getRequest = db.prepare<[string], { record: string }>(
    'SELECT record FROM requests WHERE service_request_id = ?',
  );
  const insertCrew = db.prepare<[string, string, number]>(
    'INSERT INTO crews (crew_id, record, version) VALUES (?, ?, ?)',
  );
  const getCrew = db.prepare<[string], { record: string }>(
    'SELECT record FROM crews WHERE crew_id = ?',
  );
  const updateCrew = db.prepare<[string, number, string]>(
    'UPDATE crews SET record = ?, version = ? WHERE crew_id = ?',
  );
  const insertNote = db.prepare<[string, string, string]>(
    'INSERT INTO notes (note_id, request_id, record) VALUES (?, ?, ?)',
  );
  const nextHistoryId = db.prepare<[], { id: number }>(
    'SELECT coalesce(max(history_id), 0) + 1 AS id FROM history',
  );
  const insertHistory = db.prepare<[number, string, string]>(
    'INSERT INTO history (history_id, request_id, record) VALUES (?, ?, ?)',
  );
  const insertOutcome = db.prepare<[string, number, string, string | null]>(
    `INSERT INTO intent_outcomes (console_id, seq, outcome, reason)
     VALUES (?, ?, ?, ?)`,
  );
  const saveProgress = db.prepare<[string, number]>(
    `INSERT INTO console_progress (console_id, last_seq) VALUES (?, ?)
     ON CONFLICT (console_id) DO UPDATE SET last_seq = excluded.last_seq`,
  );
  const insertUser = db.prepare<[string, string, string, string, number]>(
    `INSERT INTO users (user_id, name, role, password_hash, created_at)
     VALUES (?, ?, ?, ?, ?)`,
  );
  const insertSession = db.prepare<[string, string, number]>(
    'INSERT INTO sessions (token_hash, user_id, expires_at) VALUES (?, ?, ?)',
  );
  const deleteSession = db.prepare<[string]>(
    'DELETE FROM sessions WHERE token_hash = ?',
  );
  const deleteExpired = db.prepare<[number]>(
    'DELETE FROM sessions WHERE expires_at <= ?',
  );
  const insertApiKey = db.prepare<[string, string, string, number]>(
    `INSERT INTO api_keys (key_hash, key_id, label, created_at)
     VALUES (?, ?, ?, ?)`,
  );

  const insertReporter = db.prepare<[string, string]>(
    `INSERT OR REPLACE INTO reporters (request_id, record) VALUES (?, ?)`,
  );
  const insertMerge = db.prepare<[string, number, string]>(
    'INSERT INTO merges (target_id, merged_at, record) VALUES (?, ?, ?)',
  );
  const markMergeUndone = db.prepare<[number, number]>(
    'UPDATE merges SET undone_at = ? WHERE merge_id = ?',
  );
  const saveSlaRuleChange = db.prepare<
    [string, string, string, string, number]
  >(
    `INSERT OR REPLACE INTO sla_rule_changes
       (service_code, service_name, rule, changed_by, changed_at)
     VALUES (?, ?, ?, ?, ?)`,
  );

  const append = (body: ChangeBody) => {
    const seq = seqs.next();
    insertChange.run(seq, body.kind, JSON.stringify({ seq, ...body }));
  };

  /**
   * Writes the request row and its change: the full request while open
   * (reusing its JSON), a tombstone once it is not.
   */
  const writeRequest = (
    statement: typeof insertRequest,
    record: SyncRequest,
  ): SyncRequest => {
    const request = wireRequest(record);
    const json = JSON.stringify(request);
    statement.run(requestValues(request, json));

    if (request.status === 'open') {
      const seq = seqs.next();
      insertChange.run(
        seq,
        'request',
        `{"seq":${seq},"kind":"request","request":${json}}`,
      );
      return request;
    }
    append({
      kind: 'request_removed',
      requestId: request.serviceRequestId,
      reason: request.mergedInto === null ? 'closed' : 'merged',
      version: request.version,
    });
    return request;
  };

  return {
    insertRequests(requests: readonly NewRequest[]) {
      return requests.map((fields) => {
        return writeRequest(insertRequest, { ...fields, version: 1 });
      });
    },
    updateRequest(id, patch) {
      const row = getRequest.get(id);
      if (row === undefined) {
        throw new MissingRecordError(`Request ${id} does not exist.`);
      }
      const current = JSON.parse(row.record) as SyncRequest;
      const next: SyncRequest = {
        ...current,
        ...patch,
        serviceRequestId: id,
        version: current.version + 1,
      };
      return writeRequest(replaceRequest, next);
    },

    insertCrews(crews) {
      return crews.map((fields) => {
        const crew = wireCrew({ ...fields, version: 1 });
        insertCrew.run(crew.crewId, JSON.stringify(crew), 1);
        append({ kind: 'crew', crew });
        return crew;
      });
    },
    updateCrew(id, patch) {
      const row = getCrew.get(id);
      if (row === undefined) {
        throw new MissingRecordError(`Crew ${id} does not exist.`);
      }
      const current = JSON.parse(row.record) as Crew;
      const crew = wireCrew({
        ...current,
        ...patch,
        crewId: id,
        version: current.version + 1,
      });
      updateCrew.run(JSON.stringify(crew), crew.version, id);
      append({ kind: 'crew', crew });
      return crew;
    },

    insertNote(note) {
      insertNote.run(note.noteId, note.requestId, JSON.stringify(note));
      append({ kind: 'note', note });
    },
    insertHistory(fields) {
      const number = nextHistoryId.get()?.id ?? 1;
      const entry: HistoryEntry = { historyId: `H${number}`, ...fields };
      insertHistory.run(number, entry.requestId, JSON.stringify(entry));
      append({ kind: 'history', entry });
      return entry;
    },

    recordIntentOutcome(consoleId, result) {
      const reason = result.outcome === 'applied' ? null : result.reason;
      insertOutcome.run(consoleId, result.seq, result.outcome, reason);
      saveProgress.run(consoleId, result.seq);
    },

    insertUser(user, createdAt) {
      insertUser.run(
        user.userId,
        user.name,
        user.role,
        user.passwordHash,
        createdAt,
      );
    },
    insertSession(tokenHash, userId, expiresAt) {
      insertSession.run(tokenHash, userId, expiresAt);
    },
    deleteSession(tokenHash) {
      deleteSession.run(tokenHash);
    },
    deleteExpiredSessions(now) {
      deleteExpired.run(now);
    },
    insertReporter(requestId, reporter) {
      insertReporter.run(requestId, JSON.stringify(reporter));
    },
    insertMerge(merge) {
      const { targetId, mergedAt, undoneAt: _undoneAt, ...rest } = merge;
      const { lastInsertRowid } = insertMerge.run(
        targetId,
        mergedAt,
        JSON.stringify({ targetId, ...rest }),
      );
      return { ...merge, mergeId: Number(lastInsertRowid) };
    },
    markMergeUndone(mergeId, at) {
      markMergeUndone.run(at, mergeId);
    },
    saveSlaRuleChange(change) {
      saveSlaRuleChange.run(
        change.serviceCode,
        change.serviceName,
        change.rule,
        change.changedBy,
        change.changedAt,
      );
    },
    insertApiKey(keyHash, record) {
      insertApiKey.run(keyHash, record.keyId, record.label, record.createdAt);
    },
  };
}

function wireCrew(crew: Crew): Crew {
  const checked = crewSchema.safeParse(crew);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new InvalidRecordError(
      `Crew ${String(crew.crewId).slice(0, 64)} cannot be stored: ` +
        `${issue?.path.join('.') ?? 'a field'} ${issue?.message ?? 'is invalid'}.`,
    );
  }
  return checked.data;
}
