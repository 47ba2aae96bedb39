import { describe, expect, it } from 'vitest';

import { BOSTON_BUSINESS_CALENDAR } from '../../../src/server/sla/boston-business-calendar';
import { BOSTON_CALENDAR } from '../../../src/server/sla/boston-calendar';
import { createBusinessCalendar } from '../../../src/server/sla/business-calendar';
import { businessTimeBetween } from '../../../src/server/sla/business-time';
import { dueAt } from '../../../src/server/sla/due-at';
import type { SlaRule } from '../../../src/server/sla/sla-rule';

const at = (iso: string) => Date.parse(iso);
const due = (rule: SlaRule, opened: string) => {
  const ms = dueAt({ rule }, at(opened));
  return ms === null ? null : new Date(ms).toISOString();
};
const iso = (text: string) => new Date(at(text)).toISOString();
const HOUR = 3_600_000;

describe('dueAt with Boston business days', () => {
  const tenDays: SlaRule = { kind: 'business-days', days: 10 };

  it('skips New Year and the weekend, and lands on 08:30 like the 2015 data', () => {
    // Case 101001240735: opened 00:25 on 1 January, due 16 January 08:30.
    expect(due(tenDays, '2015-01-01T00:25:23-05:00')).toBe(
      iso('2015-01-16T08:30:00-05:00'),
    );
  });

  it('starts the clock at 08:30 for a request opened after hours', () => {
    // Tuesday 6th to Tuesday 20th (MLK Day skipped) runs out at 17:00.
    expect(due(tenDays, '2015-01-05T20:00:00-05:00')).toBe(
      iso('2015-01-21T08:30:00-05:00'),
    );
  });

  it('keeps the clock time for a request opened during business hours', () => {
    // Monday 10:15 + 10 days: the Monday two weeks on is MLK Day.
    expect(due(tenDays, '2015-01-05T10:15:00-05:00')).toBe(
      iso('2015-01-20T10:15:00-05:00'),
    );
  });

  it('rolls a due time that ends at 17:00 over to the next morning', () => {
    const oneDay: SlaRule = { kind: 'business-days', days: 1 };
    // Friday before 08:30: the day runs out at 17:00, so Monday 08:30.
    expect(due(oneDay, '2015-01-09T07:00:00-05:00')).toBe(
      iso('2015-01-12T08:30:00-05:00'),
    );
  });

  it('counts a Saturday request from Monday 08:30', () => {
    const oneDay: SlaRule = { kind: 'business-days', days: 1 };
    expect(due(oneDay, '2015-01-10T13:00:00-05:00')).toBe(
      iso('2015-01-13T08:30:00-05:00'),
    );
  });

  it("skips Patriots' Day, a Massachusetts holiday", () => {
    expect(due(tenDays, '2015-04-17T04:22:17-04:00')).toBe(
      iso('2015-05-04T08:30:00-04:00'),
    );
  });

  it('works Friday 3 July 2015, as Boston did, and skips Thanksgiving Day only', () => {
    const oneDay: SlaRule = { kind: 'business-days', days: 1 };
    expect(due(oneDay, '2015-07-02T12:00:00-04:00')).toBe(
      iso('2015-07-03T12:00:00-04:00'),
    );
    expect(due(oneDay, '2015-11-25T12:00:00-05:00')).toBe(
      iso('2015-11-27T12:00:00-05:00'),
    );
  });

  it('keeps 08:30 local across the spring DST change', () => {
    // Clocks went forward on Sunday 8 March 2015.
    expect(due(tenDays, '2015-03-06T02:38:23-05:00')).toBe(
      iso('2015-03-20T08:30:00-04:00'),
    );
    const oneDay: SlaRule = { kind: 'business-days', days: 1 };
    expect(due(oneDay, '2015-03-06T16:00:00-05:00')).toBe(
      iso('2015-03-09T16:00:00-04:00'),
    );
  });

  it('keeps 08:30 local across the autumn DST change', () => {
    // Clocks went back on Sunday 1 November 2015.
    const oneDay: SlaRule = { kind: 'business-days', days: 1 };
    expect(due(oneDay, '2015-10-30T16:00:00-04:00')).toBe(
      iso('2015-11-02T16:00:00-05:00'),
    );
    expect(due(oneDay, '2015-10-31T09:00:00-04:00')).toBe(
      iso('2015-11-03T08:30:00-05:00'),
    );
  });
});

describe('dueAt with business hours', () => {
  it('carries the rest of an hour count over the night', () => {
    const fourHours: SlaRule = { kind: 'business-hours', hours: 4 };
    expect(due(fourHours, '2015-02-13T15:00:00-05:00')).toBe(
      // Friday 15:00 + 2 h to 17:00; Monday 16 Feb is Presidents' Day.
      iso('2015-02-17T10:30:00-05:00'),
    );
  });

  it('follows a custom business day', () => {
    const calendar = createBusinessCalendar({
      ...BOSTON_CALENDAR,
      dayStart: '07:00',
      dayEnd: '15:00',
      weekdays: [1, 2, 3, 4, 5, 6],
      holidays: [],
    });
    const ms = dueAt(
      { rule: { kind: 'business-hours', hours: 10 } },
      at('2015-01-02T13:00:00-05:00'),
      calendar,
    );
    // Friday 2 h, Saturday 8 h: due at Saturday's close, so Monday 07:00.
    expect(new Date(ms ?? 0).toISOString()).toBe(
      iso('2015-01-05T07:00:00-05:00'),
    );
  });
});

describe('dueAt with calendar time', () => {
  it('gives no due time for a type without an SLA', () => {
    expect(due({ kind: 'none' }, '2015-01-01T00:00:00-05:00')).toBeNull();
  });

  it('adds elapsed hours, ignoring the wall clock', () => {
    const day: SlaRule = { kind: 'calendar-hours', hours: 24 };
    expect(due(day, '2015-03-07T12:00:00-05:00')).toBe(
      iso('2015-03-08T13:00:00-04:00'),
    );
  });

  it('keeps the clock time for calendar days across both DST changes', () => {
    const thirty: SlaRule = { kind: 'calendar-days', days: 30 };
    // Rodent Activity, 2015: 23 February 08:32:20 due 25 March 08:32:20.
    expect(due(thirty, '2015-02-23T08:32:20-05:00')).toBe(
      iso('2015-03-25T08:32:20-04:00'),
    );
    expect(due(thirty, '2015-10-20T09:00:00-04:00')).toBe(
      iso('2015-11-19T09:00:00-05:00'),
    );
  });
});

describe('businessTimeBetween', () => {
  it('counts only business hours, none on weekends or holidays', () => {
    const calendar = BOSTON_BUSINESS_CALENDAR;
    expect(
      businessTimeBetween(
        calendar,
        at('2015-01-16T16:00:00-05:00'),
        at('2015-01-20T09:30:00-05:00'),
      ),
    ).toBe(2 * HOUR);
    expect(
      businessTimeBetween(
        calendar,
        at('2015-01-20T09:30:00-05:00'),
        at('2015-01-16T16:00:00-05:00'),
      ),
    ).toBe(0);
  });
});
