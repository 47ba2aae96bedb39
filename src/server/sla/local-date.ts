// A date on the city's calendar (no time of day), and the arithmetic a
// business calendar needs: the next day, the weekday, a stable key.
import {
  newYorkWallClock,
  newYorkWallClockToEpoch,
} from '../../main/import/new-york-time';

/** month 1-12. */
export type LocalDate = { year: number; month: number; day: number };

/** Going through UTC midnight keeps the arithmetic free of any zone. */
function fromUtcMidnight(ms: number): LocalDate {
  const date = new Date(ms);

  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
  };
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return fromUtcMidnight(Date.UTC(date.year, date.month - 1, date.day + days));
}

/** 0 = Sunday. */
export function weekdayOf(date: LocalDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}

/** "2015-01-16". */
export function dateKey(date: LocalDate): string {
  const pad = (n: number) => String(n).padStart(2, '0');

  return `${date.year}-${pad(date.month)}-${pad(date.day)}`;
}

/** The date New York clocks show at an instant. */
export function newYorkDateAt(epochMs: number): LocalDate {
  const { year, month, day } = newYorkWallClock(epochMs);

  return { year, month, day };
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * The instant New York clocks show the same time `days` later. A time
 * that does not exist that day (02:30 when clocks spring forward) comes
 * out an hour later.
 */
export function sameClockDaysLater(epochMs: number, days: number): number {
  const clock = newYorkWallClock(epochMs);
  const date = addDays(clock, days);

  return newYorkWallClockToEpoch({ ...clock, ...date });
}

/** The wall-clock time at an instant, read as if it were UTC, in ms. */
export function newYorkWallClockMs(epochMs: number): number {
  const clock = newYorkWallClock(epochMs);

  return Date.UTC(
    clock.year,
    clock.month - 1,
    clock.day,
    clock.hour,
    clock.minute,
    clock.second,
    clock.millisecond,
  );
}
