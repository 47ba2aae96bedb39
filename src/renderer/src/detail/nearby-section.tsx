// Open requests near the selected one: often the same problem, or work a
// crew on site could pick up too.
import { useAppStore } from '../store/use-app-store';

const metres = (distance: number) =>
  distance < 1000 ? `${distance} m` : `${(distance / 1000).toFixed(1)} km`;

export function NearbySection() {
  const nearby = useAppStore((state) => state.nearby);
  const selectRequest = useAppStore((state) => state.selectRequest);

  return (
    <section className="detail-section" aria-label="Nearby open requests">
      <h3>Nearby open requests</h3>
      {nearby === null ? (
        <p className="muted">Looking…</p>
      ) : nearby.length === 0 ? (
        <p className="muted">None within 400 m.</p>
      ) : (
        <ul className="nearby" data-testid="nearby">
          {nearby.map((row) => (
            <li key={row.serviceRequestId}>
              <button
                type="button"
                className="link-button"
                onClick={() =>
                  void selectRequest(row.serviceRequestId, 'queue')
                }
              >
                <span className="nearby-distance">{metres(row.distanceM)}</span>
                <span className="nearby-type">{row.serviceName}</span>
                <span className="nearby-address">
                  {row.address ?? 'No address'}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
