import { afterEach, describe, expect, it, vi } from 'vitest';

import {
  OpenRequests,
  type OpenRecord,
} from '../../../src/main/queue/open-requests';
import {
  createDuplicateWatch,
  type DuplicateWatch,
} from '../../../src/main/services/duplicate-watch';
import { openStore, type Store } from '../../../src/main/store/store';
import { DAY, HOUR, metresFrom, ORIGIN, T0 } from './dup-case';

const NOW = T0 + 3 * HOUR;

/** An open Graffiti Removal at 10 Tremont St, unless told otherwise. */
function record(id: string, extra: Partial<OpenRecord> = {}): OpenRecord {
  return {
    serviceRequestId: id,
    serviceName: 'Graffiti Removal',
    address: '10 Tremont St Boston MA 02116',
    description: null,
    neighborhood: 'Downtown',
    queue: null,
    department: null,
    requestedAt: T0,
    slaDueAt: T0 + 7 * DAY,
    lat: ORIGIN.lat,
    long: ORIGIN.long,
    workStatus: 'open',
    assignedCrewId: null,
    pending: false,
    ...extra,
  };
}

/** Three reports of one tag, an hour apart. */
const trio = () => [
  record('A', { requestedAt: T0 - 2 * HOUR }),
  record('B', { requestedAt: T0 - HOUR }),
  record('C', { requestedAt: T0 }),
];

const elsewhere = {
  address: '200 Beacon St Boston MA 02116',
  ...metresFrom(1_500, 0),
};

let watch: DuplicateWatch | null = null;
let store: Store | null = null;
afterEach(() => {
  watch?.stop();
  watch = null;
  store?.close();
  store = null;
  vi.useRealTimers();
});

/** A watch over `open`, its clock read from the returned object. */
function watchOver(open: OpenRequests | (() => OpenRequests)) {
  const clock = { now: NOW };
  watch = createDuplicateWatch({
    index: typeof open === 'function' ? open : () => open,
    now: () => clock.now,
  });
  watch.refresh();

  return { watch, clock };
}

function withRecords(...records: OpenRecord[]): OpenRequests {
  const open = new OpenRequests();
  for (const one of records) open.upsert(one);

  return open;
}

const flagOf = (open: OpenRequests, id: string) =>
  open.duplicateOf[open.slotOf(id)!];

