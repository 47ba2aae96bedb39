import { describe, expect, it } from 'vitest';

import {
  MAX_SUGGESTIONS,
  WORKLOAD_METRES,
  suggestCrews,
} from '../../../src/main/dispatch/crew-suggestions';
import { metresBetween } from '../../../src/shared/geo-distance';
import type { Crew } from '../../../src/shared/sync-protocol';

const NOW = Date.parse('2026-05-01T12:00:00-04:00');
const HOUR = 3_600_000;
const QUEUE = 'PWDx_District 04: Allston/Brighton';
// A pothole outside Brighton's yard on Western Ave.
const REQUEST = { lat: 42.3633, long: -71.138, queue: QUEUE };

function crew(id: string, overrides: Partial<Crew> = {}): Crew {
  return {
    crewId: id,
    name: `Crew ${id}`,
    depot: 'Brighton yard',
    depotLat: 42.3633,
    depotLong: -71.138,
    lastLat: null,
    lastLong: null,
    status: 'available',
    queues: [QUEUE],
    shiftStart: NOW - 4 * HOUR,
    shiftEnd: NOW + 4 * HOUR,
    version: 1,
    ...overrides,
  };
}

/** A position `metres` north of the request. */
const north = (metres: number) => ({
  lastLat: REQUEST.lat + metres / 111_195,
  lastLong: REQUEST.long,
});

describe('crew suggestions', () => {
  it('puts the nearest suitable crew first and says why', () => {
    const crews = [
      crew('far', north(3000)),
      crew('near', { ...north(200), status: 'en_route' }),
      crew('middle', north(900)),
    ];

    const { suggestions, none } = suggestCrews(REQUEST, crews, new Map(), NOW);

    expect(none).toBeNull();
    expect(suggestions.map((s) => s.crewId)).toEqual(['near', 'middle', 'far']);
    expect(suggestions[0]!.distanceM).toBeGreaterThan(190);
    expect(suggestions[0]!.distanceM).toBeLessThan(210);
    expect(suggestions[0]!.from).toBe('last_position');
    expect(suggestions[0]!.reasons).toEqual([
      `serves ${QUEUE}`,
      'en route to another job',
      '200 m from its last position',
      'no open assignments',
    ]);
  });

  it('leaves out crews off shift, outside their shift, or not serving the queue', () => {
    const crews = [
      crew('off', { ...north(10), status: 'off_shift' }),
      crew('ended', { ...north(20), shiftEnd: NOW - 1 }),
      crew('not-yet', { ...north(30), shiftStart: NOW + 1 }),
      crew('other-queue', { ...north(40), queues: ['PARK_Maintenance'] }),
      crew('ok', north(5000)),
    ];

    const { suggestions } = suggestCrews(REQUEST, crews, new Map(), NOW);

    expect(suggestions.map((s) => s.crewId)).toEqual(['ok']);
  });

  it('weighs workload against distance', () => {
    const crews = [crew('busy', north(100)), crew('free', north(1200))];

    const busy = new Map([['busy', 1]]);
    const ranked = suggestCrews(REQUEST, crews, busy, NOW).suggestions;
    expect(ranked.map((s) => s.crewId)).toEqual(['free', 'busy']);
    expect(ranked[1]!.reasons).toContain('1 open assignment');

    // Far enough away, the free crew no longer wins.
    const farFree = [
      crew('busy', north(100)),
      crew('free', north(100 + WORKLOAD_METRES + 500)),
    ];
    expect(
      suggestCrews(REQUEST, farFree, busy, NOW).suggestions[0]!.crewId,
    ).toBe('busy');
  });

  it('measures from the depot when the last position is unknown', () => {
    const depot = { depotLat: REQUEST.lat + 0.01, depotLong: REQUEST.long };
    const [only] = suggestCrews(
      REQUEST,
      [crew('a', depot)],
      new Map(),
      NOW,
    ).suggestions;

    expect(only!.from).toBe('depot');
    expect(only!.distanceM).toBe(
      Math.round(
        metresBetween(REQUEST.lat, REQUEST.long, depot.depotLat, REQUEST.long),
      ),
    );
    expect(only!.reasons).toContain('1.1 km from Brighton yard');
  });

  it('ranks by workload alone for a request with no location', () => {
    const crews = [crew('two', north(10)), crew('zero', north(9000))];
    const workloads = new Map([['two', 2]]);

    const { suggestions } = suggestCrews(
      { lat: null, long: null, queue: QUEUE },
      crews,
      workloads,
      NOW,
    );

    expect(suggestions.map((s) => s.crewId)).toEqual(['zero', 'two']);
    expect(suggestions[0]!.distanceM).toBeNull();
  });

  it('offers at most a handful', () => {
    const crews = Array.from({ length: 12 }, (_, i) =>
      crew(`c${i}`, north(100 * (i + 1))),
    );

    expect(
      suggestCrews(REQUEST, crews, new Map(), NOW).suggestions,
    ).toHaveLength(MAX_SUGGESTIONS);
  });

  it('explains when no crew can be suggested', () => {
    const offShift = [crew('a', { status: 'off_shift' })];

    expect(suggestCrews(REQUEST, offShift, new Map(), NOW).none).toMatch(
      /Every crew serving PWDx_District 04.* is off shift now/,
    );
    expect(suggestCrews(REQUEST, [], new Map(), NOW).none).toMatch(
      /No crew serves PWDx_District 04/,
    );
    expect(
      suggestCrews({ ...REQUEST, queue: null }, offShift, new Map(), NOW).none,
    ).toMatch(/no work queue/);
  });
});
