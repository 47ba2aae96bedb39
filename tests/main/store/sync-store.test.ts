import { afterEach, describe, expect, it } from 'vitest';

import { openStore, type Store } from '../../../src/main/store/store';
import type { Intent } from '../../../src/shared/sync-protocol';
import { request } from '../sync/fake-central';

let store: Store;
afterEach(() => store.close());

const assign = (seq: number, crewId = 'C1'): Intent => ({
  seq,
  createdAt: 5,
  type: 'assign',
  requestId: 'R1',
  crewId,
  expectedVersion: 1,
});

describe('the sync store', () => {
  it('names the unconfirmed change an intent builds on, and only that', () => {
    store = openStore(':memory:');
    store.sync.confirmed.applyChanges(
      [
        { seq: 1, kind: 'request', request: request('R1') },
        { seq: 2, kind: 'request', request: request('R2') },
      ],
      2,
    );
    const { outbox } = store.sync;
    const note = (seq: number): Intent => ({
      seq,
      createdAt: 5,
      type: 'add_note',
      requestId: 'R1',
      noteId: `N${seq}`,
      body: 'on site',
      visibility: 'internal',
    });

    const first = outbox.recordIntent((seq) => assign(seq), 'Ana');
    const onNote = outbox.recordIntent((seq) => note(seq), 'Ana');
    const second = outbox.recordIntent((seq) => assign(seq, 'C2'), 'Ana');
    const elsewhere = outbox.recordIntent(
      (seq) => ({ ...assign(seq), requestId: 'R2' }),
      'Ana',
    );

    expect(first.dependsOnSeq).toBeUndefined();
    expect(onNote.dependsOnSeq).toBeUndefined();
    expect(second.dependsOnSeq).toBe(first.seq);
    expect(elsewhere.dependsOnSeq).toBeUndefined();
    // What is stored and sent carries it too.
    const stored = outbox
      .pendingIntents(10)
      .map((row) => (JSON.parse(row.payload) as Intent).dependsOnSeq ?? null);
    expect(stored).toEqual([null, null, 1, null]);

    // Once the first is confirmed, a new change builds on confirmed state.
    outbox.resolveIntent(first.seq, { outcome: 'applied' }, 9);
    outbox.resolveIntent(second.seq, { outcome: 'applied' }, 9);
    const third = outbox.recordIntent((seq) => assign(seq, 'C3'), 'Ana');
    expect(third.dependsOnSeq).toBeUndefined();
  });

  it('never uses a seq for an intent that failed, and keeps seqs gap-free', () => {
    store = openStore(':memory:');
    store.sync.confirmed.applyChanges(
      [{ seq: 1, kind: 'request', request: request('R1') }],
      1,
    );

    expect(
      store.sync.outbox.recordIntent((seq) => assign(seq), 'Ana').seq,
    ).toBe(1);
    expect(() =>
      store.sync.outbox.recordIntent(() => {
        throw new Error('bad intent');
      }, 'Ana'),
    ).toThrow('bad intent');
    store.sync.outbox.resolveIntent(1, { outcome: 'applied' }, 9);
    store.sync.outbox.pruneResolved(0);

    expect(
      store.sync.outbox.recordIntent((seq) => assign(seq, 'C2'), 'Ana').seq,
    ).toBe(2);
  });

  it('ignores older versions and tombstones only what they cover', () => {
    store = openStore(':memory:');
    const { confirmed } = store.sync;
    confirmed.applyChanges(
      [
        {
          seq: 1,
          kind: 'request',
          request: request('R1', { version: 3, description: 'new' }),
        },
        {
          seq: 2,
          kind: 'request',
          request: request('R1', { version: 2, description: 'old' }),
        },
        {
          seq: 3,
          kind: 'request_removed',
          requestId: 'R1',
          reason: 'closed',
          version: 2,
        },
      ],
      3,
    );
    expect(store.getRequest('R1')?.description).toBe('new');

    confirmed.applyChanges(
      [
        {
          seq: 4,
          kind: 'request_removed',
          requestId: 'R1',
          reason: 'closed',
          version: 4,
        },
      ],
      4,
    );
    expect(store.getRequest('R1')).toBeNull();
    expect(store.sync.state.getNumber('last_pulled_seq', 0)).toBe(4);
  });

  it('replays pending intents over a newer confirmed row, and drops them when rejected', () => {
    store = openStore(':memory:');
    const { confirmed, outbox, dispatch } = store.sync;
    confirmed.applyChanges(
      [{ seq: 1, kind: 'request', request: request('R1') }],
      1,
    );
    outbox.recordIntent((seq) => assign(seq), 'Ana');

    confirmed.applyChanges(
      [
        {
          seq: 2,
          kind: 'request',
          request: request('R1', { version: 2, description: 'x' }),
        },
      ],
      2,
    );
    expect(dispatch.getDispatchView('R1')).toMatchObject({
      assignedCrewId: 'C1',
      version: 3,
      pending: true,
    });
    expect(store.getRequest('R1')?.description).toBe('x');

    outbox.resolveIntent(
      1,
      { outcome: 'rejected', reason: 'stale', summary: 's' },
      9,
    );
    expect(dispatch.getDispatchView('R1')).toMatchObject({
      assignedCrewId: null,
      version: 2,
      pending: false,
    });
    expect(outbox.listConflicts()).toHaveLength(1);
  });
});
