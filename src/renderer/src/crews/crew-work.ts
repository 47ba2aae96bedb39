// A crew's current work as the roster lists it: the most urgent few and
// how many more stand behind them, so a busy crew keeps a short row.
import type { QueueRow } from '../../../shared/domain';

/** Assignments listed under one crew; the rest are counted. */
export const ROSTER_WORK_ROWS = 5;

export type ShownWork = {
  shown: QueueRow[];
  /** Assignments held and not listed. */
  more: number;
};

/**
 * The first of `rows` (most urgent first) up to `max`, and how many of
 * the crew's `total` assignments that leaves out.
 */
export function boundedWork(
  rows: readonly QueueRow[],
  total: number,
  max = ROSTER_WORK_ROWS,
): ShownWork {
  const shown = rows.slice(0, max);

  return { shown, more: Math.max(total, rows.length) - shown.length };
}
