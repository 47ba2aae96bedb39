import type { SlaStateFilter } from '../../shared/contract';
import { AT_RISK_MAX_MS } from '../../shared/domain';

/** due_key of a request with no SLA (see migration 2). */
export const NO_SLA_DUE_KEY = 9007199254740991;

type Condition = { sql: string; params: number[] };

/**
 * Each SLA state as a condition at `now`, mirroring slaState() in
 * domain.ts: breached from the due time on, at risk from at_risk_from
 * (migration 5) until then, on track before. The contract keeps `now`
 * below NO_SLA_DUE_KEY. The ranges on due_key are implied by the rest;
 * they are there so the due index can narrow the search.
 */
function condition(state: SlaStateFilter, now: number): Condition {
  switch (state) {
    case 'no_sla':
      return { sql: `due_key = ${NO_SLA_DUE_KEY}`, params: [] };
    case 'breached':
      return { sql: 'due_key <= ?', params: [now] };
    case 'at_risk':
      return {
        sql: '(due_key > ? AND due_key <= ? AND at_risk_from <= ?)',
        params: [now, now + AT_RISK_MAX_MS, now],
      };
    case 'on_track':
      return { sql: '(due_key > ? AND at_risk_from > ?)', params: [now, now] };
  }
}

/** The OR of the chosen states, or null when they keep every request. */
export function slaStatesSql(
  states: readonly SlaStateFilter[],
  now: number,
): Condition | null {
  const chosen = [...new Set(states)];
  if (chosen.length === 0 || chosen.length === 4) return null;

  const parts = chosen.map((state) => condition(state, now));

  return {
    sql: `(${parts.map((part) => part.sql).join(' OR ')})`,
    params: parts.flatMap((part) => part.params),
  };
}
