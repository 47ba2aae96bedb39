// The SLA view's numbers, read from this console's store. What it knows:
// open requests (the view), closed ones it saw close (sla_outcomes,
// migration 006) and closed ones an import wrote to `requests`. A request
// that opened and closed while this console was away (its snapshot holds
// only the open set) is not counted: the console never heard of it.
import {
  SLA_BREACH_LIMIT,
  SLA_GROUP_LIMIT,
  type SlaBreach,
  type SlaPeriodStats,
  type SlaStats,
} from '../../shared/sla-stats';
import type { WorkStatus } from '../../shared/sync-protocol';
import type { SqliteDatabase } from './database';
import {
  bostonDay,
  bostonWeek,
  lastBostonDays,
  type Period,
} from './sla-periods';
import { tallyGroups, tallyPeriod, type SlaOutcomeRow } from './sla-tally';

const CHART_DAYS = 7;

// The first time work on a request ended (resolved, or closed outright).
const settledAtSql = (idColumn: string) => `(
  SELECT min(h.at) FROM request_history AS h
  WHERE h.request_id = ${idColumn} AND h.action = 'status_changed'
    AND json_extract(h.detail, '$.to') IN ('resolved', 'closed'))`;

// Three sources, each due in [from, to). An outcome row whose request is
// back in the view (the city reopened it) gives way to the live row.
const outcomesSql = `
  SELECT queue, service_name AS serviceName, sla_due_at AS slaDueAt,
    CASE WHEN work_status = 'resolved'
      THEN coalesce(${settledAtSql('service_request_id')}, updated_at)
    END AS settledAt
  FROM requests
  WHERE status = 'open' AND sla_due_at >= @from AND sla_due_at < @to
  UNION ALL
  SELECT queue, service_name, sla_due_at, closed_at
  FROM requests
  WHERE status = 'closed' AND merged_into IS NULL AND closed_at IS NOT NULL
    AND sla_due_at >= @from AND sla_due_at < @to
  UNION ALL
  SELECT o.queue, o.service_name, o.sla_due_at,
    coalesce(${settledAtSql('o.request_id')}, o.last_updated_at)
  FROM sla_outcomes AS o
  WHERE o.sla_due_at >= @from AND o.sla_due_at < @to
    AND NOT EXISTS (
      SELECT 1 FROM requests AS r WHERE r.service_request_id = o.request_id)`;

// Resolved work waits only for the city to close the case: not a breach.
const openBreachWhere = `
  status = 'open' AND work_status <> 'resolved' AND sla_due_at <= @now`;

type BreachRecord = Omit<SlaBreach, 'workStatus'> & { workStatus: string };

export function createSlaStatsQuery(db: SqliteDatabase) {
  const selectOutcomes = db.prepare<Period, SlaOutcomeRow>(outcomesSql);
  const selectBreaches = db.prepare<
    { now: number; limit: number },
    BreachRecord
  >(
    `SELECT service_request_id AS serviceRequestId,
       service_name AS serviceName, address, queue, sla_due_at AS slaDueAt,
       work_status AS workStatus, assigned_crew_id AS assignedCrewId
     FROM requests WHERE ${openBreachWhere}
     ORDER BY sla_due_at, service_request_id LIMIT @limit`,
  );
  const countBreaches = db
    .prepare<{ now: number }, number>(
      `SELECT count(*) FROM requests WHERE ${openBreachWhere}`,
    )
    .pluck();

  return (now: number): SlaStats => {
    const today = bostonDay(now);
    const week = bostonWeek(now);
    const days = lastBostonDays(now, CHART_DAYS);

    // One read covers every period asked about, then each is tallied.
    const rows = selectOutcomes.all({
      from: Math.min(week.from, days[0]!.from),
      to: Math.max(week.to, today.to),
    });

    const periodStats = (period: Period): SlaPeriodStats => ({
      ...period,
      total: tallyPeriod(rows, period, now),
      byQueue: tallyGroups(rows, period, now, (r) => r.queue, SLA_GROUP_LIMIT),
      byType: tallyGroups(
        rows,
        period,
        now,
        (r) => r.serviceName,
        SLA_GROUP_LIMIT,
      ),
    });

    return {
      now,
      today: periodStats(today),
      week: periodStats(week),
      breaches: {
        total: countBreaches.get({ now }) ?? 0,
        rows: selectBreaches
          .all({ now, limit: SLA_BREACH_LIMIT })
          .map((row) => ({ ...row, workStatus: row.workStatus as WorkStatus })),
      },
      days: days.map((day) => ({ ...day, ...tallyPeriod(rows, day, now) })),
    };
  };
}
