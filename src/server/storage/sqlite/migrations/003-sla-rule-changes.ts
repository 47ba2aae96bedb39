// Schema version 3 of the central store: the SLA rules an admin changed,
// kept so that a restart does not put the bundled rules back. The rule is
// the JSON of an SlaRule, checked again when it is read.
export const addSlaRuleChanges = `
CREATE TABLE sla_rule_changes (
  service_code TEXT NOT NULL PRIMARY KEY,
  service_name TEXT NOT NULL,
  rule TEXT NOT NULL CHECK (json_valid(rule)),
  changed_by TEXT NOT NULL,
  changed_at INTEGER NOT NULL
) WITHOUT ROWID;
`;
