import { newYorkWallClock } from '../../main/import/new-york-time';

const HOUR_MS = 60 * 60 * 1000;
const MAX_CACHED_HOURS = 50_000;

/**
 * Boston's UTC offset in minutes, by UTC hour. Offsets change only on
 * whole UTC hours (DST switches at 06:00 or 07:00 UTC), and asking Intl
 * for each of thousands of times per page is the slow part of an answer.
 */
const offsetByHour = new Map<number, number>();

function newYorkOffsetMinutes(epochMs: number): number {
  const hour = Math.floor(epochMs / HOUR_MS);
  const cached = offsetByHour.get(hour);
  if (cached !== undefined) return cached;

  const start = hour * HOUR_MS;
  const clock = newYorkWallClock(start);
  const wallAsUtc = Date.UTC(
    clock.year,
    clock.month - 1,
    clock.day,
    clock.hour,
    clock.minute,
    clock.second,
  );
  const offset = Math.round((wallAsUtc - start) / 60_000);

  if (offsetByHour.size >= MAX_CACHED_HOURS) offsetByHour.clear();
  offsetByHour.set(hour, offset);

  return offset;
}

const pad = (value: number) => String(value).padStart(2, '0');

/**
 * An ISO-8601 date-time with Boston's offset of the day, e.g.
 * 2015-01-31T08:30:00-05:00: what GeoReport v2 clients expect to read.
 */
export function toIsoNewYork(epochMs: number): string {
  const offset = newYorkOffsetMinutes(epochMs);
  const wall = new Date(Math.floor(epochMs / 1000) * 1000 + offset * 60_000);
  const abs = Math.abs(offset);

  return (
    wall.toISOString().slice(0, 19) +
    `${offset < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}
