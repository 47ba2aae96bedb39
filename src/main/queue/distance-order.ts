// The queue in distance order from a point: located requests nearest
// first, then those with no location in time-to-breach order. Distance is
// on a flat projection around the point, which orders a city's requests as
// the ground distance does.
import type { DistanceSort } from '../../shared/contract';
import type { SlotTest } from './filter-match';
import type { OpenRequests } from './open-requests';

export function distanceOrder(
  index: OpenRequests,
  from: DistanceSort['from'],
  test: SlotTest | null,
): number[] {
  const shrink = Math.cos((from.lat * Math.PI) / 180);
  const located: number[] = [];
  const unlocated: number[] = [];

  for (const slot of index.byDue.slots()) {
    if (test !== null && !test(slot)) continue;
    if (Number.isNaN(index.lat[slot]!)) unlocated.push(slot);
    else located.push(slot);
  }

  const distance = new Float64Array(index.lat.length);
  for (const slot of located) {
    const dx = (index.long[slot]! - from.long) * shrink;
    const dy = index.lat[slot]! - from.lat;
    distance[slot] = dx * dx + dy * dy;
  }
  const ids = index.ids;
  located.sort(
    (a, b) =>
      distance[a]! - distance[b]! ||
      (ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : 0),
  );

  return located.concat(unlocated);
}
