// The last seven days as stacked bars: requests due that day that were
// met, late, or are still due. The same figures are in a table for screen
// readers.
import type { SlaDayTally } from '../../../shared/sla-stats';

const WIDTH = 320;
const HEIGHT = 120;
const LABEL_PX = 16;

const DAY_NAME = new Intl.DateTimeFormat('en-US', {
  weekday: 'short',
  timeZone: 'America/New_York',
});

export function SlaChart(props: { days: SlaDayTally[] }) {
  const { days } = props;
  const highest = Math.max(1, ...days.map((day) => day.due));
  const slot = WIDTH / Math.max(1, days.length);
  const barWidth = slot * 0.6;
  const scale = (HEIGHT - LABEL_PX) / highest;

  return (
    <figure className="sla-chart" data-testid="sla-chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label="Requests due each day this week: on time, late and still due"
      >
        {days.map((day, i) => {
          const x = i * slot + (slot - barWidth) / 2;
          let y = HEIGHT - LABEL_PX;
          const segments = [
            { value: day.met, className: 'bar-met' },
            { value: day.breached, className: 'bar-late' },
            { value: day.pending, className: 'bar-pending' },
          ];
          return (
            <g key={day.from}>
              {segments.map((segment) => {
                const height = segment.value * scale;
                y -= height;
                return (
                  <rect
                    key={segment.className}
                    className={segment.className}
                    x={x}
                    y={y}
                    width={barWidth}
                    height={height}
                  />
                );
              })}
              <text
                x={x + barWidth / 2}
                y={HEIGHT - 3}
                textAnchor="middle"
                className="bar-label"
              >
                {DAY_NAME.format(day.from)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="sla-chart-key">
        <span className="key-met">On time</span>
        <span className="key-late">Late</span>
        <span className="key-pending">Still due</span>
      </figcaption>
      <table className="visually-hidden">
        <caption>Requests due each day</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">On time</th>
            <th scope="col">Late</th>
            <th scope="col">Still due</th>
          </tr>
        </thead>
        <tbody>
          {days.map((day) => (
            <tr key={day.from}>
              <th scope="row">{DAY_NAME.format(day.from)}</th>
              <td>{day.met}</td>
              <td>{day.breached}</td>
              <td>{day.pending}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
