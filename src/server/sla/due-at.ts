// The SLA due time of a request: its policy entry applied to the moment
// it was opened.
import type { BusinessCalendar } from './business-calendar';
import { BOSTON_BUSINESS_CALENDAR } from './boston-business-calendar';
import { addBusinessTime } from './business-time';
import { sameClockDaysLater } from './local-date';
import type { SlaPolicyEntry } from './sla-rule';

const HOUR_MS = 3_600_000;

/** Epoch ms the request is due, or null when its type has no SLA. */
export function dueAt(
  entry: Pick<SlaPolicyEntry, 'rule'>,
  openedAtEpochMs: number,
  calendar: BusinessCalendar = BOSTON_BUSINESS_CALENDAR,
): number | null {
  const { rule } = entry;

  switch (rule.kind) {
    case 'none':
      return null;
    case 'calendar-hours':
      return openedAtEpochMs + rule.hours * HOUR_MS;
    case 'calendar-days':
      return sameClockDaysLater(openedAtEpochMs, rule.days);
    case 'business-hours':
      return addBusinessTime(calendar, openedAtEpochMs, rule.hours * HOUR_MS);
    case 'business-days':
      return addBusinessTime(
        calendar,
        openedAtEpochMs,
        rule.days * calendar.dayLengthMs,
      );
  }
}
