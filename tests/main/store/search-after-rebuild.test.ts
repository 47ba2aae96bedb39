import { afterEach, describe, expect, it } from 'vitest';

import { openStore, type Store } from '../../../src/main/store/store';
import { rowFromRequest } from '../../../src/shared/sync-protocol';
import { request } from '../sync/fake-central';

let store: Store | null = null;
afterEach(() => {
  store?.close();
  store = null;
});

const search = (target: Store, text: string) =>
  target
    .listQueue({ filter: { text }, sort: 'age', offset: 0, limit: 10 })
    .rows.map((row) => row.serviceRequestId);

describe('the search index and the requests view', () => {
  it('is rebuilt with the view from a snapshot and follows changes after', () => {
    store = openStore(':memory:');
    const { confirmed } = store.sync;
    confirmed.applyChanges(
      [
        {
          seq: 1,
          kind: 'request',
          request: request('R0', { address: 'Elm St' }),
        },
      ],
      1,
    );
    expect(search(store, 'elm')).toEqual(['R0']);

    confirmed.beginSnapshot();
    confirmed.loadSnapshotPage([
      rowFromRequest(request('R1', { address: '7 Oak Sq' })),
      rowFromRequest(
        request('R2', { address: '9 Oak Sq', description: 'leaning tree' }),
      ),
    ]);
    confirmed.finishSnapshot(5);

    expect(search(store, 'elm')).toEqual([]);
    expect(search(store, 'oak').sort()).toEqual(['R1', 'R2']);
    expect(search(store, 'tree')).toEqual(['R2']);

    // The triggers are back after the rebuild: a change is searchable.
    confirmed.applyChanges(
      [
        {
          seq: 6,
          kind: 'request',
          request: request('R1', { address: '7 Birch Rd', version: 2 }),
        },
      ],
      6,
    );
    expect(search(store, 'birch')).toEqual(['R1']);
    expect(search(store, 'oak')).toEqual(['R2']);
  });
});
