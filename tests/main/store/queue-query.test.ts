import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { QueueFilter, QueueSort } from '../../../src/shared/contract';
import type { ServiceRequest } from '../../../src/shared/domain';
import { openStore, type Store } from '../../../src/main/store/store';
import {
  NEIGHBORHOODS,
  TYPES,
  randomRequests,
  request,
  seededRandom,
} from './random-requests';

const NO_SLA = Number.MAX_SAFE_INTEGER;

/** The queue order the store must produce, written independently in JS. */
function reference(
  all: ServiceRequest[],
  filter: QueueFilter,
  sort: QueueSort,
): ServiceRequest[] {
  const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

  return all
    .filter((r) => r.status === 'open')
    .filter(
      (r) => !filter.types?.length || filter.types.includes(r.serviceName),
    )
    .filter(
      (r) =>
        !filter.neighborhoods?.length ||
        filter.neighborhoods.includes(r.neighborhood ?? ''),
    )
    .sort((a, b) => {
      if (sort === 'due') {
        const due = (a.slaDueAt ?? NO_SLA) - (b.slaDueAt ?? NO_SLA);
        if (due !== 0) return due;
      }
      return (
        a.requestedAt - b.requestedAt ||
        compareIds(a.serviceRequestId, b.serviceRequestId)
      );
    });
}

function randomFilter(next: () => number): QueueFilter {
  const some = <T>(values: readonly T[]) => values.filter(() => next() < 0.4);
  const filter: QueueFilter = {};
  if (next() < 0.5) filter.types = some(TYPES);
  if (next() < 0.5) {
    filter.neighborhoods = some(NEIGHBORHOODS).map((n) => n ?? '');
  }
  return filter;
}

