// Schema version 1: the service requests (Open311 GeoReport v2 fields plus
// the city's own) and a key/value table for the app's bookkeeping.
export const createRequestsAndMeta = `
CREATE TABLE requests (
  service_request_id TEXT NOT NULL PRIMARY KEY
    CHECK (length(service_request_id) BETWEEN 1 AND 64),
  service_code TEXT NOT NULL CHECK (length(service_code) > 0),
  service_name TEXT NOT NULL CHECK (length(service_name) > 0),
  description TEXT,
  status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
  status_notes TEXT,
  agency_responsible TEXT,
  service_notice TEXT,
  requested_at INTEGER NOT NULL,
  updated_at INTEGER,
  sla_due_at INTEGER,
  closed_at INTEGER,
  address TEXT,
  address_id TEXT,
  zipcode TEXT,
  lat REAL CHECK (lat IS NULL OR lat BETWEEN -90 AND 90),
  long REAL CHECK (long IS NULL OR long BETWEEN -180 AND 180),
  media_url TEXT,
  queue TEXT,
  department TEXT,
  neighborhood TEXT,
  source TEXT,
  subject TEXT,
  reason TEXT,
  closure_reason TEXT,
  version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
  server_seq INTEGER,
  CHECK ((lat IS NULL) = (long IS NULL)),
  CHECK (closed_at IS NULL OR closed_at >= requested_at),
  CHECK (status = 'closed' OR closed_at IS NULL)
);

CREATE TABLE app_meta (
  key TEXT NOT NULL PRIMARY KEY,
  value TEXT NOT NULL
);
`;
