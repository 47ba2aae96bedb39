import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { openStore, type Store } from '../../../src/main/store/store';
import { rowFromRequest } from '../../../src/shared/sync-protocol';
import { request } from '../sync/fake-central';

let store: Store | null = null;
let dir: string | null = null;
afterEach(() => {
  store?.close();
  store = null;
  if (dir !== null) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

describe('a reload from snapshot pages', () => {
  it('replaces the view and the queue, and replays pending intents', () => {
    dir = mkdtempSync(join(tmpdir(), 'sd-reload-'));
    const path = join(dir, 'console.db');
    store = openStore(path);

    const { confirmed, outbox, dispatch } = store.sync;
    confirmed.applyChanges(
      [
        { seq: 1, kind: 'request', request: request('R0') },
        { seq: 2, kind: 'request', request: request('R1') },
      ],
      2,
    );
    outbox.recordIntent(
      (seq) => ({
        seq,
        createdAt: 5,
        type: 'assign',
        requestId: 'R1',
        crewId: 'C1',
        expectedVersion: 1,
      }),
      'Ana',
    );

    confirmed.beginSnapshot();
    confirmed.loadSnapshotPage([
      rowFromRequest(
        request('R1', { version: 2, description: 'from the snapshot' }),
      ),
      rowFromRequest(request('R2')),
    ]);
    confirmed.loadSnapshotPage([
      rowFromRequest(request('R3', { slaDueAt: 5 })),
    ]);
    confirmed.finishSnapshot(40);

    // R0 was not in the snapshot: gone from confirmed state and the view.
    expect(store.getRequest('R0')).toBeNull();
    expect(store.countOpenRequests()).toBe(3);
    expect(store.getRequest('R1')?.description).toBe('from the snapshot');
    expect(dispatch.getDispatchView('R1')).toMatchObject({
      assignedCrewId: 'C1',
      version: 3,
      pending: true,
    });
    expect(dispatch.getDispatchView('R2')?.pending).toBe(false);
    expect(store.sync.state.getNumber('last_pulled_seq', 0)).toBe(40);

    // The queue holds the snapshot, with R1's pending assignment on top.
    const page = store.listQueue({
      filter: {},
      sort: 'due',
      offset: 0,
      limit: 10,
    });
    expect(page.total).toBe(3);
    expect(page.rows[0]?.serviceRequestId).toBe('R3');
    expect(
      page.rows.find((row) => row.serviceRequestId === 'R1'),
    ).toMatchObject({
      assignedCrewId: 'C1',
      workStatus: 'assigned',
      pending: true,
    });
    expect(
      page.rows.find((row) => row.serviceRequestId === 'R1')?.address,
    ).toBe(request('R1').address);
  });
});
