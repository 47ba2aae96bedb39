import { describe, expect, it } from 'vitest';

import {
  boundedWork,
  ROSTER_WORK_ROWS,
} from '../../src/renderer/src/crews/crew-work';
import {
  AT_DEPOT_METRES,
  lastSeenWords,
} from '../../src/renderer/src/crews/last-seen';
import type { QueueRow } from '../../src/shared/domain';

// Frontage Road yard; a thousandth of a degree of latitude is about 111 m.
const DEPOT = { depotLat: 42.3393, depotLong: -71.0609 };
const seenAt = (dLat: number, dLong: number) => ({
  ...DEPOT,
  lastLat: DEPOT.depotLat + dLat,
  lastLong: DEPOT.depotLong + dLong,
});

describe('where a crew was last seen, in words', () => {
  it('says how far and which way from the depot', () => {
    expect(lastSeenWords(seenAt(0.008, 0.0107))).toBe('1.3 km NE of the depot');
    expect(lastSeenWords(seenAt(-0.004, 0))).toBe('440 m S of the depot');
    expect(lastSeenWords(seenAt(0, -0.03))).toBe('2.5 km W of the depot');
  });

  it('puts a crew within a short walk of its depot at the depot', () => {
    const metresNorth = (AT_DEPOT_METRES - 10) / 111_195;

    expect(lastSeenWords(seenAt(metresNorth, 0))).toBe('at the depot');
    expect(lastSeenWords(seenAt(0, 0))).toBe('at the depot');
  });

  it('says nothing of a crew that reported no position', () => {
    expect(
      lastSeenWords({ ...DEPOT, lastLat: null, lastLong: null }),
    ).toBeNull();
    expect(
      lastSeenWords({ ...DEPOT, lastLat: 42.3, lastLong: null }),
    ).toBeNull();
  });
});

const row = (id: string): QueueRow => ({
  serviceRequestId: id,
  serviceName: 'Pothole',
  address: null,
  neighborhood: null,
  queue: null,
  requestedAt: 0,
  slaDueAt: null,
  hasLocation: false,
  workStatus: 'assigned',
  assignedCrewId: 'C1',
  pending: false,
});

const rows = (count: number) =>
  Array.from({ length: count }, (_, at) => row(`R${at}`));

describe("a crew's listed assignments", () => {
  it('lists them all when there are few', () => {
    const { shown, more } = boundedWork(rows(3), 3);

    expect(shown.map((r) => r.serviceRequestId)).toEqual(['R0', 'R1', 'R2']);
    expect(more).toBe(0);
  });

  it('lists the first few of a busy crew and counts the rest', () => {
    const { shown, more } = boundedWork(rows(ROSTER_WORK_ROWS), 42);

    expect(shown).toHaveLength(ROSTER_WORK_ROWS);
    expect(shown[0]?.serviceRequestId).toBe('R0');
    expect(more).toBe(42 - ROSTER_WORK_ROWS);
  });

  it('cuts rows beyond its own bound, counting them as more', () => {
    const { shown, more } = boundedWork(rows(8), 8, 5);

    expect(shown).toHaveLength(5);
    expect(more).toBe(3);
  });

  it('counts assignments whose rows have not been read yet as more', () => {
    const { shown, more } = boundedWork(rows(2), 4);

    expect(shown).toHaveLength(2);
    expect(more).toBe(2);
  });

  it('lists nothing for a crew with no open work', () => {
    expect(boundedWork([], 0)).toEqual({ shown: [], more: 0 });
  });
});
