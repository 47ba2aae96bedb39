import { resolve } from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import { readBostonCsv } from '../../../src/main/import/boston-csv-rows';
import { newYorkWallClock } from '../../../src/main/import/new-york-time';
import { BOSTON_CREW_PLANS } from '../../../src/server/demo/boston-crews';
import { bostonCrews } from '../../../src/server/demo/crews';
import { crewSchema } from '../../../src/shared/sync-protocol';

const DATA = resolve(
  import.meta.dirname,
  '../../../resources/seed/boston311-2015-jan-sep.csv.gz',
);

// Boston's city limits, generously: Hyde Park to East Boston, Brighton to the harbour.
const BOSTON = { south: 42.227, north: 42.397, west: -71.191, east: -70.986 };

/** Noon, a morning, late evening and both DST change days. */
const MOMENTS = [
  '2026-05-01T12:00:00-04:00',
  '2026-01-15T06:30:00-05:00',
  '2026-07-04T23:45:00-04:00',
  '2026-03-08T10:00:00-04:00',
  '2026-11-01T16:00:00-05:00',
].map((text) => Date.parse(text));

const MOMENTS_NOON = '2026-05-01T12:00:00-04:00';

let dataQueues: Set<string>;

beforeAll(async () => {
  dataQueues = new Set();
  for await (const rows of readBostonCsv(DATA)) {
    for (const row of rows) {
      if (row.ok && row.request.queue !== null) {
        dataQueues.add(row.request.queue);
      }
    }
  }
}, 60_000);

describe('the Boston demo crews', () => {
  it('are valid crews with unique ids', () => {
    for (const now of MOMENTS) {
      const crews = bostonCrews(now);

      expect(crews.length).toBe(BOSTON_CREW_PLANS.length);
      for (const crew of crews) expect(crewSchema.parse(crew)).toEqual(crew);
      expect(new Set(crews.map((c) => c.crewId)).size).toBe(crews.length);
    }
  });

  it('serve only queues that exist in the data, covering every district', () => {
    const crews = bostonCrews(MOMENTS[0]!);
    const served = new Set(crews.flatMap((crew) => crew.queues));
    const districts = [...dataQueues].filter((q) =>
      q.startsWith('PWDx_District '),
    );

    expect(dataQueues.size).toBeGreaterThan(50);
    expect([...served].filter((q) => !dataQueues.has(q))).toEqual([]);
    expect(districts.length).toBe(13);
    for (const district of districts) {
      expect(
        crews.filter((crew) => crew.queues.includes(district)).length,
      ).toBeGreaterThanOrEqual(2);
    }
  });

  it('have depots and positions inside Boston', () => {
    for (const crew of bostonCrews(MOMENTS[0]!)) {
      const points: [number, number][] = [[crew.depotLat, crew.depotLong]];
      if (crew.lastLat !== null && crew.lastLong !== null) {
        points.push([crew.lastLat, crew.lastLong]);
      }
      for (const [lat, long] of points) {
        expect(lat).toBeGreaterThan(BOSTON.south);
        expect(lat).toBeLessThan(BOSTON.north);
        expect(long).toBeGreaterThan(BOSTON.west);
        expect(long).toBeLessThan(BOSTON.east);
      }
    }
  });

  it('work today’s day or evening shift, Boston time, even on DST days', () => {
    for (const now of MOMENTS) {
      const today = newYorkWallClock(now);

      for (const crew of bostonCrews(now)) {
        if (crew.crewId.endsWith('-night')) continue;
        const start = newYorkWallClock(crew.shiftStart);
        const end = newYorkWallClock(crew.shiftEnd);
        const shift = `${start.hour}:${start.minute}-${end.hour}:${end.minute}`;

        expect([start.year, start.month, start.day]).toEqual([
          today.year,
          today.month,
          today.day,
        ]);
        expect([end.day]).toEqual([today.day]);
        expect(['7:0-15:30', '15:0-23:30']).toContain(shift);
        expect(crew.shiftEnd - crew.shiftStart).toBe(8.5 * 60 * 60 * 1000);
      }
    }
  });

  it('keep a night crew in every district, on shift across midnight', () => {
    const HOUR = 60 * 60 * 1000;
    const nights = [
      // Before midnight, after midnight, and the nights clocks change.
      ['2026-05-01T23:30:00-04:00', 8.5 * HOUR],
      ['2026-05-02T03:00:00-04:00', 8.5 * HOUR],
      ['2026-03-08T02:30:00-05:00', 7.5 * HOUR],
      ['2026-11-01T01:30:00-04:00', 9.5 * HOUR],
    ] as const;

    for (const [text, length] of nights) {
      const now = Date.parse(text);
      const night = bostonCrews(now).filter((c) => c.crewId.endsWith('-night'));

      expect(night.length).toBe(13);
      for (const crew of night) {
        expect(crew.status, `${crew.crewId} at ${text}`).not.toBe('off_shift');
        expect(crew.shiftStart).toBeLessThanOrEqual(now);
        expect(crew.shiftEnd).toBeGreaterThan(now);
        expect(crew.shiftEnd - crew.shiftStart).toBe(length);
        const start = newYorkWallClock(crew.shiftStart);
        const end = newYorkWallClock(crew.shiftEnd);
        expect([start.hour, start.minute, end.hour, end.minute]).toEqual([
          23, 0, 7, 30,
        ]);
      }
    }

    // At noon the night crews are off, their next shift still ahead.
    const noon = Date.parse(MOMENTS_NOON);
    for (const crew of bostonCrews(noon)) {
      if (!crew.crewId.endsWith('-night')) continue;
      expect(crew.status).toBe('off_shift');
      expect(crew.shiftStart).toBeGreaterThan(noon);
    }
  });

  it('are off shift exactly when now is outside their shift', () => {
    for (const now of MOMENTS) {
      const crews = bostonCrews(now);

      for (const crew of crews) {
        const onShift = now >= crew.shiftStart && now < crew.shiftEnd;
        expect(crew.status === 'off_shift').toBe(!onShift);
        expect(crew.lastLat === null).toBe(!onShift);
      }
    }

    const noon = bostonCrews(MOMENTS[0]!);
    const statuses = new Set(noon.map((crew) => crew.status));
    expect([...statuses].sort()).toEqual([
      'available',
      'en_route',
      'off_shift',
      'on_site',
    ]);
  });
});
