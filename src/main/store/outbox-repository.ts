// The outbox of intents and the conflicts list. An intent's optimistic
// effect and its outbox row are written in one transaction, with a seq
// from the gap-free counter in sync_state.
import type { Intent } from '../../shared/sync-protocol';
import { intentTargets } from '../sync/replay-intent';
import type { SqliteDatabase } from './database';
import { createSyncStateRepository } from './sync-state-repository';
import type { ViewRefresh } from './view-refresh';

export type OutboxRow = {
  seq: number;
  intent_type: string;
  payload: string;
  created_at: number;
  state: 'pending' | 'applied' | 'rejected';
  attempts: number;
  last_error: string | null;
};

export type ConflictRow = {
  seq: number;
  intentType: string;
  summary: string;
  reason: string;
  requestIds: string[];
  createdAt: number;
  rejectedAt: number;
};

export type IntentOutcome =
  | { outcome: 'applied' }
  | { outcome: 'rejected'; reason: string; summary: string };

export type OutboxRepository = {
  /**
   * Gives `make` the next seq, and stores the intent it returns with its
   * optimistic effect, in one transaction. If `make` throws, nothing is
   * stored and the seq is not used.
   */
  recordIntent(make: (seq: number) => Intent, author: string): Intent;
  /** Pending intents in seq order, from `fromSeq` on. */
  pendingIntents(limit: number, fromSeq?: number): OutboxRow[];
  /** Every stored intent from `fromSeq` on, whatever its state. */
  intentsFrom(fromSeq: number, limit: number): OutboxRow[];
  resolveIntent(seq: number, outcome: IntentOutcome, at: number): void;
  noteAttempt(seqs: readonly number[], error: string | null): void;
  outboxDepth(): number;
  oldestPendingAt(): number | null;
  listConflicts(): ConflictRow[];
  dismissConflict(seq: number, at: number): boolean;
  /** Forgets resolved intents, keeping the newest `keep`. */
  pruneResolved(keep: number): void;
};

type StoredConflict = {
  seq: number;
  intent_type: string;
  summary: string;
  reason: string;
  request_ids: string;
  created_at: number;
  rejected_at: number;
};

