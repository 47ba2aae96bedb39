import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { openStore, type Store } from '../../../src/main/store/store';
import { request } from './random-requests';

describe('requests and meta', () => {
  let store: Store;

  beforeEach(() => {
    store = openStore(':memory:');
  });
  afterEach(() => store.close());

  it('stores a request and reads it back field for field', () => {
    const original = request('RT-1', {
      description: 'Deep pothole',
      slaDueAt: 1_430_100_000_000,
      closureReason: null,
      mediaUrl: 'https://example.org/p.jpg',
      neighborhood: null,
    });

    expect(store.upsertRequests([original])).toBe(1);
    expect(store.getRequest('RT-1')).toEqual(original);
    expect(store.getRequest('RT-2')).toBeNull();
  });

  it('replaces a request with the same id instead of adding one', () => {
    store.upsertRequests([request('RT-1'), request('RT-2')]);
    store.upsertRequests([
      request('RT-1', { status: 'closed', closedAt: 1_430_000_500_000 }),
    ]);

    expect(store.countRequests()).toBe(2);
    expect(store.countOpenRequests()).toBe(1);
    expect(store.getRequest('RT-1')?.status).toBe('closed');
  });

  it('saves nothing from a batch with an invalid request, and names it', () => {
    const bad = request('RT-BAD', { lat: 42.3, long: null });

    expect(() => store.upsertRequests([request('RT-1'), bad])).toThrow(
      /Request RT-BAD could not be stored/,
    );
    expect(store.countRequests()).toBe(0);
  });

  it('refuses an open request with a close time', () => {
    expect(() =>
      store.upsertRequests([request('RT-1', { closedAt: 1_430_000_500_000 })]),
    ).toThrow(/RT-1/);
  });

  it('keeps app metadata and overwrites a key', () => {
    expect(store.getMeta('demo.shiftMs')).toBeNull();

    store.setMeta('demo.shiftMs', '1');
    store.setMeta('demo.shiftMs', '2');

    expect(store.getMeta('demo.shiftMs')).toBe('2');
  });

  it('undoes every write of a failed transaction', () => {
    expect(() =>
      store.transaction(() => {
        store.upsertRequests([request('RT-1')]);
        store.setMeta('k', 'v');
        throw new Error('crash mid-way');
      }),
    ).toThrow('crash mid-way');

    expect(store.countRequests()).toBe(0);
    expect(store.getMeta('k')).toBeNull();
  });
});
