// Time counted only inside business hours: adding it to an instant, and
// measuring it between two instants. Days are walked on the city's wall
// clock, so a DST change moves nothing: business hours stay 08:30-17:00.
import type { BusinessCalendar } from './business-calendar';
import { addDays, newYorkDateAt } from './local-date';

/** About 27 years of dates; a calendar with no business days stops here. */
const MAX_DAYS = 10_000;

/**
 * The instant `durationMs` of business time after `fromMs`. Time before
 * the day's start waits for it; a duration that ends exactly at a day's
 * end is due at the next business day's start instead, as Boston's are.
 */
export function addBusinessTime(
  calendar: BusinessCalendar,
  fromMs: number,
  durationMs: number,
): number {
  let remaining = durationMs;
  let date = newYorkDateAt(fromMs);
  let earliest = fromMs;

  for (let walked = 0; walked < MAX_DAYS; walked += 1) {
    if (calendar.isBusinessDay(date)) {
      const { start, end } = calendar.window(date);
      const begin = Math.max(earliest, start);
      if (begin < end) {
        if (remaining < end - begin) return begin + remaining;
        remaining -= end - begin;
      }
    }
    date = addDays(date, 1);
    earliest = Number.NEGATIVE_INFINITY;
  }

  throw new Error(
    `The business calendar has no business time in ${MAX_DAYS} days; ` +
      'give it at least one weekday that is not a holiday.',
  );
}

/** Business time from `fromMs` to `toMs`, in ms; 0 when `toMs` is earlier. */
export function businessTimeBetween(
  calendar: BusinessCalendar,
  fromMs: number,
  toMs: number,
): number {
  if (toMs <= fromMs) return 0;

  let total = 0;
  let date = newYorkDateAt(fromMs);
  for (let walked = 0; walked < MAX_DAYS; walked += 1) {
    const { start, end } = calendar.window(date);
    if (start >= toMs) break;
    if (calendar.isBusinessDay(date)) {
      const overlap = Math.min(end, toMs) - Math.max(start, fromMs);
      if (overlap > 0) total += overlap;
    }
    date = addDays(date, 1);
  }

  return total;
}