export function createOutboxRepository(
  db: SqliteDatabase,
  view: ViewRefresh,
): OutboxRepository {
  const state = createSyncStateRepository(db);

  const insertIntent = db.prepare<[number, string, string, number]>(
    `INSERT INTO outbox (seq, intent_type, payload, created_at)
     VALUES (?, ?, ?, ?)`,
  );
  const insertTarget = db.prepare<[string, string, number]>(
    'INSERT OR IGNORE INTO outbox_targets (kind, target_id, seq) VALUES (?, ?, ?)',
  );
  const insertPendingNote = db.prepare(
    `INSERT INTO notes (note_id, request_id, body, visibility, author,
       created_at, pending)
     VALUES (?, ?, ?, ?, ?, ?, 1)`,
  );
  const selectPending = db.prepare<[number, number], OutboxRow>(
    `SELECT * FROM outbox WHERE state = 'pending' AND seq >= ?
     ORDER BY seq LIMIT ?`,
  );
  const selectFrom = db.prepare<[number, number], OutboxRow>(
    'SELECT * FROM outbox WHERE seq >= ? ORDER BY seq LIMIT ?',
  );
  const selectOne = db.prepare<[number], OutboxRow>(
    'SELECT * FROM outbox WHERE seq = ?',
  );
  const selectTargets = db.prepare<
    [number],
    { kind: 'request' | 'crew'; target_id: string }
  >('SELECT kind, target_id FROM outbox_targets WHERE seq = ?');
  const deleteTargets = db.prepare<[number]>(
    'DELETE FROM outbox_targets WHERE seq = ?',
  );
  const setState = db.prepare<[string, string | null, number, number]>(
    'UPDATE outbox SET state = ?, last_error = ?, resolved_at = ? WHERE seq = ?',
  );
  const bumpAttempts = db.prepare<[string | null, number]>(
    'UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE seq = ?',
  );
  const confirmNote = db.prepare<[string]>(
    'UPDATE notes SET pending = 0 WHERE note_id = ?',
  );
  const dropPendingNote = db.prepare<[string]>(
    'DELETE FROM notes WHERE note_id = ? AND pending = 1',
  );
  const upsertConflict = db.prepare(
    `INSERT OR REPLACE INTO conflicts (seq, intent_type, summary, reason,
       request_ids, created_at, rejected_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const depth = db
    .prepare<[], number>("SELECT count(*) FROM outbox WHERE state = 'pending'")
    .pluck();
  const oldest = db
    .prepare<[], number | null>(
      "SELECT min(created_at) FROM outbox WHERE state = 'pending'",
    )
    .pluck();
  const selectConflicts = db.prepare<[], StoredConflict>(
    `SELECT * FROM conflicts WHERE dismissed_at IS NULL ORDER BY seq DESC`,
  );
  const dismiss = db.prepare<[number, number]>(
    `UPDATE conflicts SET dismissed_at = ?
     WHERE seq = ? AND dismissed_at IS NULL`,
  );
  const latestPendingChange = db
    .prepare<[string], number | null>(
      `SELECT max(t.seq) FROM outbox_targets t JOIN outbox o ON o.seq = t.seq
       WHERE t.kind = 'request' AND t.target_id = ? AND o.state = 'pending'
         AND o.intent_type IN ('assign', 'unassign', 'set_status', 'merge')`,
    )
    .pluck();
  const prune = db.prepare<[number]>(
    `DELETE FROM outbox WHERE state <> 'pending' AND seq <
       (SELECT min(seq) FROM (SELECT seq FROM outbox WHERE state <> 'pending'
        ORDER BY seq DESC LIMIT ?))`,
  );

  const refreshTargets = (targets: { kind: string; target_id: string }[]) => {
    for (const target of targets) {
      if (target.kind === 'crew') view.refreshCrew(target.target_id);
      else view.refreshRequest(target.target_id);
    }
  };

  const recordIntent = db.transaction(
    (make: (seq: number) => Intent, author: string) => {
      const seq = state.getNumber('next_intent_seq', 1);
      const intent = make(seq);
      state.setNumber('next_intent_seq', seq + 1);

      // Its expected version counts the user's unconfirmed changes to the
      // same requests; name the latest, so that if the server refuses that
      // one it refuses this one too.
      if (dependsOnVersion(intent)) {
        const earlier = intentTargets(intent)
          .requests.map((id) => latestPendingChange.get(id) ?? null)
          .filter((found): found is number => found !== null);
        if (earlier.length > 0) intent.dependsOnSeq = Math.max(...earlier);
      }

      insertIntent.run(
        seq,
        intent.type,
        JSON.stringify(intent),
        intent.createdAt,
      );
      const targets = intentTargets(intent);
      for (const id of targets.requests) insertTarget.run('request', id, seq);
      for (const id of targets.crews) insertTarget.run('crew', id, seq);

      if (intent.type === 'add_note') {
        insertPendingNote.run(
          intent.noteId,
          intent.requestId,
          intent.body,
          intent.visibility,
          author,
          intent.createdAt,
        );
      }

      for (const id of targets.requests) view.refreshRequest(id);
      for (const id of targets.crews) view.refreshCrew(id);
      return intent;
    },
  );

  const resolveIntent = db.transaction(
    (seq: number, outcome: IntentOutcome, at: number) => {
      const row = selectOne.get(seq);
      if (row === undefined) return;

      const intent = JSON.parse(row.payload) as Intent;
      const targets = selectTargets.all(seq);
      deleteTargets.run(seq);

      if (outcome.outcome === 'applied') {
        setState.run('applied', null, at, seq);
        if (intent.type === 'add_note') confirmNote.run(intent.noteId);
      } else {
        setState.run('rejected', outcome.reason, at, seq);
        if (intent.type === 'add_note') dropPendingNote.run(intent.noteId);
        upsertConflict.run(
          seq,
          row.intent_type,
          outcome.summary,
          outcome.reason,
          JSON.stringify(intentTargets(intent).requests),
          row.created_at,
          at,
        );
      }

      refreshTargets(targets);
    },
  );

  const noteAttempt = db.transaction(
    (seqs: readonly number[], error: string | null) => {
      for (const seq of seqs) bumpAttempts.run(error, seq);
    },
  );

  return {
    recordIntent: (make, author) => recordIntent(make, author),
    pendingIntents: (limit, fromSeq = 1) => selectPending.all(fromSeq, limit),
    intentsFrom: (fromSeq, limit) => selectFrom.all(fromSeq, limit),
    resolveIntent: (seq, outcome, at) => resolveIntent(seq, outcome, at),
    noteAttempt: (seqs, error) => noteAttempt(seqs, error),
    outboxDepth: () => depth.get() ?? 0,
    oldestPendingAt: () => oldest.get() ?? null,
    listConflicts: () =>
      selectConflicts.all().map((row) => ({
        seq: row.seq,
        intentType: row.intent_type,
        summary: row.summary,
        reason: row.reason,
        requestIds: JSON.parse(row.request_ids) as string[],
        createdAt: row.created_at,
        rejectedAt: row.rejected_at,
      })),
    dismissConflict: (seq, at) => dismiss.run(at, seq).changes > 0,
    pruneResolved(keep) {
      prune.run(keep);
    },
  };
}

/** Intents the server checks against the version the user saw. */
function dependsOnVersion(intent: Intent): boolean {
  return (
    intent.type === 'assign' ||
    intent.type === 'unassign' ||
    intent.type === 'set_status' ||
    intent.type === 'merge'
  );
}
