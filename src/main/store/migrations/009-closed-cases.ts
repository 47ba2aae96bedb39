// Schema version 9: requests closed in the last days, as duplicate finding
// reads them. A new report of a problem a crew fixed yesterday is most
// often the same problem back, or a late report of the old one; the
// console keeps these candidates across a restart and a reload, which
// drop closed requests from the local copy of open ones.
export const createClosedCases = `
CREATE TABLE closed_cases (
  request_id TEXT NOT NULL PRIMARY KEY
    CHECK (length(request_id) BETWEEN 1 AND 64),
  type TEXT NOT NULL,
  lat REAL,
  long REAL,
  address TEXT,
  description TEXT,
  opened_at INTEGER NOT NULL,
  closed_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX closed_cases_by_close ON closed_cases (closed_at);
`;
