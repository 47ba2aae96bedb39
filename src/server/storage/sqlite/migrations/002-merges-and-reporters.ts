// Schema version 2 of the central store: who reported a request through
// Open311 (kept on the server, shown to staff when requests are merged),
// and each merge with what it changed, so a supervisor can undo it.
export const addMergesAndReporters = `
CREATE TABLE reporters (
  request_id TEXT NOT NULL PRIMARY KEY,
  record TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE merges (
  merge_id INTEGER PRIMARY KEY,
  target_id TEXT NOT NULL,
  merged_at INTEGER NOT NULL,
  undone_at INTEGER,
  record TEXT NOT NULL
);
CREATE INDEX merges_target ON merges (target_id, merge_id);
`;
