import type { SlaState } from '../../../shared/domain';
import { SLA_LABELS } from './sla-colors';

const ORDER: SlaState[] = ['breached', 'at_risk', 'on_track', 'no_sla'];

export function MapLegend() {
  return (
    <ul className="map-legend" aria-label="Map legend">
      {ORDER.map((state) => (
        <li key={state}>
          <span className={`legend-dot sla-dot-${state}`} aria-hidden="true" />
          {SLA_LABELS[state]}
        </li>
      ))}
      <li data-testid="legend-crew">
        <span className="legend-dot legend-crew" aria-hidden="true" />
        Crew
      </li>
    </ul>
  );
}
