import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import {
  OpenRequests,
  type OpenRecord,
} from '../../../src/main/queue/open-requests';
import { openStore, type Store } from '../../../src/main/store/store';
import {
  rowFromRequest,
  SYNC_REQUEST_FIELDS,
} from '../../../src/shared/sync-protocol';
import {
  confirmedValues,
  syncRequestColumns,
} from '../../../src/main/store/sync-request-row';
import { seededRandom } from '../../support/seeded-random';
import { request as syncRequest } from '../sync/fake-central';
import { request } from '../store/random-requests';

function record(id: string, next: () => number): OpenRecord {
  const requestedAt = 1_000 + Math.floor(next() * 30) * 10;
  return {
    serviceRequestId: id,
    serviceName: 'Pothole',
    address: null,
    description: null,
    neighborhood: null,
    queue: null,
    department: null,
    requestedAt,
    // Few distinct values: ties must fall back to the next key.
    slaDueAt: next() < 0.3 ? null : requestedAt + Math.floor(next() * 5) * 100,
    lat: null,
    long: null,
    workStatus: 'open',
    assignedCrewId: null,
    pending: false,
  };
}

const byDueReference = (index: OpenRequests) =>
  [...index.liveSlots()]
    .map((slot) => ({
      id: index.ids[slot]!,
      due: index.dueKey[slot]!,
      at: index.requestedAt[slot]!,
    }))
    .sort(
      (a, b) =>
        a.due - b.due ||
        a.at - b.at ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    )
    .map((row) => row.id);

describe('the in-memory open requests', () => {
  it('keeps its due order through random adds, edits and removals', () => {
    const next = seededRandom(5);
    const index = new OpenRequests();
    const ids = Array.from({ length: 300 }, (_, at) => `R${at}`);
    for (const id of ids) index.upsert(record(id, next));

    for (let step = 0; step < 3_000; step += 1) {
      const id = ids[Math.floor(next() * ids.length)]!;
      if (next() < 0.3) index.remove(id);
      else index.upsert(record(id, next));

      // Checked often, so both the placed and the re-sorted order are seen.
      if (step % 97 === 0) {
        const order = index.byDue.slots().map((slot) => index.ids[slot]);
        expect(order).toEqual(byDueReference(index));
      }
    }
    const order = index.byDue.slots().map((slot) => index.ids[slot]);
    expect(order).toEqual(byDueReference(index));
    expect(new Set(order).size).toBe(index.size);
  });

  it('reuses the slots of removed requests', () => {
    const next = seededRandom(9);
    const index = new OpenRequests();
    index.upsert(record('A', next));
    index.upsert(record('B', next));
    const slotOfA = index.slotOf('A');

    expect(index.remove('A')).toBe(true);
    expect(index.remove('A')).toBe(false);
    index.upsert(record('C', next));

    expect(index.slotOf('C')).toBe(slotOfA);
    expect(index.size).toBe(2);
  });
});

describe('the queue index over the store', () => {
  let store: Store | null = null;
  let dir: string | null = null;
  afterEach(() => {
    store?.close();
    store = null;
    if (dir !== null) rmSync(dir, { recursive: true, force: true });
    dir = null;
  });

  const ids = (page: { rows: { serviceRequestId: string }[] }) =>
    page.rows.map((row) => row.serviceRequestId);
  const all = { filter: {}, sort: 'due' as const, offset: 0, limit: 50 };

  it('holds nothing of a write that rolled back', () => {
    store = openStore(':memory:');
    store.upsertRequests([request('KEPT')]);

    expect(() =>
      store!.transaction(() => {
        store!.upsertRequests([request('LOST')]);
        // A question asked mid-transaction sees the write...
        expect(ids(store!.listQueue(all))).toEqual(['KEPT', 'LOST']);
        throw new Error('crash mid-way');
      }),
    ).toThrow('crash mid-way');

    // ...and the next one, after the rollback, does not.
    expect(ids(store.listQueue(all))).toEqual(['KEPT']);
  });

  it('sees what another connection wrote to the same file', () => {
    dir = mkdtempSync(join(tmpdir(), 'sd-index-'));
    const path = join(dir, 'console.db');
    store = openStore(path);
    store.upsertRequests([request('MINE')]);
    expect(store.countOpenRequests()).toBe(1);

    // An import run beside the console, as `npm run import` does.
    const other = openStore(path);
    other.upsertRequests([
      request('THEIRS'),
      request('MINE', { status: 'closed', closedAt: 2e12 }),
    ]);
    other.close();

    expect(ids(store.listQueue(all))).toEqual(['THEIRS']);
  });

  it('follows the change feed: new, edited and closed requests', () => {
    store = openStore(':memory:');
    const { confirmed } = store.sync;
    confirmed.applyChanges(
      [
        { seq: 1, kind: 'request', request: syncRequest('R1') },
        { seq: 2, kind: 'request', request: syncRequest('R2') },
      ],
      2,
    );
    expect(store.countOpenRequests()).toBe(2);

    confirmed.applyChanges(
      [
        {
          seq: 3,
          kind: 'request',
          request: syncRequest('R1', { version: 2, address: '9 Elm St' }),
        },
        {
          seq: 4,
          kind: 'request_removed',
          requestId: 'R2',
          version: 2,
          reason: 'closed',
        },
      ],
      4,
    );

    const page = store.listQueue(all);
    expect(ids(page)).toEqual(['R1']);
    expect(page.rows[0]?.address).toBe('9 Elm St');
    expect(store.listQueue({ ...all, filter: { text: 'elm' } }).total).toBe(1);
  });

  it('stores a snapshot row as it comes: its values are the columns in order', () => {
    const sample = syncRequest('R9', {
      description: 'deep',
      slaDueAt: 7,
      lat: 42.35,
      long: -71.06,
      assignedCrewId: 'C1',
      mergedInto: 'R1',
      version: 4,
    });

    expect(rowFromRequest(sample)).toEqual(confirmedValues(sample));
    expect(syncRequestColumns).toHaveLength(SYNC_REQUEST_FIELDS.length);
  });
});
