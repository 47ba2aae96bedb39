// Schema version 3: the tables dispatch and sync build on: crews and their
// assignments, notes, each request's history, the outbox of intents not yet
// confirmed by the server, and the sync bookkeeping.
export const createDispatchTables = `
CREATE TABLE crews (
  id TEXT NOT NULL PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 64),
  name TEXT NOT NULL CHECK (length(name) > 0),
  depot TEXT,
  depot_lat REAL CHECK (depot_lat IS NULL OR depot_lat BETWEEN -90 AND 90),
  depot_long REAL
    CHECK (depot_long IS NULL OR depot_long BETWEEN -180 AND 180),
  status TEXT NOT NULL DEFAULT 'off_shift'
    CHECK (status IN ('on_shift', 'off_shift')),
  queues_served TEXT NOT NULL DEFAULT '[]'
    CHECK (json_valid(queues_served) AND json_type(queues_served) = 'array'),
  shift_starts_at INTEGER,
  shift_ends_at INTEGER,
  CHECK ((depot_lat IS NULL) = (depot_long IS NULL)),
  CHECK (shift_ends_at IS NULL OR shift_starts_at IS NULL
    OR shift_ends_at > shift_starts_at)
);

CREATE TABLE assignments (
  id INTEGER PRIMARY KEY,
  request_id TEXT NOT NULL
    REFERENCES requests (service_request_id) ON DELETE CASCADE,
  crew_id TEXT NOT NULL REFERENCES crews (id),
  assigned_at INTEGER NOT NULL,
  by_user TEXT NOT NULL CHECK (length(by_user) > 0),
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);

-- A request has at most one crew working on it at a time.
CREATE UNIQUE INDEX assignments_one_active_per_request
  ON assignments (request_id) WHERE active = 1;

CREATE INDEX assignments_by_crew ON assignments (crew_id) WHERE active = 1;

CREATE TABLE notes (
  id INTEGER PRIMARY KEY,
  request_id TEXT NOT NULL
    REFERENCES requests (service_request_id) ON DELETE CASCADE,
  body TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 10000),
  visibility TEXT NOT NULL CHECK (visibility IN ('internal', 'public')),
  author TEXT NOT NULL CHECK (length(author) > 0),
  created_at INTEGER NOT NULL
);

CREATE INDEX notes_by_request ON notes (request_id, created_at);

CREATE TABLE request_history (
  id INTEGER PRIMARY KEY,
  request_id TEXT NOT NULL
    REFERENCES requests (service_request_id) ON DELETE CASCADE,
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  console_id TEXT,
  action TEXT NOT NULL CHECK (length(action) > 0),
  detail TEXT CHECK (detail IS NULL OR json_valid(detail))
);

CREATE INDEX request_history_by_request ON request_history (request_id, at);

CREATE TABLE outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  console_id TEXT NOT NULL CHECK (length(console_id) > 0),
  intent_type TEXT NOT NULL CHECK (length(intent_type) > 0),
  payload TEXT NOT NULL CHECK (json_valid(payload)),
  created_at INTEGER NOT NULL,
  state TEXT NOT NULL DEFAULT 'pending'
    CHECK (state IN ('pending', 'applied', 'rejected')),
  attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  last_error TEXT
);

CREATE INDEX outbox_pending ON outbox (seq) WHERE state = 'pending';

CREATE TABLE sync_state (
  key TEXT NOT NULL PRIMARY KEY,
  value TEXT NOT NULL
);
`;
