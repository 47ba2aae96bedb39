// Schema version 2: sort keys and partial indexes over the open requests,
// so a queue page with its total count stays within a frame at 100,000
// open requests. Only open requests are ever listed, so closed ones stay
// out of these indexes. Each index holds the filter and sort columns, so
// filtering, sorting and counting read the index alone; the table is read
// only for the rows of the page.
export const addQueueSortKeys = `
ALTER TABLE requests ADD COLUMN due_key INTEGER
  GENERATED ALWAYS AS (coalesce(sla_due_at, 9007199254740991)) VIRTUAL;

ALTER TABLE requests ADD COLUMN neighborhood_key TEXT
  GENERATED ALWAYS AS (coalesce(neighborhood, '')) VIRTUAL;

CREATE INDEX requests_open_by_due
  ON requests (
    due_key, requested_at, service_request_id, service_name, neighborhood_key
  )
  WHERE status = 'open';

CREATE INDEX requests_open_by_age
  ON requests (
    requested_at, service_request_id, service_name, neighborhood_key
  )
  WHERE status = 'open';

CREATE INDEX requests_open_by_type
  ON requests (
    service_name, neighborhood_key, due_key, requested_at, service_request_id
  )
  WHERE status = 'open';

CREATE INDEX requests_open_by_neighborhood
  ON requests (
    neighborhood_key, service_name, due_key, requested_at, service_request_id
  )
  WHERE status = 'open';
`;
