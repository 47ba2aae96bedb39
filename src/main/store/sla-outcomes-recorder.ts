// Keeps a closed request's SLA facts (type, queue, due time) when its
// tombstone removes it from the confirmed state, so the SLA statistics
// can still count it: see migration 006.
import type { SqliteDatabase } from './database';

/** Call before the tombstone's delete, in the same transaction. */
export type RecordSlaClose = (requestId: string, version: number) => void;

export function createSlaOutcomeRecorder(db: SqliteDatabase): RecordSlaClose {
  // Same version rule as the delete: an older tombstone changes nothing.
  const record = db.prepare<[string, number]>(
    `INSERT OR REPLACE INTO sla_outcomes (request_id, service_name, queue,
       requested_at, sla_due_at, last_updated_at)
     SELECT service_request_id, service_name, queue, requested_at,
       sla_due_at, updated_at
     FROM requests_confirmed
     WHERE service_request_id = ? AND version <= ? AND sla_due_at IS NOT NULL
       AND merged_into IS NULL`,
  );

  return (requestId, version) => {
    record.run(requestId, version);
  };
}
