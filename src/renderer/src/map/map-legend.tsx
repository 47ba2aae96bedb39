import type { SlaState } from '../../../shared/domain';
import { SLA_COLORS, SLA_LABELS } from './sla-colors';

const ORDER: SlaState[] = ['breached', 'at_risk', 'on_track', 'no_sla'];

export function MapLegend() {
  return (
    <ul className="map-legend" aria-label="Map legend">
      {ORDER.map((state) => (
        <li key={state}>
          {/* The points' own colours, which stay the same in either theme. */}
          <span
            className="legend-dot"
            style={{ background: SLA_COLORS[state] }}
            aria-hidden="true"
          />
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
