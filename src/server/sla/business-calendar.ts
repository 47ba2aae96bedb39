// A business calendar ready for arithmetic: which dates are business
// days and when each one's business hours start and end, in epoch ms.
// Both answers are remembered, so long SLAs and bulk derivations cost a
// few time-zone look-ups per date rather than per request.
import { newYorkWallClockToEpoch } from '../../main/import/new-york-time';
import { holidayKeys } from './holidays';
import { dateKey, weekdayOf, type LocalDate } from './local-date';
import type { BusinessCalendarConfig } from './sla-rule';

export type BusinessWindow = { start: number; end: number };

export type BusinessCalendar = {
  config: BusinessCalendarConfig;
  /** Business hours in one full business day, in ms. */
  dayLengthMs: number;
  isBusinessDay(date: LocalDate): boolean;
  /** The business hours of a date (whether or not it is a business day). */
  window(date: LocalDate): BusinessWindow;
};

function minutesOf(clock: string): number {
  const [hours, minutes] = clock.split(':').map(Number);

  return (hours ?? 0) * 60 + (minutes ?? 0);
}

export function createBusinessCalendar(
  config: BusinessCalendarConfig,
): BusinessCalendar {
  const startMinute = minutesOf(config.dayStart);
  const endMinute = minutesOf(config.dayEnd);
  const weekdays = new Set(config.weekdays);
  const holidaysByYear = new Map<number, Set<string>>();
  const windows = new Map<string, BusinessWindow>();

  const holidaysOf = (year: number) => {
    let keys = holidaysByYear.get(year);
    if (keys === undefined) {
      keys = holidayKeys(config.holidays, year);
      holidaysByYear.set(year, keys);
    }
    return keys;
  };

  const at = (date: LocalDate, minute: number) =>
    newYorkWallClockToEpoch({
      ...date,
      hour: Math.floor(minute / 60),
      minute: minute % 60,
      second: 0,
      millisecond: 0,
    });

  return {
    config,
    dayLengthMs: (endMinute - startMinute) * 60_000,
    isBusinessDay: (date) =>
      weekdays.has(weekdayOf(date)) &&
      !holidaysOf(date.year).has(dateKey(date)),
    window(date) {
      const key = dateKey(date);
      let window = windows.get(key);
      if (window === undefined) {
        window = { start: at(date, startMinute), end: at(date, endMinute) };
        windows.set(key, window);
      }
      return window;
    },
  };
}
