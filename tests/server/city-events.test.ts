import { afterEach, describe, expect, it } from 'vitest';

import {
  CITY_ACTOR,
  closeCityRequest,
  openCityRequest,
} from '../../src/server/sync/city-events';
import type {
  CentralStore,
  RequestQuery,
} from '../../src/server/storage/central-store';
import { openSqliteCentralStore } from '../../src/server/storage/sqlite/sqlite-central-store';
import { BASE_TIME, newRequest } from './support/central-fixture';

let store: CentralStore | undefined;
afterEach(() => store?.close());

describe('the city’s own request events', () => {
  it('opens a new request once, with one change', async () => {
    store = openSqliteCentralStore({ path: ':memory:' });
    const {
      workStatus: _w,
      assignedCrewId: _a,
      mergedInto: _m,
      ...city
    } = newRequest('900001');

    expect(await openCityRequest(store, city)).toBe(true);
    expect(await openCityRequest(store, city)).toBe(false);

    expect(await store.getRequest('900001')).toMatchObject({
      status: 'open',
      workStatus: 'open',
      version: 1,
    });
    expect((await store.changeWindow()).lastSeq).toBe(1);
  });

  it('closes an open request with a tombstone and a history entry, once', async () => {
    store = openSqliteCentralStore({ path: ':memory:' });
    await store.transaction((tx) => tx.insertRequests([newRequest('A')]));

    expect(await closeCityRequest(store, 'A', 'Case Resolved', BASE_TIME)).toBe(
      true,
    );
    expect(await closeCityRequest(store, 'A', 'Case Resolved', BASE_TIME)).toBe(
      false,
    );
    expect(await closeCityRequest(store, 'nope', 'x', BASE_TIME)).toBe(false);

    const kinds = (await store.listChanges(0, 10)).map((c) => c.kind);
    expect(kinds).toEqual(['request', 'request_removed', 'history']);
    const [entry] = await store.listHistory('A');
    expect(entry).toMatchObject({
      actor: CITY_ACTOR,
      action: 'status_changed',
    });
    expect(await store.listOpenVersions()).toEqual([]);
  });

  it('lists requests Open311-style: filters, newest first, with a total', async () => {
    store = openSqliteCentralStore({ path: ':memory:' });
    await store.transaction((tx) =>
      tx.insertRequests([
        newRequest('A', { requestedAt: 1_000 }),
        newRequest('B', { requestedAt: 3_000, serviceCode: 'POTHOLE' }),
        newRequest('C', { requestedAt: 2_000 }),
        newRequest('D', { requestedAt: 2_000 }),
      ]),
    );
    await closeCityRequest(store, 'C', 'done', 5_000);

    const all: RequestQuery = {
      ids: null,
      serviceCodes: null,
      statuses: null,
      requestedFrom: null,
      requestedTo: null,
      updatedAfter: null,
      offset: 0,
      limit: 10,
    };
    const ids = async (query: Partial<RequestQuery>) => {
      const list = await store!.findRequests({ ...all, ...query });
      return [list.requests.map((r) => r.serviceRequestId), list.total];
    };

    expect(await ids({})).toEqual([['B', 'D', 'C', 'A'], 4]);
    expect(await ids({ statuses: ['open'] })).toEqual([['B', 'D', 'A'], 3]);
    expect(await ids({ serviceCodes: ['POTHOLE'] })).toEqual([['B'], 1]);
    expect(await ids({ requestedFrom: 2_000, requestedTo: 2_500 })).toEqual([
      ['D', 'C'],
      2,
    ]);
    expect(await ids({ updatedAfter: 2_500 })).toEqual([['B', 'C'], 2]);
    expect(await ids({ ids: ['A', 'C'], statuses: ['open'] })).toEqual([
      ['C', 'A'],
      2,
    ]);
    expect(await ids({ offset: 1, limit: 2 })).toEqual([['D', 'C'], 4]);
  });
});
