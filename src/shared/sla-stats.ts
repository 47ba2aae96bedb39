// What the SLA view shows, as the contract carries it: on-time counts for
// today and this week by queue and by type, the open breaches, and a
// per-day series for the chart. Counted on this console's store.
import { z } from 'zod';

import type { WorkStatus } from './sync-protocol';

export const slaStatsQuerySchema = z
  .object({
    /** The server's clock, in ms: "today" and "breached" are judged at it. */
    now: z.number().int().min(0).max(8_640_000_000_000_000),
  })
  .strict();

export type SlaStatsQuery = z.infer<typeof slaStatsQuerySchema>;

/**
 * Requests whose SLA due time falls in a period. `met`: resolved or closed
 * before the due time; `breached`: done after it, or still open past it;
 * `pending`: still open and not yet due. due = met + breached + pending.
 */
export type SlaTally = {
  due: number;
  met: number;
  breached: number;
  pending: number;
  /** met / (met + breached); null while nothing has an outcome yet. */
  onTimeRate: number | null;
};

/** One queue's or one type's tally; `name` is null for "none given". */
export type SlaGroupTally = SlaTally & { name: string | null };

export type SlaPeriodStats = {
  /** Boston midnight that starts the period, and the one that ends it. */
  from: number;
  to: number;
  total: SlaTally;
  /** Most breaches first; at most SLA_GROUP_LIMIT rows. */
  byQueue: SlaGroupTally[];
  byType: SlaGroupTally[];
};

/** An open request past its SLA due time. */
export type SlaBreach = {
  serviceRequestId: string;
  serviceName: string;
  address: string | null;
  queue: string | null;
  slaDueAt: number;
  workStatus: WorkStatus;
  assignedCrewId: string | null;
};

export type SlaDayTally = SlaTally & { from: number; to: number };

export type SlaStats = {
  now: number;
  today: SlaPeriodStats;
  /** Monday to Monday, Boston time. */
  week: SlaPeriodStats;
  /** Most overdue first; `total` counts them all. */
  breaches: { total: number; rows: SlaBreach[] };
  /** The last seven Boston days, oldest first, today last. */
  days: SlaDayTally[];
};

export const SLA_GROUP_LIMIT = 100;
export const SLA_BREACH_LIMIT = 100;
