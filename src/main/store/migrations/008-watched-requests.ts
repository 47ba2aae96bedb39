// Schema version 8: the requests this console's user watches. A watched
// request raises a desktop alert when it falls at risk or breaches, as an
// assigned one does. Kept on this console only, like saved views.
export const createWatchedRequests = `
CREATE TABLE watched_requests (
  request_id TEXT NOT NULL PRIMARY KEY
    CHECK (length(request_id) BETWEEN 1 AND 64),
  watched_at INTEGER NOT NULL
) WITHOUT ROWID;
`;
