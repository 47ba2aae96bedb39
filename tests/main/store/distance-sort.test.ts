import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { openStore, type Store } from '../../../src/main/store/store';
import type { QueueFilter } from '../../../src/shared/contract';
import type { ServiceRequest } from '../../../src/shared/domain';
import { randomRequests } from './random-requests';

const FROM = { lat: 42.3, long: -71.1 };
const NO_SLA = Number.MAX_SAFE_INTEGER;
const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Distance on a flat map around FROM (longitude shrunk by the cosine of
 * its latitude), as the store defines it: within a city it orders
 * requests as the ground distance does, bar near-ties.
 */
function flatDistance(lat: number, long: number): number {
  const dx = (long - FROM.long) * Math.cos((FROM.lat * Math.PI) / 180);
  const dy = lat - FROM.lat;
  return Math.hypot(dx, dy);
}

/** Located requests nearest first, then the rest by due time. */
function reference(all: ServiceRequest[], filter: QueueFilter): string[] {
  const open = all.filter(
    (r) =>
      r.status === 'open' &&
      (!filter.types?.length || filter.types.includes(r.serviceName)),
  );
  const located = open
    .filter((r) => r.lat !== null && r.long !== null)
    .map((r) => ({
      r,
      metres: flatDistance(r.lat ?? 0, r.long ?? 0),
    }))
    .sort(
      (a, b) =>
        a.metres - b.metres ||
        compareIds(a.r.serviceRequestId, b.r.serviceRequestId),
    )
    .map(({ r }) => r);
  const unlocated = open
    .filter((r) => r.lat === null)
    .sort(
      (a, b) =>
        (a.slaDueAt ?? NO_SLA) - (b.slaDueAt ?? NO_SLA) ||
        a.requestedAt - b.requestedAt ||
        compareIds(a.serviceRequestId, b.serviceRequestId),
    );

  return [...located, ...unlocated].map((r) => r.serviceRequestId);
}

describe('the distance sort', () => {
  let store: Store;
  let all: ServiceRequest[];
  const sort = { by: 'distance' as const, from: FROM };

  beforeEach(() => {
    store = openStore(':memory:');
    all = randomRequests(400, 17);
    store.upsertRequests(all);
  });
  afterEach(() => store.close());

  it('lists the nearest first and requests without a location last', () => {
    for (const filter of [{}, { types: ['Pothole', 'Sign'] }]) {
      const expected = reference(all, filter);
      const seen: string[] = [];
      for (let offset = 0; offset < expected.length + 30; offset += 30) {
        const page = store.listQueue({ filter, sort, offset, limit: 30 });
        expect(page.total).toBe(expected.length);
        seen.push(...page.rows.map((row) => row.serviceRequestId));
      }

      expect(seen).toEqual(expected);
      expect(seen.length).toBeGreaterThan(0);
    }
  });

  it('pages across the boundary between located and unlocated requests', () => {
    const expected = reference(all, {});
    const located = all.filter((r) => r.status === 'open' && r.lat !== null);
    const offset = located.length - 3;

    const page = store.listQueue({ filter: {}, sort, offset, limit: 10 });

    expect(page.rows.map((row) => row.serviceRequestId)).toEqual(
      expected.slice(offset, offset + 10),
    );
    expect(page.rows.map((row) => row.hasLocation)).toEqual([
      ...new Array<boolean>(3).fill(true),
      ...new Array<boolean>(7).fill(false),
    ]);
  });

  it('locates requests at the index paging shows them at', () => {
    const expected = reference(all, {});
    for (const index of [0, 7, 150, expected.length - 1]) {
      const id = expected[index] ?? '';
      expect(store.locateInQueue({ id, filter: {}, sort })).toBe(index);
    }
    const closed = all.find((r) => r.status === 'closed');
    expect(
      store.locateInQueue({
        id: closed?.serviceRequestId ?? '',
        filter: {},
        sort,
      }),
    ).toBeNull();
  });
});
