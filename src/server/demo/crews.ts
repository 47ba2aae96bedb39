// The demo's crews as they stand at a given moment: today's shifts in
// Boston time, who is on shift, and what those on shift are doing.
import {
  newYorkWallClock,
  newYorkWallClockToEpoch,
} from '../../main/import/new-york-time';
import type { Crew, CrewStatus } from '../../shared/sync-protocol';
import { BOSTON_CREW_PLANS, DEPOTS, type CrewPlan } from './boston-crews';

/** Shift times, Boston wall clock: [hour, minute]. */
export const SHIFTS = {
  day: { start: [7, 0], end: [15, 30] },
  evening: { start: [15, 0], end: [23, 30] },
  // Ends the next morning.
  night: { start: [23, 0], end: [7, 30] },
} as const;

const HOUR = 3_600_000;

const ON_SHIFT: CrewStatus[] = ['available', 'en_route', 'on_site'];

function todayAt(now: number, [hour, minute]: readonly [number, number]) {
  const { year, month, day } = newYorkWallClock(now);

  return newYorkWallClockToEpoch({
    year,
    month,
    day,
    hour,
    minute,
    second: 0,
    millisecond: 0,
  });
}

/**
 * The shift that holds `now`, or else today's. An overnight shift that
 * holds `now` may have started yesterday; its end is on the day after its
 * start, found on the wall clock so DST nights come out right.
 */
function shiftAround(
  now: number,
  shift: (typeof SHIFTS)[keyof typeof SHIFTS],
): { shiftStart: number; shiftEnd: number } {
  const todayStart = todayAt(now, shift.start);
  const todayEnd = todayAt(now, shift.end);
  if (todayEnd > todayStart)
    return { shiftStart: todayStart, shiftEnd: todayEnd };

  // Overnight: the end falls on the wall-clock day after the start.
  const endAfter = (start: number) => todayAt(start + 12 * HOUR, shift.end);
  const yesterdayStart = todayAt(now - 24 * HOUR, shift.start);
  if (now < endAfter(yesterdayStart)) {
    return { shiftStart: yesterdayStart, shiftEnd: endAfter(yesterdayStart) };
  }
  return { shiftStart: todayStart, shiftEnd: endAfter(todayStart) };
}

function crewAt(plan: CrewPlan, index: number, now: number): Crew {
  const depot = DEPOTS[plan.depot];
  const { shiftStart, shiftEnd } = shiftAround(now, SHIFTS[plan.shift]);
  const onShift = now >= shiftStart && now < shiftEnd;
  const status = onShift ? ON_SHIFT[index % ON_SHIFT.length]! : 'off_shift';

  // Crews out on a job are a few blocks from their yard, spread by index.
  const away = status === 'en_route' || status === 'on_site';
  const dLat = away ? (((index * 7) % 9) - 4) * 0.002 : 0;
  const dLong = away ? (((index * 5) % 9) - 4) * 0.0025 : 0;

  return {
    crewId: plan.crewId,
    name: plan.name,
    depot: depot.name,
    depotLat: depot.lat,
    depotLong: depot.long,
    lastLat: status === 'off_shift' ? null : depot.lat + dLat,
    lastLong: status === 'off_shift' ? null : depot.long + dLong,
    status,
    queues: [...plan.queues],
    shiftStart,
    shiftEnd,
    version: 1,
  };
}

/**
 * Boston's demo crews at `now`: day (07:00-15:30), evening (15:00-23:30)
 * and night (23:00-07:30) shifts in America/New_York; crews outside their
 * shift are off_shift.
 */
export function bostonCrews(now: number): Crew[] {
  return BOSTON_CREW_PLANS.map((plan, index) => crewAt(plan, index, now));
}
