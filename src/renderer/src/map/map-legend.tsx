import type { SlaState } from '../../../shared/domain';
import { SLA_LABELS } from './sla-colors';

const ORDER: SlaState[] = ['breached', 'at_risk', 'on_track', 'no_sla'];

export function MapLegend() {
  return (
    <ul className="map-legend" aria-label="Point colours by SLA state">
      {ORDER.map((state) => (
        <li key={state}>
          <span className={`legend-dot sla-dot-${state}`} aria-hidden="true" />
          {SLA_LABELS[state]}
        </li>
      ))}
    </ul>
  );
}
