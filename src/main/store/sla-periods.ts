// The periods the SLA statistics count in: Boston's calendar days and
// weeks (America/New_York), whatever zone this machine is set to. A week
// starts on Monday at midnight. Days are stepped on the wall clock, so a
// DST change makes one day 23 or 25 hours long, as Boston lives it.
import {
  newYorkWallClock,
  newYorkWallClockToEpoch,
} from '../import/new-york-time';

/** A half-open span of time, [from, to), in epoch ms. */
export type Period = { from: number; to: number };

/** Midnight in Boston, `days` days after the day `at` falls in. */
export function bostonMidnight(at: number, days = 0): number {
  const clock = newYorkWallClock(at);

  return newYorkWallClockToEpoch({
    year: clock.year,
    month: clock.month,
    day: clock.day + days,
    hour: 0,
    minute: 0,
    second: 0,
    millisecond: 0,
  });
}

export function bostonDay(at: number): Period {
  return { from: bostonMidnight(at), to: bostonMidnight(at, 1) };
}

/** Monday 00:00 to the next Monday 00:00, Boston time. */
export function bostonWeek(at: number): Period {
  const sinceMonday = (newYorkWallClock(at).weekday + 6) % 7;

  return {
    from: bostonMidnight(at, -sinceMonday),
    to: bostonMidnight(at, 7 - sinceMonday),
  };
}

/** The `count` Boston days up to and including today, oldest first. */
export function lastBostonDays(at: number, count: number): Period[] {
  return Array.from({ length: count }, (_, index) => {
    const offset = index - count + 1;
    return {
      from: bostonMidnight(at, offset),
      to: bostonMidnight(at, offset + 1),
    };
  });
}
