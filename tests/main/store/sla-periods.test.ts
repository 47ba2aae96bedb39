import { describe, expect, it } from 'vitest';

import {
  bostonDay,
  bostonWeek,
  lastBostonDays,
} from '../../../src/main/store/sla-periods';

const at = (iso: string) => Date.parse(iso);
const HOUR = 3_600_000;

describe('Boston SLA periods', () => {
  it('starts the day at Boston midnight, not UTC midnight', () => {
    // 01:30 UTC on 12 March is still 11 March in Boston (EDT, UTC-4).
    expect(bostonDay(at('2025-03-12T01:30:00Z'))).toEqual({
      from: at('2025-03-11T04:00:00Z'),
      to: at('2025-03-12T04:00:00Z'),
    });
  });

  it('makes the spring-forward day 23 hours and the fall-back day 25', () => {
    const spring = bostonDay(at('2025-03-09T12:00:00Z'));
    const fall = bostonDay(at('2025-11-02T12:00:00Z'));

    expect(spring.to - spring.from).toBe(23 * HOUR);
    expect(fall.to - fall.from).toBe(25 * HOUR);
  });

  it('runs a week from Monday midnight across a DST change', () => {
    // Wednesday 5 March 2025; clocks go forward on Sunday the 9th.
    const week = bostonWeek(at('2025-03-05T17:00:00Z'));

    expect(week.from).toBe(at('2025-03-03T05:00:00Z'));
    expect(week.to).toBe(at('2025-03-10T04:00:00Z'));
    expect(week.to - week.from).toBe(7 * 24 * HOUR - HOUR);
  });

  it('puts Monday itself and Sunday night in the same week', () => {
    const monday = bostonWeek(at('2025-03-10T04:00:00Z'));
    const sunday = bostonWeek(at('2025-03-10T03:59:59.999Z'));

    expect(monday.from).toBe(at('2025-03-10T04:00:00Z'));
    expect(sunday.to).toBe(monday.from);
  });

  it('lists the last seven days, today last, each joined to the next', () => {
    const days = lastBostonDays(at('2025-03-12T15:00:00Z'), 7);

    expect(days).toHaveLength(7);
    expect(days[6]).toEqual(bostonDay(at('2025-03-12T15:00:00Z')));
    expect(days[0]!.from).toBe(at('2025-03-06T05:00:00Z'));
    for (let i = 1; i < days.length; i += 1) {
      expect(days[i]!.from).toBe(days[i - 1]!.to);
    }
  });
});
