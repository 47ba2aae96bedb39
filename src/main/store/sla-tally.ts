// Counts SLA outcomes into tallies: pure, so the rules stay in one place
// and are tested without a database. The rule matches slaState() in
// shared/domain.ts: a request is breached from the instant it is due.
import type { SlaGroupTally, SlaTally } from '../../shared/sla-stats';
import type { Period } from './sla-periods';

/** One request with an SLA: when it was due and when work on it ended. */
export type SlaOutcomeRow = {
  queue: string | null;
  serviceName: string;
  slaDueAt: number;
  /** When it was resolved or closed; null while still being worked. */
  settledAt: number | null;
};

type Counts = Omit<SlaTally, 'onTimeRate'>;

const emptyCounts = (): Counts => ({ due: 0, met: 0, breached: 0, pending: 0 });

function addOutcome(counts: Counts, row: SlaOutcomeRow, now: number): void {
  counts.due += 1;
  if (row.settledAt !== null) {
    if (row.settledAt < row.slaDueAt) counts.met += 1;
    else counts.breached += 1;
  } else if (now >= row.slaDueAt) {
    counts.breached += 1;
  } else {
    counts.pending += 1;
  }
}

function withRate(counts: Counts): SlaTally {
  const decided = counts.met + counts.breached;

  return { ...counts, onTimeRate: decided === 0 ? null : counts.met / decided };
}

const inPeriod = (row: SlaOutcomeRow, period: Period) =>
  row.slaDueAt >= period.from && row.slaDueAt < period.to;

export function tallyPeriod(
  rows: readonly SlaOutcomeRow[],
  period: Period,
  now: number,
): SlaTally {
  const counts = emptyCounts();
  for (const row of rows)
    if (inPeriod(row, period)) addOutcome(counts, row, now);

  return withRate(counts);
}

/** Tallies per queue or per type: most breaches first, then most due. */
export function tallyGroups(
  rows: readonly SlaOutcomeRow[],
  period: Period,
  now: number,
  groupOf: (row: SlaOutcomeRow) => string | null,
  limit: number,
): SlaGroupTally[] {
  const groups = new Map<string | null, Counts>();
  for (const row of rows) {
    if (!inPeriod(row, period)) continue;
    const name = groupOf(row);
    let counts = groups.get(name);
    if (counts === undefined) {
      counts = emptyCounts();
      groups.set(name, counts);
    }
    addOutcome(counts, row, now);
  }

  return [...groups]
    .map(([name, counts]) => ({ name, ...withRate(counts) }))
    .sort(
      (a, b) =>
        b.breached - a.breached ||
        b.due - a.due ||
        (a.name ?? '').localeCompare(b.name ?? ''),
    )
    .slice(0, limit);
}
