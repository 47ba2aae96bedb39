// How the filter bar names filter values.
import type { QueueSort, SlaStateFilter } from '../../../shared/contract';
import type { OpenWorkStatus } from '../store/app-state';

export const SLA_STATE_LABELS: Record<SlaStateFilter, string> = {
  breached: 'Breached',
  at_risk: 'At risk',
  on_track: 'On track',
  no_sla: 'No SLA',
};

export const WORK_STATUS_LABELS: Record<OpenWorkStatus, string> = {
  open: 'Open',
  assigned: 'Assigned',
  in_progress: 'In progress',
  resolved: 'Resolved',
};

/** The sort picker's choice for a sort. */
export function sortChoice(sort: QueueSort): 'due' | 'age' | 'distance' {
  return typeof sort === 'string' ? sort : 'distance';
}
