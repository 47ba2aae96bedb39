// Schema version 4: the console's side of the staff sync protocol. The
// `requests` table stays the view the queue reads; `requests_confirmed`
// holds what the server last said, and the view is that with the pending
// intents replayed on top. Version 3's crews, notes, history and outbox
// were never written to; they are remade in the shapes the protocol sends.
export const createSyncTables = `
ALTER TABLE requests ADD COLUMN work_status TEXT NOT NULL DEFAULT 'open'
  CHECK (work_status IN ('open', 'assigned', 'in_progress', 'resolved',
    'closed'));
ALTER TABLE requests ADD COLUMN assigned_crew_id TEXT;
ALTER TABLE requests ADD COLUMN merged_into TEXT;
ALTER TABLE requests ADD COLUMN pending INTEGER NOT NULL DEFAULT 0
  CHECK (pending IN (0, 1));

CREATE TABLE requests_confirmed (
  service_request_id TEXT NOT NULL PRIMARY KEY,
  service_code TEXT NOT NULL,
  service_name TEXT NOT NULL,
  description TEXT,
  status TEXT NOT NULL,
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
  work_status TEXT NOT NULL,
  assigned_crew_id TEXT,
  merged_into TEXT,
  version INTEGER NOT NULL
) WITHOUT ROWID;

DROP TABLE crews;
CREATE TABLE crews (
  id TEXT NOT NULL PRIMARY KEY,
  name TEXT NOT NULL,
  depot TEXT NOT NULL,
  depot_lat REAL NOT NULL,
  depot_long REAL NOT NULL,
  last_lat REAL,
  last_long REAL,
  status TEXT NOT NULL
    CHECK (status IN ('available', 'en_route', 'on_site', 'off_shift')),
  queues_served TEXT NOT NULL CHECK (json_valid(queues_served)),
  shift_starts_at INTEGER NOT NULL,
  shift_ends_at INTEGER NOT NULL,
  version INTEGER NOT NULL,
  pending INTEGER NOT NULL DEFAULT 0 CHECK (pending IN (0, 1))
);

CREATE TABLE crews_confirmed (
  id TEXT NOT NULL PRIMARY KEY,
  record TEXT NOT NULL CHECK (json_valid(record)),
  version INTEGER NOT NULL
) WITHOUT ROWID;

DROP TABLE notes;
CREATE TABLE notes (
  note_id TEXT NOT NULL PRIMARY KEY,
  request_id TEXT NOT NULL,
  body TEXT NOT NULL,
  visibility TEXT NOT NULL CHECK (visibility IN ('internal', 'public')),
  author TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  pending INTEGER NOT NULL DEFAULT 0 CHECK (pending IN (0, 1))
);
CREATE INDEX notes_by_request ON notes (request_id, created_at);

DROP TABLE request_history;
CREATE TABLE request_history (
  history_id TEXT NOT NULL PRIMARY KEY,
  request_id TEXT NOT NULL,
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  console_id TEXT,
  action TEXT NOT NULL,
  detail TEXT NOT NULL CHECK (json_valid(detail))
);
CREATE INDEX request_history_by_request ON request_history (request_id, at);

-- seq comes from the gap-free counter in sync_state, never from a rowid
-- that a deleted row could hand out again.
DROP TABLE outbox;
CREATE TABLE outbox (
  seq INTEGER NOT NULL PRIMARY KEY CHECK (seq >= 1),
  intent_type TEXT NOT NULL,
  payload TEXT NOT NULL CHECK (json_valid(payload)),
  created_at INTEGER NOT NULL,
  state TEXT NOT NULL DEFAULT 'pending'
    CHECK (state IN ('pending', 'applied', 'rejected')),
  attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  last_error TEXT,
  resolved_at INTEGER
);
CREATE INDEX outbox_pending ON outbox (seq) WHERE state = 'pending';

-- The requests and crews each pending intent touches, so a change from the
-- server finds the intents to replay over it without reading every one.
CREATE TABLE outbox_targets (
  kind TEXT NOT NULL CHECK (kind IN ('request', 'crew')),
  target_id TEXT NOT NULL,
  seq INTEGER NOT NULL REFERENCES outbox (seq) ON DELETE CASCADE,
  PRIMARY KEY (kind, target_id, seq)
) WITHOUT ROWID;
CREATE INDEX outbox_targets_by_seq ON outbox_targets (seq);

CREATE TABLE conflicts (
  seq INTEGER NOT NULL PRIMARY KEY,
  intent_type TEXT NOT NULL,
  summary TEXT NOT NULL,
  reason TEXT NOT NULL,
  request_ids TEXT NOT NULL CHECK (json_valid(request_ids)),
  created_at INTEGER NOT NULL,
  rejected_at INTEGER NOT NULL,
  dismissed_at INTEGER
);
CREATE INDEX conflicts_open ON conflicts (seq) WHERE dismissed_at IS NULL;
`;
