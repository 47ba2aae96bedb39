// Schema version 4 of the central store: closed requests by SLA due time,
// for GET closures. Without it each page read the whole requests table
// (every record's JSON) to find the few closed around this week.
export const addClosedByDue = `
CREATE INDEX requests_closed_due ON requests (sla_due_at)
  WHERE status = 'closed' AND merged_into IS NULL;
`;
