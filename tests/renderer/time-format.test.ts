import { describe, expect, it } from 'vitest';

import {
  formatCountdown,
  formatDueTime,
  formatDuration,
} from '../../src/renderer/src/queue/time-format';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('formatDuration', () => {
  it.each([
    [3 * DAY + 4 * HOUR + 59 * MINUTE, '3 d 4 h'],
    [2 * DAY, '2 d'],
    [5 * HOUR + 12 * MINUTE, '5 h 12 min'],
    [HOUR, '1 h'],
    [7 * MINUTE + 30_000, '7 min'],
    [20_000, '< 1 min'],
    [-5 * MINUTE, '< 1 min'],
  ])('writes %i ms as "%s"', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('formatCountdown', () => {
  const now = Date.UTC(2025, 0, 10, 12);

  it('counts down to a future due time', () => {
    expect(formatCountdown(now + 2 * HOUR + 5 * MINUTE, now)).toBe(
      'in 2 h 5 min',
    );
  });

  it('says how late a breached request is', () => {
    expect(formatCountdown(now - (DAY + 3 * HOUR), now)).toBe('1 d 3 h late');
  });
});

describe('formatDueTime', () => {
  const zone = 'America/New_York';
  const now = Date.UTC(2025, 2, 4, 15); // 10:00 in Boston

  it('writes only the clock time for a request due today', () => {
    expect(formatDueTime(Date.UTC(2025, 2, 4, 21, 30), now, zone)).toBe(
      '16:30',
    );
  });

  it('adds the date for another day, in the given time zone', () => {
    // 02:00 UTC on the 5th is still the 4th in Boston.
    expect(formatDueTime(Date.UTC(2025, 2, 5, 2), now, zone)).toBe('21:00');
    expect(formatDueTime(Date.UTC(2025, 2, 6, 14), now, zone)).toBe(
      'Mar 6, 09:00',
    );
  });
});
