// Schema version 5: what the dispatch floor's filters need. The at-risk
// start time as a column, so SLA states are plain comparisons with `now`;
// the queue indexes remade to carry every filter column, so filtering and
// counting still read an index alone; a covering index for the map's
// points and the distance sort; a full-text index over address, type and
// description; and the saved views.
//
// at_risk_from is the first millisecond the request is at risk: its SLA
// window's last fifth, at most its last day (domain.ts slaState). The lead
// time is floored, which keeps "due - now <= lead" exact in integers.
const filterColumns =
  'queue, department, work_status, assigned_crew_id, at_risk_from';

export const addQueueFiltersAndSearch = `
ALTER TABLE requests ADD COLUMN at_risk_from INTEGER
  GENERATED ALWAYS AS (
    sla_due_at - CAST(
      min(max(sla_due_at - requested_at, 0) * 0.2, 86400000) AS INTEGER)
  ) VIRTUAL;

DROP INDEX requests_open_by_due;
DROP INDEX requests_open_by_age;
DROP INDEX requests_open_by_type;
DROP INDEX requests_open_by_neighborhood;

CREATE INDEX requests_open_by_due
  ON requests (
    due_key, requested_at, service_request_id, service_name,
    neighborhood_key, ${filterColumns}
  )
  WHERE status = 'open';

CREATE INDEX requests_open_by_age
  ON requests (
    requested_at, service_request_id, service_name, neighborhood_key,
    due_key, ${filterColumns}
  )
  WHERE status = 'open';

CREATE INDEX requests_open_by_type
  ON requests (
    service_name, neighborhood_key, due_key, requested_at,
    service_request_id, ${filterColumns}
  )
  WHERE status = 'open';

CREATE INDEX requests_open_by_neighborhood
  ON requests (
    neighborhood_key, service_name, due_key, requested_at,
    service_request_id, ${filterColumns}
  )
  WHERE status = 'open';

-- The map reads these columns for every located open request; from this
-- index alone it never touches the table.
CREATE INDEX requests_open_points
  ON requests (
    service_request_id, long, lat, requested_at, sla_due_at, service_name,
    neighborhood_key, due_key, ${filterColumns}
  )
  WHERE status = 'open' AND lat IS NOT NULL;

-- The few open requests with no location, which the distance sort puts
-- last in time-to-breach order.
CREATE INDEX requests_open_unlocated
  ON requests (
    due_key, requested_at, service_request_id, service_name,
    neighborhood_key, ${filterColumns}
  )
  WHERE status = 'open' AND lat IS NULL;

CREATE VIRTUAL TABLE requests_search USING fts5 (
  address, service_name, description,
  content = 'requests', content_rowid = 'rowid',
  tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
);

CREATE TRIGGER requests_search_insert AFTER INSERT ON requests BEGIN
  INSERT INTO requests_search (rowid, address, service_name, description)
  VALUES (new.rowid, new.address, new.service_name, new.description);
END;

CREATE TRIGGER requests_search_delete AFTER DELETE ON requests BEGIN
  INSERT INTO requests_search
    (requests_search, rowid, address, service_name, description)
  VALUES ('delete', old.rowid, old.address, old.service_name,
    old.description);
END;

CREATE TRIGGER requests_search_update
  AFTER UPDATE OF address, service_name, description ON requests
  WHEN old.address IS NOT new.address
    OR old.service_name IS NOT new.service_name
    OR old.description IS NOT new.description
BEGIN
  INSERT INTO requests_search
    (requests_search, rowid, address, service_name, description)
  VALUES ('delete', old.rowid, old.address, old.service_name,
    old.description);
  INSERT INTO requests_search (rowid, address, service_name, description)
  VALUES (new.rowid, new.address, new.service_name, new.description);
END;

INSERT INTO requests_search (requests_search) VALUES ('rebuild');

CREATE TABLE saved_views (
  name TEXT NOT NULL PRIMARY KEY CHECK (length(name) BETWEEN 1 AND 80),
  filter TEXT NOT NULL CHECK (json_valid(filter)),
  sort TEXT NOT NULL CHECK (json_valid(sort)),
  saved_at INTEGER NOT NULL
);
`;
