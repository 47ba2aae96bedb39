import { describe, expect, it } from 'vitest';

import { BOSTON_CALENDAR } from '../../../src/server/sla/boston-calendar';
import { holidayDay, holidayKeys } from '../../../src/server/sla/holidays';

describe('Boston holidays', () => {
  it('finds the 2015 holidays the due times skip', () => {
    expect([...holidayKeys(BOSTON_CALENDAR.holidays, 2015)].sort()).toEqual([
      '2015-01-01',
      '2015-01-19',
      '2015-02-16',
      '2015-04-20',
      '2015-05-25',
      '2015-07-04',
      '2015-09-07',
      '2015-10-12',
      '2015-11-11',
      '2015-11-26',
      '2015-12-25',
    ]);
  });

  it('finds the last Monday of May in a year whose May has five', () => {
    const memorial = { name: 'Memorial Day', month: 5, weekday: 1, nth: -1 };
    expect(holidayDay(memorial, 2016)).toBe(30);
    expect(holidayDay(memorial, 2021)).toBe(31);
  });

  it('leaves out a fixed date the month does not have', () => {
    expect(holidayDay({ name: 'x', month: 4, day: 31 }, 2015)).toBeNull();
  });
});
