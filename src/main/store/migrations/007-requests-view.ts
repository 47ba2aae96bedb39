// Schema version 7: the queue is answered from memory (src/main/queue), so
// `requests` no longer needs to be a table of its own with wide indexes
// and a full-text index beside the confirmed copy. It becomes a view:
// confirmed server state, except where intents wait to be confirmed; those
// requests' rows, with the intents replayed, live in `requests_pending`.
// An initial sync then writes each request once, not three times.
//
// Requests an import wrote while no central API was set live only in the
// old table; they move to `requests_confirmed` (with the extra Open311
// fields it gains here), so nothing stored is lost.
const viewColumns = `service_request_id, service_code, service_name,
  description, status, status_notes, agency_responsible, requested_at,
  updated_at, sla_due_at, closed_at, address, zipcode, lat, long, media_url,
  queue, department, neighborhood, source, closure_reason, work_status,
  assigned_crew_id, merged_into, version`;

const extraColumns = 'service_notice, address_id, subject, reason';

export const makeRequestsAView = `
ALTER TABLE requests_confirmed ADD COLUMN service_notice TEXT;
ALTER TABLE requests_confirmed ADD COLUMN address_id TEXT;
ALTER TABLE requests_confirmed ADD COLUMN subject TEXT;
ALTER TABLE requests_confirmed ADD COLUMN reason TEXT;

CREATE TABLE requests_pending (
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
  work_status TEXT NOT NULL,
  assigned_crew_id TEXT,
  merged_into TEXT,
  version INTEGER NOT NULL
) WITHOUT ROWID;

INSERT INTO requests_confirmed (${viewColumns}, ${extraColumns})
SELECT ${viewColumns}, ${extraColumns} FROM requests AS r
WHERE NOT EXISTS (
  SELECT 1 FROM requests_confirmed AS c
  WHERE c.service_request_id = r.service_request_id);

UPDATE requests_confirmed SET
  service_notice = r.service_notice, address_id = r.address_id,
  subject = r.subject, reason = r.reason
FROM requests AS r
WHERE r.service_request_id = requests_confirmed.service_request_id
  AND (r.service_notice IS NOT NULL OR r.address_id IS NOT NULL
    OR r.subject IS NOT NULL OR r.reason IS NOT NULL);

INSERT INTO requests_pending (${viewColumns})
SELECT ${viewColumns} FROM requests WHERE pending = 1;

DROP TABLE requests_search;
DROP TABLE requests;

-- A confirmed row is bent where the server sent what the console cannot
-- show (one coordinate without the other, a closing time on an open
-- request), as sync-request-row.ts viewValues() bends a pending one.
CREATE VIEW requests AS
SELECT c.service_request_id,
  CASE WHEN c.service_code = '' THEN 'unknown' ELSE c.service_code END
    AS service_code,
  CASE WHEN c.service_name <> '' THEN c.service_name
    WHEN c.service_code <> '' THEN c.service_code
    ELSE 'Unknown service' END AS service_name,
  c.description, c.status, c.status_notes, c.agency_responsible,
  c.service_notice, c.requested_at, c.updated_at, c.sla_due_at,
  CASE WHEN c.status = 'closed' THEN max(c.closed_at, c.requested_at) END
    AS closed_at,
  c.address, c.address_id, c.zipcode,
  CASE WHEN c.lat IS NULL OR c.long IS NULL THEN NULL ELSE c.lat END AS lat,
  CASE WHEN c.lat IS NULL OR c.long IS NULL THEN NULL ELSE c.long END
    AS long,
  c.media_url, c.queue, c.department, c.neighborhood, c.source, c.subject,
  c.reason, c.closure_reason, c.work_status, c.assigned_crew_id,
  c.merged_into, c.version, 0 AS pending
FROM requests_confirmed AS c
WHERE NOT EXISTS (
  SELECT 1 FROM requests_pending AS p
  WHERE p.service_request_id = c.service_request_id)
UNION ALL
SELECT p.service_request_id, p.service_code, p.service_name, p.description,
  p.status, p.status_notes, p.agency_responsible, c.service_notice,
  p.requested_at, p.updated_at, p.sla_due_at, p.closed_at, p.address,
  c.address_id, p.zipcode, p.lat, p.long, p.media_url, p.queue,
  p.department, p.neighborhood, p.source, c.subject, c.reason,
  p.closure_reason, p.work_status, p.assigned_crew_id, p.merged_into,
  p.version, 1 AS pending
FROM requests_pending AS p
LEFT JOIN requests_confirmed AS c
  ON c.service_request_id = p.service_request_id;
`;
