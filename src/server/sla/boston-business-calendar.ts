import { BOSTON_CALENDAR } from './boston-calendar';
import { createBusinessCalendar } from './business-calendar';

/** Boston's calendar, shared so its remembered dates serve every caller. */
export const BOSTON_BUSINESS_CALENDAR = createBusinessCalendar(BOSTON_CALENDAR);