describe('queue queries', () => {
  let store: Store;
  let all: ServiceRequest[];

  beforeEach(() => {
    store = openStore(':memory:');
    all = randomRequests(600, 7);
    store.upsertRequests(all);
  });
  afterEach(() => store.close());

  it('pages, sorts and filters open requests exactly as the reference', () => {
    const next = seededRandom(99);

    for (let round = 0; round < 150; round += 1) {
      const filter = randomFilter(next);
      const sort: QueueSort = next() < 0.5 ? 'due' : 'age';
      const expected = reference(all, filter, sort);
      const offset = Math.floor(next() * (expected.length + 5));
      const limit = 1 + Math.floor(next() * 60);

      const page = store.listQueue({ filter, sort, offset, limit });

      expect(page.total).toBe(expected.length);
      expect(page.offset).toBe(offset);
      expect(page.rows.map((row) => row.serviceRequestId)).toEqual(
        expected.slice(offset, offset + limit).map((r) => r.serviceRequestId),
      );
    }
  });

  it('fills queue rows from the request, with hasLocation and dispatch state', () => {
    const page = store.listQueue({
      filter: {},
      sort: 'age',
      offset: 0,
      limit: 500,
    });

    for (const row of page.rows) {
      const source = all.find(
        (r) => r.serviceRequestId === row.serviceRequestId,
      );
      expect(row).toEqual({
        serviceRequestId: source?.serviceRequestId,
        serviceName: source?.serviceName,
        address: source?.address,
        neighborhood: source?.neighborhood,
        queue: source?.queue,
        requestedAt: source?.requestedAt,
        slaDueAt: source?.slaDueAt,
        hasLocation: source?.lat !== null,
        // Imported rows have no dispatch state yet.
        workStatus: 'open',
        assignedCrewId: null,
        pending: false,
      });
    }
  });

  it('walks pages without gaps or repeats when many rows tie', () => {
    const ties = Array.from({ length: 250 }, (_, i) =>
      request(`T-${(i * 7919) % 1000}`, { slaDueAt: 5, requestedAt: 1 }),
    );
    const tieStore = openStore(':memory:');
    tieStore.upsertRequests(ties);

    const seen: string[] = [];
    for (let offset = 0; offset < 250; offset += 33) {
      const page = tieStore.listQueue({
        filter: {},
        sort: 'due',
        offset,
        limit: 33,
      });
      seen.push(...page.rows.map((row) => row.serviceRequestId));
    }
    tieStore.close();

    expect(seen).toEqual(ties.map((t) => t.serviceRequestId).sort());
  });

  it('locates a request at the index paging shows it at', () => {
    const next = seededRandom(5);

    for (let round = 0; round < 60; round += 1) {
      const filter = randomFilter(next);
      const sort: QueueSort = next() < 0.5 ? 'due' : 'age';
      const target = all[Math.floor(next() * all.length)] as ServiceRequest;
      const expected = reference(all, filter, sort).findIndex(
        (r) => r.serviceRequestId === target.serviceRequestId,
      );

      const index = store.locateInQueue({
        id: target.serviceRequestId,
        filter,
        sort,
      });

      expect(index).toBe(expected === -1 ? null : expected);
      if (index !== null) {
        const page = store.listQueue({ filter, sort, offset: index, limit: 1 });
        expect(page.rows[0]?.serviceRequestId).toBe(target.serviceRequestId);
      }
    }
  });

  it('locates nothing for an unknown or closed request', () => {
    const closed = all.find((r) => r.status === 'closed');

    expect(
      store.locateInQueue({ id: 'nope', filter: {}, sort: 'due' }),
    ).toBeNull();
    expect(
      store.locateInQueue({
        id: closed?.serviceRequestId ?? 'missing',
        filter: {},
        sort: 'due',
      }),
    ).toBeNull();
  });

  it('counts facets over open requests, most frequent first', () => {
    const open = all.filter((r) => r.status === 'open');
    const countBy = (key: (r: ServiceRequest) => string) => {
      const counts = new Map<string, number>();
      for (const r of open) counts.set(key(r), (counts.get(key(r)) ?? 0) + 1);
      return [...counts]
        .map(([value, count]) => ({ value, count }))
        .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
    };

    const facets = store.getQueueFacets();

    expect(facets.types).toEqual(countBy((r) => r.serviceName));
    expect(facets.neighborhoods).toEqual(countBy((r) => r.neighborhood ?? ''));
    expect(facets.neighborhoods.some((f) => f.value === '')).toBe(true);
  });

  it('maps only open requests that have a location, most urgent last', () => {
    const filter = { types: ['Pothole', 'Sign'] };
    // Drawn in this order: the most urgent on top.
    const expected = reference(all, filter, 'due')
      .filter((r) => r.lat !== null)
      .reverse();

    const points = store.getMapPoints(filter);

    expect(points.ids).toEqual(expected.map((r) => r.serviceRequestId));
    expect(points.coords).toEqual(expected.flatMap((r) => [r.long, r.lat]));
    expect(points.requestedAt).toEqual(expected.map((r) => r.requestedAt));
    expect(points.slaDueAt).toEqual(expected.map((r) => r.slaDueAt));
  });

  it('uses the sort-index walk and the match sort alike', () => {
    // A broad filter deep in the list takes the index walk; a narrow one
    // sorts its matches. Both must give the reference order.
    const big = randomRequests(3000, 11);
    const bigStore = openStore(':memory:');
    bigStore.upsertRequests(big);

    for (const filter of [
      { types: TYPES.slice(0, 3) },
      { types: ['Sign'], neighborhoods: ['Roxbury'] },
      { neighborhoods: ['', 'Dorchester', 'Roxbury'] },
    ]) {
      for (const offset of [0, 400, 1500]) {
        const expected = reference(big, filter, 'due')
          .slice(offset, offset + 50)
          .map((r) => r.serviceRequestId);
        const page = bigStore.listQueue({
          filter,
          sort: 'due',
          offset,
          limit: 50,
        });
        expect(page.rows.map((row) => row.serviceRequestId)).toEqual(expected);
      }
    }
    bigStore.close();
  });
});
