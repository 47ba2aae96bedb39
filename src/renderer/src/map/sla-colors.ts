import type { SlaState } from '../../../shared/domain';

/** One colour per SLA state, shared by the map points and the queue. */
export const SLA_COLORS: Record<SlaState, string> = {
  on_track: '#2f7d4a',
  at_risk: '#b45f06',
  breached: '#c0392b',
  no_sla: '#6b7280',
};

export const SLA_LABELS: Record<SlaState, string> = {
  on_track: 'On track',
  at_risk: 'At risk',
  breached: 'Breached',
  no_sla: 'No SLA',
};