describe('the duplicate watch', () => {
  it('flags a request that arrives duplicating an open one', async () => {
    const open = withRecords(record('A', { requestedAt: T0 - HOUR }));
    watchOver(open);

    open.upsert(record('far', { ...elsewhere, requestedAt: T0 }));
    open.upsert(record('B', { requestedAt: T0 }));

    // Checked after the write, in a later turn: not during the upsert.
    expect(flagOf(open, 'B')).toBeUndefined();
    await vi.waitFor(() => expect(flagOf(open, 'B')).toBe('A'));
    // Checked in arrival order, so the request before B was checked too.
    expect(flagOf(open, 'far')).toBeUndefined();
    // The original is not a duplicate of its own duplicate.
    expect(flagOf(open, 'A')).toBeUndefined();
  });

  it('flags duplicates already open when it starts, in its first pass', async () => {
    const open = withRecords(...trio());
    watchOver(open);

    await vi.waitFor(() => {
      expect(flagOf(open, 'B')).toBe('A');
      expect(flagOf(open, 'C')).toBe('B');
    });
    expect(flagOf(open, 'A')).toBeUndefined();
  });

  it('leaves a request of an unrelated type at the same spot unflagged', async () => {
    const open = withRecords(record('A', { requestedAt: T0 - HOUR }));
    watchOver(open);

    open.upsert(record('sign', { serviceName: 'Sign Repair' }));
    open.upsert(record('B'));

    await vi.waitFor(() => expect(flagOf(open, 'B')).toBe('A'));
    expect(flagOf(open, 'sign')).toBeUndefined();
  });

  it('offers newer requests as candidates of an older one', () => {
    const open = withRecords(...trio());
    const { watch } = watchOver(open);

    const ids = watch.candidates('A').map((candidate) => candidate.id);
    expect(ids.sort()).toEqual(['B', 'C']);
    expect(watch.candidates('A', 1)).toHaveLength(1);
    expect(watch.candidates('unknown')).toEqual([]);
  });

  it('keeps a request that leaves the open set as a closed candidate', () => {
    const open = withRecords(...trio());
    const { watch, clock } = watchOver(open);

    open.remove('A');
    const closedAt = clock.now;
    clock.now += 2 * HOUR;

    expect(watch.caseOf('A')).toMatchObject({ id: 'A', closedAt });
    const a = watch.candidates('B').find((candidate) => candidate.id === 'A');
    expect(a?.reasons).toContain('closed 2 h ago');
    // Weaker than the open report of the same problem.
    const c = watch.candidates('B').find((candidate) => candidate.id === 'C');
    expect(a!.score).toBeLessThan(c!.score);
  });

  it('keeps closed candidates across a restart, and drops one reopened', () => {
    store = openStore(':memory:');
    const clock = { now: NOW };
    const open = withRecords(...trio());
    const first = createDuplicateWatch({
      index: () => open,
      now: () => clock.now,
      closedCases: store.closedCases,
    });
    first.refresh();
    open.remove('A');
    const closedAt = clock.now;
    first.stop();

    // The console restarts: its open requests no longer hold A.
    clock.now += 3 * HOUR;
    const reopenedIndex = withRecords(...trio().slice(1));
    watch = createDuplicateWatch({
      index: () => reopenedIndex,
      now: () => clock.now,
      closedCases: store.closedCases,
    });
    watch.refresh();
    expect(watch.caseOf('A')).toMatchObject({ id: 'A', closedAt });
    const a = watch.candidates('C').find((candidate) => candidate.id === 'A');
    expect(a?.reasons).toContain('closed 3 h ago');

    // A comes back open: no longer a closed case, here or in the store.
    reopenedIndex.upsert(trio()[0]!);
    expect(watch.caseOf('A')).toMatchObject({ closedAt: null });
    expect(store.closedCases.closedSince(0)).toEqual([]);
  });

  it('drops stored closed cases a week after they closed', () => {
    vi.useFakeTimers({ now: NOW });
    store = openStore(':memory:');
    const clock = { now: NOW };
    const open = withRecords(...trio());
    watch = createDuplicateWatch({
      index: () => open,
      now: () => clock.now,
      closedCases: store.closedCases,
    });
    watch.refresh();

    open.remove('A');
    clock.now += 6 * DAY;
    open.remove('B');
    clock.now += 1.5 * DAY;
    vi.advanceTimersByTime(HOUR);

    expect(store.closedCases.closedSince(0).map((each) => each.id)).toEqual([
      'B',
    ]);
  });

  it('follows a request that moves', () => {
    const open = withRecords(...trio());
    const { watch } = watchOver(open);

    open.upsert(record('A', { ...elsewhere, requestedAt: T0 - 2 * HOUR }));

    expect(watch.caseOf('A')?.address).toBe(elsewhere.address);
    expect(watch.candidates('B').map((candidate) => candidate.id)).toEqual([
      'C',
    ]);
  });

  it('indexes a large queue in steps, yet answers a question in full', async () => {
    // Five thousand scattered reports, then the trio: more than one step.
    const scattered = Array.from({ length: 5_000 }, (_, i) =>
      record(`far-${i}`, {
        ...metresFrom(2_000 + (i % 70) * 100, Math.floor(i / 70) * 100),
        address: `${i + 1} Far St Boston MA 02116`,
      }),
    );
    const open = withRecords(...scattered, ...trio());
    const { watch } = watchOver(open);

    // Nothing is done during the refresh itself...
    expect(flagOf(open, 'C')).toBeUndefined();
    // ...but a question finishes the index first.
    expect(
      watch
        .candidates('A')
        .map((c) => c.id)
        .sort(),
    ).toEqual(['B', 'C']);
    await vi.waitFor(() => expect(flagOf(open, 'C')).toBe('B'));
  });

  it('lets other work run while thousands of reports of one spot are checked', async () => {
    // Five thousand identical reports: every one a candidate of every other.
    const open = withRecords(
      ...Array.from({ length: 5_000 }, (_, i) =>
        record(`same-${i}`, { requestedAt: T0 - i * 1_000 }),
      ),
    );
    watchOver(open);

    // A timer set now fires between two slices of the first pass...
    const flaggedWhenOtherWorkRan = await new Promise<number>((done) =>
      setTimeout(() => done(open.duplicateOf.filter(Boolean).length), 0),
    );
    expect(flaggedWhenOtherWorkRan).toBeLessThan(4_999);
    // ...which still ends with every report but the oldest flagged.
    await vi.waitFor(
      () => expect(open.duplicateOf.filter(Boolean)).toHaveLength(4_999),
      { timeout: 15_000 },
    );
    expect(flagOf(open, 'same-4999')).toBeUndefined();
  });

  it('tells of changed marks once a second at most, with how many changed', async () => {
    const open = withRecords(...trio());
    const told: number[] = [];
    watch = createDuplicateWatch({
      index: () => open,
      now: () => NOW,
      onFlagsChanged: (changed) => told.push(changed),
    });
    watch.refresh();

    // B and C are marked in the first pass: told once, of both.
    await vi.waitFor(() => expect(told).toEqual([2]), { timeout: 3_000 });

    // A request that changes but keeps its mark is not news.
    open.upsert(record('C', { requestedAt: T0, description: 'again' }));
    open.upsert(record('D', { ...elsewhere, requestedAt: T0 }));
    await new Promise((done) => setTimeout(done, 1_200));
    expect(told).toEqual([2]);
  });

  it('answers no groups once stopped during a scan', async () => {
    const open = withRecords(...trio());
    const { watch } = watchOver(open);

    const scanning = watch.groups();
    watch.stop();

    expect(await scanning).toEqual([]);
    // A scan that ends before the stop has its groups.
    const again = watchOver(withRecords(...trio())).watch;
    expect((await again.groups()).map((group) => group.ids)).toEqual([
      ['A', 'B', 'C'],
    ]);
  });

  it('flags a reopened duplicate again', async () => {
    const open = withRecords(record('A', { requestedAt: T0 - HOUR }));
    watchOver(open);
    open.upsert(record('B'));
    await vi.waitFor(() => expect(flagOf(open, 'B')).toBe('A'));

    // Closed (the queue index clears its flag), then reopened.
    open.remove('B');
    open.upsert(record('B'));
    expect(flagOf(open, 'B')).toBeUndefined();

    await vi.waitFor(() => expect(flagOf(open, 'B')).toBe('A'));
  });

  it('clears the flag of a request that moves away from its original', async () => {
    const open = withRecords(record('A', { requestedAt: T0 - HOUR }));
    watchOver(open);
    open.upsert(record('B'));
    await vi.waitFor(() => expect(flagOf(open, 'B')).toBe('A'));

    open.upsert(record('B', elsewhere));

    await vi.waitFor(() => expect(flagOf(open, 'B')).toBeUndefined());
  });

  it('groups three reports of one problem, oldest first', async () => {
    const open = withRecords(
      ...trio(),
      record('far', { ...elsewhere, requestedAt: T0 }),
    );
    const { watch } = watchOver(open);

    const groups = await watch.groups();
    expect(groups.map((group) => group.ids)).toEqual([['A', 'B', 'C']]);
  });

  it('leaves a closed request out of the groups', async () => {
    const open = withRecords(...trio());
    const { watch, clock } = watchOver(open);

    open.remove('A');
    clock.now += HOUR;

    const groups = await watch.groups();
    expect(groups.map((group) => group.ids)).toEqual([['B', 'C']]);
  });

  it('forgets closed requests a week after they closed', () => {
    vi.useFakeTimers({ now: NOW });
    const open = withRecords(...trio());
    const { watch, clock } = watchOver(open);

    open.remove('A');
    clock.now += 6 * DAY;
    open.remove('B');
    const closedB = clock.now;
    clock.now += 1.5 * DAY;
    vi.advanceTimersByTime(HOUR);

    // A closed 7.5 days ago, B 1.5 days ago.
    expect(watch.caseOf('A')).toBeUndefined();
    expect(watch.caseOf('B')).toMatchObject({ id: 'B', closedAt: closedB });
    expect(watch.caseOf('C')).toMatchObject({ id: 'C', closedAt: null });
  });

  it('moves to a new queue index and lets go of the old one', async () => {
    const first = withRecords(...trio());
    let current = first;
    const { watch } = watchOver(() => current);

    current = withRecords(
      record('X', { requestedAt: T0 - HOUR }),
      record('Y', { requestedAt: T0 }),
    );
    watch.refresh();

    expect(first.observer).toBeNull();
    expect(watch.caseOf('A')).toBeUndefined();
    expect(watch.caseOf('X')?.id).toBe('X');
    await vi.waitFor(() => expect(flagOf(current, 'Y')).toBe('X'));
  });

  it('stops observing the queue index when stopped', () => {
    const open = withRecords(...trio());
    const { watch } = watchOver(open);
    expect(open.observer).not.toBeNull();

    watch.stop();
    expect(open.observer).toBeNull();
  });
});
