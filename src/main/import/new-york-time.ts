/** Wall-clock parts in America/New_York; month 1-12, weekday 0 = Sunday. */
export type WallClock = {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  weekday: number;
};

const TIME_ZONE = 'America/New_York';

const formatter = new Intl.DateTimeFormat('en-US', {
  timeZone: TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
  weekday: 'short',
});

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export function newYorkWallClock(epochMs: number): WallClock {
  const parts: Record<string, string> = {};
  for (const part of formatter.formatToParts(new Date(epochMs))) {
    parts[part.type] = part.value;
  }

  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    millisecond: ((epochMs % 1000) + 1000) % 1000,
    weekday: WEEKDAYS.indexOf(parts.weekday ?? ''),
  };
}

function wallClockAsUtc(clock: Omit<WallClock, 'weekday'>): number {
  return Date.UTC(
    clock.year,
    clock.month - 1,
    clock.day,
    clock.hour,
    clock.minute,
    clock.second,
    clock.millisecond,
  );
}

/**
 * The instant at which New York clocks show `clock`. Near a DST change the
 * zone offset differs either side, so the guess is corrected once with the
 * offset in force at the first guess.
 */
export function newYorkWallClockToEpoch(
  clock: Omit<WallClock, 'weekday'>,
): number {
  const asUtc = wallClockAsUtc(clock);
  let epochMs = asUtc;

  for (let attempt = 0; attempt < 2; attempt += 1) {
    const offset = wallClockAsUtc(newYorkWallClock(epochMs)) - epochMs;
    epochMs = asUtc - offset;
  }

  return epochMs;
}
