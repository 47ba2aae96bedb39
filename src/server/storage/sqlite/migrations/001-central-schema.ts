// Schema version 1 of the central store: the synced records (requests,
// crews, notes, history), the gap-free change feed, each console's intent
// progress and outcomes, and staff accounts, sessions and Open311 keys.
export const createCentralSchema = `
CREATE TABLE requests (
  service_request_id TEXT NOT NULL PRIMARY KEY,
  service_code TEXT NOT NULL,
  service_name TEXT NOT NULL,
  description TEXT,
  status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
  status_notes TEXT,
  agency_responsible TEXT,
  requested_at INTEGER NOT NULL,
  updated_at INTEGER,
  sla_due_at INTEGER,
  closed_at INTEGER,
  address TEXT,
  zipcode TEXT,
  lat REAL,
  long REAL,
  media_url TEXT,
  queue TEXT,
  department TEXT,
  neighborhood TEXT,
  source TEXT,
  closure_reason TEXT,
  work_status TEXT NOT NULL CHECK (work_status IN
    ('open', 'assigned', 'in_progress', 'resolved', 'closed')),
  assigned_crew_id TEXT,
  merged_into TEXT,
  version INTEGER NOT NULL CHECK (version >= 1),
  -- The checksum bucket of the id, kept so a bucket resync is one range.
  bucket INTEGER NOT NULL CHECK (bucket BETWEEN 0 AND 63),
  -- The whole request as JSON, as the wire carries it: snapshot pages are
  -- sent without building and encoding 5,000 objects each.
  record TEXT NOT NULL
) WITHOUT ROWID;

CREATE INDEX requests_open_bucket ON requests (bucket, service_request_id)
  WHERE status = 'open';
CREATE INDEX requests_service ON requests (service_code, requested_at);
CREATE INDEX requests_requested ON requests (requested_at);
CREATE INDEX requests_updated ON requests (updated_at);

CREATE TABLE crews (
  crew_id TEXT NOT NULL PRIMARY KEY,
  record TEXT NOT NULL,
  version INTEGER NOT NULL CHECK (version >= 1)
);

CREATE TABLE notes (
  note_id TEXT NOT NULL PRIMARY KEY,
  request_id TEXT NOT NULL,
  record TEXT NOT NULL
);
CREATE INDEX notes_request ON notes (request_id);

CREATE TABLE history (
  history_id INTEGER PRIMARY KEY,
  request_id TEXT NOT NULL,
  record TEXT NOT NULL
);
CREATE INDEX history_request ON history (request_id, history_id);

-- seq is max + 1, assigned inside the writing transaction: no gaps.
CREATE TABLE changes (
  seq INTEGER NOT NULL PRIMARY KEY,
  kind TEXT NOT NULL,
  record TEXT NOT NULL
);

CREATE TABLE console_progress (
  console_id TEXT NOT NULL PRIMARY KEY,
  last_seq INTEGER NOT NULL CHECK (last_seq >= 0)
) WITHOUT ROWID;

CREATE TABLE intent_outcomes (
  console_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('applied', 'rejected', 'retryable')),
  reason TEXT,
  PRIMARY KEY (console_id, seq)
) WITHOUT ROWID;

CREATE TABLE users (
  user_id TEXT NOT NULL PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('dispatcher', 'supervisor', 'admin')),
  password_hash TEXT NOT NULL,
  created_at INTEGER NOT NULL
);

CREATE TABLE sessions (
  token_hash TEXT NOT NULL PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
  expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_expiry ON sessions (expires_at);

CREATE TABLE api_keys (
  key_hash TEXT NOT NULL PRIMARY KEY,
  key_id TEXT NOT NULL UNIQUE,
  label TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
`;
