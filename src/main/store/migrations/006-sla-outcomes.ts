// Schema version 6: what the SLA statistics need to remember about closed
// requests. A close arrives as a `request_removed` tombstone that carries
// only the id, and the request then leaves requests_confirmed and the view;
// without this table the console could not tell a request closed on time
// from one closed late. One row per request closed with an SLA, copied from
// its last confirmed state as the tombstone lands. The close time itself
// is read from request_history (the status_changed entry the server writes
// in the same transaction), with the last confirmed update as a fallback.
export const createSlaOutcomes = `
CREATE TABLE sla_outcomes (
  request_id TEXT NOT NULL PRIMARY KEY,
  service_name TEXT NOT NULL,
  queue TEXT,
  requested_at INTEGER NOT NULL,
  sla_due_at INTEGER NOT NULL,
  last_updated_at INTEGER
) WITHOUT ROWID;

CREATE INDEX sla_outcomes_by_due ON sla_outcomes (sla_due_at);
`;
