import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { QueueFilter, QueueSort } from '../../../src/shared/contract';
import { slaState } from '../../../src/shared/domain';
import {
  CREWS,
  DEPARTMENTS,
  QUEUES,
  openFilteredStore,
  type DispatchedRequest,
  type FilteredStore,
} from './filtered-store';
import { randomRequests, seededRandom } from './random-requests';

const NO_SLA = Number.MAX_SAFE_INTEGER;
const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** What the new filters keep, written independently of the SQL. */
function keeps(r: DispatchedRequest, filter: QueueFilter): boolean {
  const among = (values: string[] | undefined, value: string | null) =>
    !values?.length || (value !== null && values.includes(value));

  return (
    r.status === 'open' &&
    among(filter.queues, r.queue) &&
    among(filter.departments, r.department) &&
    among(filter.workStatuses, r.workStatus) &&
    among(filter.crewIds, r.assignedCrewId) &&
    (filter.assigned === undefined ||
      filter.assigned === (r.assignedCrewId !== null)) &&
    (!filter.slaStates?.length ||
      filter.slaStates.includes(
        slaState(r.requestedAt, r.slaDueAt, filter.now ?? 0),
      ))
  );
}

function reference(
  all: DispatchedRequest[],
  filter: QueueFilter,
  sort: 'due' | 'age',
): string[] {
  return all
    .filter((r) => keeps(r, filter))
    .sort((a, b) => {
      if (sort === 'due') {
        const due = (a.slaDueAt ?? NO_SLA) - (b.slaDueAt ?? NO_SLA);
        if (due !== 0) return due;
      }
      return (
        a.requestedAt - b.requestedAt ||
        compareIds(a.serviceRequestId, b.serviceRequestId)
      );
    })
    .map((r) => r.serviceRequestId);
}

function randomFilter(next: () => number, now: number): QueueFilter {
  const some = <T>(values: readonly T[]) => values.filter(() => next() < 0.4);
  const filter: QueueFilter = {};
  if (next() < 0.3) filter.queues = some(QUEUES);
  if (next() < 0.3) filter.departments = some(DEPARTMENTS);
  if (next() < 0.3) {
    filter.workStatuses = some([
      'open',
      'assigned',
      'in_progress',
      'resolved',
    ] as const);
  }
  if (next() < 0.2) filter.crewIds = some(CREWS);
  if (next() < 0.2) filter.assigned = next() < 0.5;
  if (next() < 0.4) {
    filter.slaStates = some([
      'on_track',
      'at_risk',
      'breached',
      'no_sla',
    ] as const);
    filter.now = now;
  }
  return filter;
}

const ids = (
  store: FilteredStore['store'],
  filter: QueueFilter,
  sort: QueueSort,
) =>
  store
    .listQueue({ filter, sort, offset: 0, limit: 500 })
    .rows.map((row) => row.serviceRequestId);

describe('queue filters', () => {
  let fixture: FilteredStore;

  beforeEach(() => {
    fixture = openFilteredStore(randomRequests(500, 11), seededRandom(3));
  });
  afterEach(() => fixture.close());

  it.each<[string, QueueFilter]>([
    ['a queue', { queues: ['BTDT_Signs'] }],
    ['departments', { departments: ['PWDx', 'INFO'] }],
    ['work statuses', { workStatuses: ['in_progress', 'resolved'] }],
    ['assigned', { assigned: true }],
    ['unassigned', { assigned: false }],
    ['a crew', { crewIds: ['PWD-04-B'] }],
  ])('keeps only the requests of %s', (_name, filter) => {
    const expected = reference(fixture.all, filter, 'due');

    expect(expected.length).toBeGreaterThan(0);
    expect(ids(fixture.store, filter, 'due')).toEqual(expected);
  });

  it('combines filters, pages and counts exactly as the reference', () => {
    const next = seededRandom(21);
    const now = 1_430_000_000_000 + 3 * 3_600_000;

    for (let round = 0; round < 120; round += 1) {
      const filter = randomFilter(next, now + Math.floor(next() * 4e7));
      const sort = next() < 0.5 ? 'due' : 'age';
      const expected = reference(fixture.all, filter, sort);
      const offset = Math.floor(next() * (expected.length + 3));
      const page = fixture.store.listQueue({ filter, sort, offset, limit: 40 });

      expect(page.total).toBe(expected.length);
      expect(page.rows.map((row) => row.serviceRequestId)).toEqual(
        expected.slice(offset, offset + 40),
      );
    }
  });

  it('locates a request under the new filters, or says it is filtered out', () => {
    const filter: QueueFilter = { assigned: true, departments: ['PWDx'] };
    const expected = reference(fixture.all, filter, 'age');
    const inside = expected[Math.floor(expected.length / 2)] ?? '';
    const outside = fixture.all.find((r) => r.assignedCrewId === null);

    expect(
      fixture.store.locateInQueue({ id: inside, filter, sort: 'age' }),
    ).toBe(expected.indexOf(inside));
    expect(
      fixture.store.locateInQueue({
        id: outside?.serviceRequestId ?? '',
        filter,
        sort: 'age',
      }),
    ).toBeNull();
  });

  it('counts queues, departments and crews among the facets', () => {
    const facets = fixture.store.getQueueFacets();
    const open = fixture.all.filter((r) => r.status === 'open');
    const count = (
      pick: (r: DispatchedRequest) => string | null,
      value: string,
    ) => open.filter((r) => pick(r) === value).length;

    for (const facet of facets.queues) {
      expect(facet.count).toBe(count((r) => r.queue, facet.value));
    }
    expect(facets.departments.map((f) => f.value).sort()).toEqual(
      [...DEPARTMENTS].sort(),
    );
    expect(facets.crews.map((f) => f.value).sort()).toEqual([...CREWS].sort());
    // Crews this console has no record of are named by their id.
    expect(facets.crews.every((f) => f.name === f.value)).toBe(true);
  });

  it('gives the map the same requests the queue lists', () => {
    const filter: QueueFilter = { workStatuses: ['open'], queues: QUEUES };
    const listed = reference(fixture.all, filter, 'due');
    const located = new Set(
      fixture.all.filter((r) => r.lat !== null).map((r) => r.serviceRequestId),
    );

    const points = fixture.store.getMapPoints(filter);

    expect([...points.ids].sort()).toEqual(
      listed.filter((id) => located.has(id)).sort(),
    );
  });
});
