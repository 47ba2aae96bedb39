import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { openStore, type Store } from '../../../src/main/store/store';
import { MAX_WATCHED } from '../../../src/main/store/watched-repository';
import { request as syncRequest } from '../sync/fake-central';
import { request } from './random-requests';

describe('watched requests', () => {
  let store: Store;
  beforeEach(() => {
    store = openStore(':memory:');
  });
  afterEach(() => store.close());

  it('watches and unwatches, once each, in the order watched', () => {
    expect(store.watched.setWatched('B', true, 2)).toBe(true);
    expect(store.watched.setWatched('A', true, 1)).toBe(true);
    expect(store.watched.setWatched('A', true, 9)).toBe(true);
    expect(store.watched.listWatched()).toEqual(['A', 'B']);

    expect(store.watched.setWatched('A', false, 3)).toBe(false);
    expect(store.watched.listWatched()).toEqual(['B']);
  });

  it('refuses to watch more than the limit, and says what to do', () => {
    store.transaction(() => {
      for (let i = 0; i < MAX_WATCHED; i += 1) {
        store.watched.setWatched(`R${i}`, true, i);
      }
    });

    expect(() => store.watched.setWatched('ONE-MORE', true, 1)).toThrow(
      /stop watching some/,
    );
    // Watching one already watched again is no new watch.
    expect(store.watched.setWatched('R0', true, 1)).toBe(true);
  });

  it('offers held and watched requests with an SLA for alerts', () => {
    store.upsertRequests([
      request('WATCHED', { slaDueAt: 2e12 }),
      request('NO-SLA', { slaDueAt: null }),
      request('OTHER', { slaDueAt: 2e12 }),
    ]);
    // Crews come with sync: an assignment the server confirmed.
    store.sync.confirmed.applyChanges(
      [
        {
          seq: 1,
          kind: 'request',
          request: syncRequest('HELD', {
            slaDueAt: 2e12,
            workStatus: 'assigned',
            assignedCrewId: 'C1',
          }),
        },
        {
          seq: 2,
          kind: 'request',
          request: syncRequest('DONE', {
            slaDueAt: 2e12,
            workStatus: 'resolved',
            assignedCrewId: 'C1',
          }),
        },
      ],
      2,
    );

    const found = store.alertCandidates(new Set(['WATCHED', 'NO-SLA']));

    expect(found.map((c) => [c.serviceRequestId, c.watched]).sort()).toEqual([
      ['HELD', false],
      ['WATCHED', true],
    ]);
  });
});
