// The SLA view: how many requests due today and this week were dealt with
// on time, by queue and by type; the open breaches, most overdue first;
// and the last seven days as a chart.
import '../styles/sla.css';

import { useEffect, useState } from 'react';

import type {
  SlaGroupTally,
  SlaPeriodStats,
  SlaTally,
} from '../../../shared/sla-stats';
import { formatCountdown } from '../queue/time-format';
import { useAppStore } from '../store/use-app-store';
import { SlaChart } from './sla-chart';

/** The figures are read again this often while the view is shown. */
const REFRESH_MS = 60_000;

/** Rows of the by-queue and by-type tables shown before "show all". */
const FIRST_ROWS = 8;

export function formatRate(tally: SlaTally): string {
  return tally.onTimeRate === null
    ? '–'
    : `${Math.round(tally.onTimeRate * 100)}%`;
}

function Summary(props: { title: string; tally: SlaTally; testId: string }) {
  const { tally } = props;
  return (
    <div className="sla-summary" data-testid={props.testId}>
      <h3>{props.title}</h3>
      <p className="sla-rate" aria-label={`${props.title}: on time`}>
        {formatRate(tally)}
      </p>
      <p className="muted">
        {tally.met} on time, {tally.breached} late, {tally.pending} still due,
        of {tally.due}
      </p>
    </div>
  );
}

function GroupTable(props: { caption: string; rows: SlaGroupTally[] }) {
  const [all, setAll] = useState(false);
  const shown = all ? props.rows : props.rows.slice(0, FIRST_ROWS);
  if (props.rows.length === 0) return null;

  return (
    <>
      <table className="sla-table">
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">On time</th>
            <th scope="col">Late</th>
            <th scope="col">Due</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((row) => (
            <tr key={row.name ?? ''}>
              <th scope="row">{row.name ?? 'None given'}</th>
              <td>{formatRate(row)}</td>
              <td>{row.breached}</td>
              <td>{row.due}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {props.rows.length > FIRST_ROWS ? (
        <button
          type="button"
          className="quiet-button"
          onClick={() => setAll((shownAll) => !shownAll)}
        >
          {all ? 'Show fewer' : `Show all ${props.rows.length}`}
        </button>
      ) : null}
    </>
  );
}

export function SlaView() {
  const stats = useAppStore((state) => state.slaStats);
  const load = useAppStore((state) => state.loadSlaStats);
  const selectRequest = useAppStore((state) => state.selectRequest);
  const now = useAppStore((state) => state.now);
  const [period, setPeriod] = useState<'today' | 'week'>('today');

  useEffect(() => {
    void load();
    const timer = window.setInterval(() => void load(), REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [load]);

  if (stats === null) {
    return (
      <div className="side-empty">
        <p>Counting…</p>
      </div>
    );
  }

  const shown: SlaPeriodStats = period === 'today' ? stats.today : stats.week;

  return (
    <div className="sla-view" data-testid="sla-view">
      <div className="sla-summaries">
        <Summary title="Today" tally={stats.today.total} testId="sla-today" />
        <Summary title="This week" tally={stats.week.total} testId="sla-week" />
      </div>

      <SlaChart days={stats.days} />

      <div className="sla-period" role="group" aria-label="Period">
        {(['today', 'week'] as const).map((choice) => (
          <button
            key={choice}
            type="button"
            className="pill-toggle"
            aria-pressed={period === choice}
            onClick={() => setPeriod(choice)}
          >
            {choice === 'today' ? 'Today' : 'This week'}
          </button>
        ))}
      </div>
      <GroupTable caption="By queue" rows={shown.byQueue} />
      <GroupTable caption="By type" rows={shown.byType} />

      <h3 className="sla-breaches-title">
        Open breaches ({stats.breaches.total.toLocaleString()})
      </h3>
      <ul className="sla-breaches" data-testid="sla-breaches">
        {stats.breaches.rows.map((breach) => (
          <li key={breach.serviceRequestId}>
            <button
              type="button"
              className="sla-breach"
              onClick={() =>
                void selectRequest(breach.serviceRequestId, 'queue')
              }
            >
              <span className="sla-breach-type">{breach.serviceName}</span>
              <span className="sla-breach-late">
                {formatCountdown(breach.slaDueAt, now)}
              </span>
              <span className="sla-breach-where muted">
                {breach.address ?? 'No address given'}
                {breach.queue ? ` · ${breach.queue}` : ''}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
