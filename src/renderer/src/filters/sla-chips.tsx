import type { SlaStateFilter } from '../../../shared/contract';
import { useAppStore } from '../store/use-app-store';
import { SLA_STATE_LABELS } from './filter-labels';

const STATES = Object.keys(SLA_STATE_LABELS) as SlaStateFilter[];

/** One toggle button per SLA state; none pressed keeps every state. */
export function SlaChips() {
  const chosen = useAppStore((state) => state.filter.slaStates);
  const setSlaStates = useAppStore((state) => state.setSlaStates);

  const toggle = (state: SlaStateFilter) =>
    setSlaStates(
      chosen.includes(state)
        ? chosen.filter((each) => each !== state)
        : [...chosen, state],
    );

  return (
    <div className="sla-chips" role="group" aria-label="SLA state">
      {STATES.map((state) => (
        <button
          key={state}
          type="button"
          className={`sla-chip sla-chip-${state}`}
          data-testid={`filter-sla-${state}`}
          aria-pressed={chosen.includes(state)}
          onClick={() => toggle(state)}
        >
          {SLA_STATE_LABELS[state]}
        </button>
      ))}
    </div>
  );
}
