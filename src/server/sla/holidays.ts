// The dates a list of holiday rules names in one year.
import type { HolidayRule } from './sla-rule';
import { dateKey, daysInMonth, weekdayOf } from './local-date';

/**
 * The day of the month a rule falls on in `year`, or null when it does
 * not occur (a fixed date like 31 April). A holiday on a weekend is not
 * moved to a weekday: the 2015 Boston due times count Friday 3 July 2015
 * as a working day, although 4 July was a Saturday.
 */
export function holidayDay(rule: HolidayRule, year: number): number | null {
  const monthDays = daysInMonth(year, rule.month);
  if ('day' in rule) return rule.day <= monthDays ? rule.day : null;

  const firstWeekday = weekdayOf({ year, month: rule.month, day: 1 });
  const first = 1 + ((rule.weekday - firstWeekday + 7) % 7);
  if (rule.nth > 0) return first + 7 * (rule.nth - 1);

  return first + 7 * Math.floor((monthDays - first) / 7);
}

/** The holiday dates of `year` as "YYYY-MM-DD" keys. */
export function holidayKeys(
  rules: readonly HolidayRule[],
  year: number,
): Set<string> {
  const keys = new Set<string>();
  for (const rule of rules) {
    const day = holidayDay(rule, year);
    if (day !== null) keys.add(dateKey({ year, month: rule.month, day }));
  }

  return keys;
}
