// Boston's business calendar as its 2015 SLA due times show it (see
// resources/sla/README.md): weekdays 08:30 to 17:00, and the holidays
// below skipped. Evacuation Day and Bunker Hill Day (Suffolk County) and
// the Friday after Thanksgiving are worked; no holiday moves off a weekend.
import type { BusinessCalendarConfig } from './sla-rule';

const MONDAY = 1;
const THURSDAY = 4;

export const BOSTON_CALENDAR: BusinessCalendarConfig = {
  timeZone: 'America/New_York',
  dayStart: '08:30',
  dayEnd: '17:00',
  weekdays: [1, 2, 3, 4, 5],
  holidays: [
    { name: "New Year's Day", month: 1, day: 1 },
    { name: 'Martin Luther King Jr. Day', month: 1, weekday: MONDAY, nth: 3 },
    { name: "Presidents' Day", month: 2, weekday: MONDAY, nth: 3 },
    { name: "Patriots' Day", month: 4, weekday: MONDAY, nth: 3 },
    { name: 'Memorial Day', month: 5, weekday: MONDAY, nth: -1 },
    { name: 'Independence Day', month: 7, day: 4 },
    { name: 'Labor Day', month: 9, weekday: MONDAY, nth: 1 },
    { name: 'Columbus Day', month: 10, weekday: MONDAY, nth: 2 },
    { name: 'Veterans Day', month: 11, day: 11 },
    { name: 'Thanksgiving Day', month: 11, weekday: THURSDAY, nth: 4 },
    { name: 'Christmas Day', month: 12, day: 25 },
  ],
};
