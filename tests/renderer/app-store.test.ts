import { describe, expect, it } from 'vitest';

import { createAppStore } from '../../src/renderer/src/store/create-app-store';
import { PAGE_SIZE, rowAt } from '../../src/renderer/src/store/queue-slice';
import { createFakeApi, makeRequests } from './fake-api';

const NOW = Date.UTC(2025, 5, 1, 12);

/** Lets every pending fake call and its follow-ups settle. */
const settle = async () => {
  for (let i = 0; i < 10; i++) await new Promise((r) => setTimeout(r, 0));
};

function setup(count = 1000) {
  const api = createFakeApi(makeRequests(count, NOW));
  const store = createAppStore(api, () => NOW);

  return { api, store };
}

const callsOf = (api: ReturnType<typeof createFakeApi>, method: string) =>
  api.calls.filter((call) => call.method === method);

describe('the queue slice', () => {
  it('fetches only the pages the visible rows need, once each', async () => {
    const { api, store } = setup();

    store.getState().showRows({ first: 180, last: 230 });
    await settle();
    store.getState().showRows({ first: 185, last: 235 });
    await settle();

    const offsets = callsOf(api, 'listQueue').map(
      (call) => (call.arg as { offset: number }).offset,
    );
    expect(offsets.sort((a, b) => a - b)).toEqual([100, 200]);
    expect(store.getState().total).toBe(1000);
    expect(rowAt(store.getState(), 180)).toBeDefined();
    expect(rowAt(store.getState(), 50)).toBeUndefined();
  });

  it('keeps a bounded number of pages while scrolling through 100,000 rows', async () => {
    const { store } = setup(100_000);

    for (let first = 0; first < 100_000; first += 2_500) {
      store.getState().showRows({ first, last: first + 30 });
      await settle();
    }

    const cached = Object.keys(store.getState().pages).length;
    expect(cached).toBeLessThanOrEqual(60);
    expect(rowAt(store.getState(), 97_500)).toBeDefined();
  });

  it('drops an answer that arrives after the filter changed', async () => {
    const { store } = setup();
    store.getState().showRows({ first: 0, last: 20 });
    // The filter changes before the unfiltered page lands.
    store.getState().setTypes(['Pothole']);
    await settle();

    const first = rowAt(store.getState(), 0);
    expect(first?.serviceName).toBe('Pothole');
    expect(store.getState().total).toBe(333);
  });
});

describe('the filters slice', () => {
  it('refetches the total, the first page and the map on a change', async () => {
    const { api, store } = setup();
    store.getState().start();
    await settle();
    api.calls.length = 0;

    store.getState().setNeighborhoods(['Roxbury', '']);
    await settle();

    const list = callsOf(api, 'listQueue');
    expect(list[0]?.arg).toMatchObject({
      offset: 0,
      filter: { neighborhoods: ['Roxbury', ''] },
    });
    expect(callsOf(api, 'listUnlocated')[0]?.arg).toEqual({
      neighborhoods: ['Roxbury', ''],
    });
    expect(store.getState().total).toBe(500);
    const hood = rowAt(store.getState(), 0)?.neighborhood ?? null;
    expect(['Roxbury', null]).toContain(hood);
  });

  it('sends no filter fields when nothing is chosen', async () => {
    const { api, store } = setup();
    store.getState().setTypes([]);
    await settle();

    expect(callsOf(api, 'listUnlocated')[0]?.arg).toEqual({});
  });
});

describe('the map slice', () => {
  const viewport = {
    south: 42.29,
    north: 42.31,
    west: -71.01,
    east: -70.99,
    zoom: 14,
  };

  it('asks for the features in view, with the filter and the clock', async () => {
    const { api, store } = setup();
    store.getState().setTypes(['Pothole']);
    store.getState().setViewport(viewport);
    await settle();

    const asked = callsOf(api, 'getMapLayer').at(-1)?.arg;
    expect(asked).toMatchObject({
      filter: { types: ['Pothole'] },
      view: viewport,
    });
    expect(asked).toHaveProperty('view.now', store.getState().now);
    const layer = store.getState().layer;
    expect(layer?.inView).toBeGreaterThan(0);
    expect(layer?.points.ids.length).toBe(layer?.inView);
  });

  it('ticks what a lasso picks and says how many of how many', async () => {
    const { api, store } = setup();
    await store.getState().pickArea([
      [-71.01, 42.29],
      [-70.99, 42.29],
      [-70.99, 42.31],
    ]);

    const picked = callsOf(api, 'pickInArea');
    expect(picked).toHaveLength(1);
    expect(store.getState().markedIds).toHaveLength(3);
    expect(store.getState().notice?.text).toMatch(
      /^3 requests ticked on the map \(the 3 most urgent of \d+\)\.$/,
    );
  });
});

describe('the selection slice', () => {
  it('finds a request picked on the map in the queue and asks to scroll there', async () => {
    const { store } = setup();
    store.getState().setSort('age');
    await settle();

    await store.getState().selectRequest('REQ-000420', 'map');

    // Oldest first: request i of 1000 sits at row 999 - i.
    const state = store.getState();
    expect(state.selectedIndex).toBe(579);
    expect(state.scrollRequest).toMatchObject({ index: 579, center: true });
    expect(state.detail?.serviceRequestId).toBe('REQ-000420');
  });

  it('moves to a row that is not loaded yet and selects its request', async () => {
    const { store } = setup();
    store.getState().setSort('age');
    await settle();

    await store.getState().selectIndex(PAGE_SIZE * 5 + 3);

    // Oldest first: row 503 of 1000 holds request 999 - 503.
    expect(rowAt(store.getState(), 503)?.serviceRequestId).toBe('REQ-000496');
    expect(store.getState().selectedId).toBe('REQ-000496');
    expect(store.getState().selectedIndex).toBe(503);
  });

  it('clamps keyboard moves to the list', async () => {
    const { store } = setup(30);
    store.getState().setSort('age');
    await settle();

    await store.getState().selectIndex(999);

    expect(store.getState().selectedIndex).toBe(29);
  });
});

describe('errors and events', () => {
  it('takes the crews off ticked rows at once, and puts back only those refused', async () => {
    const { api, store } = setup();
    await store.getState().refreshQueue();
    const ids = [0, 1, 2].map(
      (i) => rowAt(store.getState(), i)!.serviceRequestId,
    );
    store
      .getState()
      .patchRows(ids, { assignedCrewId: 'C1', workStatus: 'assigned' });
    const [a, b, c] = ids as [string, string, string];
    api.unassignCrewMany = ({ requestIds }) =>
      Promise.resolve({
        unassigned: requestIds
          .filter((id) => id !== c)
          .map((requestId, seq) => ({ requestId, seq })),
        refused: [{ requestId: c, reason: 'it has changed meanwhile' }],
      });

    expect(await store.getState().unassignMany(ids)).toBe(false);
    const row = (id: string) =>
      [0, 1, 2]
        .map((i) => rowAt(store.getState(), i)!)
        .find((r) => r.serviceRequestId === id)!;
    for (const id of [a, b]) {
      expect(row(id)).toMatchObject({ assignedCrewId: null, pending: true });
    }
    expect(row(c)).toMatchObject({
      assignedCrewId: 'C1',
      workStatus: 'assigned',
    });
    expect(row(c).pending).toBeFalsy();
    const notice = store.getState().notice;
    expect(notice?.tone).toBe('error');
    expect(notice?.text).toMatch(
      /2 unassigned; 1 refused: .*changed meanwhile/,
    );

    // A call that fails outright puts every row back.
    api.unassignCrewMany = () => Promise.reject(new Error('offline'));
    store.getState().patchRows([a], { pending: false, assignedCrewId: 'C2' });
    expect(await store.getState().unassignMany([a])).toBe(false);
    expect(row(a)).toMatchObject({ assignedCrewId: 'C2', pending: false });
  });

  it("opens a resident's link where the console may, and says why not otherwise", async () => {
    const { api, store } = setup();
    const page: string[] = [];
    const scope = globalThis as { open?: (url: string) => unknown };
    scope.open = (url) => page.push(url);
    try {
      api.openExternal = () => Promise.resolve({ opened: true });
      await store.getState().openLink('https://www.boston.gov/');
      expect(page).toEqual([]);
      expect(store.getState().notice).toBeNull();

      api.openExternal = () =>
        Promise.resolve({
          opened: false,
          reason: 'Links open in this browser, not the console.',
          openHere: 'https://www.boston.gov/',
        });
      await store.getState().openLink('HTTPS://www.boston.gov/');
      expect(page).toEqual(['https://www.boston.gov/']);

      api.openExternal = () =>
        Promise.resolve({ opened: false, reason: 'the host is not allowed' });
      await store.getState().openLink('https://evil.example/');
      expect(page).toHaveLength(1);
      expect(store.getState().notice?.text).toBe(
        'The link was not opened: the host is not allowed',
      );
    } finally {
      delete scope.open;
    }
  });

  it('counts each time a crew is picked on the map, the same one again too', () => {
    const { store } = setup();
    expect(store.getState().crewFocus).toBeNull();
    store.getState().focusCrew('C1');
    store.getState().focusCrew('C1');
    expect(store.getState().crewFocus).toEqual({ crewId: 'C1', seq: 2 });
    store.getState().focusCrew('C2');
    expect(store.getState().crewFocus).toEqual({ crewId: 'C2', seq: 3 });
  });

  it('shows a failed call to the user with what was being done', async () => {
    const { api, store } = setup();
    api.failNext('listQueue', 'database is locked');

    await store.getState().refreshQueue();

    expect(store.getState().errors.map((error) => error.message)).toEqual([
      'Could not load the queue: database is locked',
    ]);
  });

  it('refetches the queue, the points and the facets on requestsChanged', async () => {
    const { api, store } = setup();
    const stop = store.getState().start();
    await settle();
    api.calls.length = 0;

    api.requests.splice(0, 100);
    api.emit({ reason: 'sync', changed: 100 });
    await settle();

    expect(callsOf(api, 'listQueue').length).toBeGreaterThan(0);
    expect(callsOf(api, 'listUnlocated')).toHaveLength(1);
    expect(callsOf(api, 'getQueueFacets')).toHaveLength(1);
    expect(store.getState().total).toBe(900);

    stop();
    api.calls.length = 0;
    api.emit({ reason: 'sync', changed: 1 });
    await settle();
    expect(api.calls).toHaveLength(0);
  });
});

describe('the crew roster', () => {
  it("reads the crews' work once the roster asks, then after each change", async () => {
    const { api, store } = setup(20);
    api.requests.forEach((row, at) => {
      if (at % 4 !== 0) return;
      row.assignedCrewId = at % 8 === 0 ? 'C1' : 'C2';
      row.workStatus = 'assigned';
    });
    const stop = store.getState().start();
    await settle();
    api.emit({ reason: 'sync', changed: 1 });
    await settle();
    // Nobody looked at the roster: its reads cost nothing yet.
    expect(callsOf(api, 'listCrewAssignments')).toHaveLength(0);
    expect(store.getState().crewAssignments).toBeNull();

    await store.getState().loadCrewAssignments();
    expect(callsOf(api, 'listCrewAssignments')[0]?.arg).toEqual({ limit: 5 });
    const work = store.getState().crewAssignments;
    expect(work?.map((crew) => [crew.crewId, crew.total])).toEqual([
      ['C1', 3],
      ['C2', 2],
    ]);

    api.requests[1]!.assignedCrewId = 'C2';
    api.requests[1]!.workStatus = 'in_progress';
    api.emit({ reason: 'local', changed: 1 });
    await settle();
    expect(callsOf(api, 'listCrewAssignments')).toHaveLength(2);
    expect(store.getState().crewAssignments?.[1]?.total).toBe(3);
    stop();
  });
});

describe('watching and SLA alerts', () => {
  it('watches a request and unwatches it, and says so', async () => {
    const { store } = setup();
    await store.getState().toggleWatch('REQ-000001');
    expect(store.getState().watchedIds).toEqual(['REQ-000001']);
    expect(store.getState().notice?.text).toMatch(/^Watching request/);

    await store.getState().toggleWatch('REQ-000001');
    expect(store.getState().watchedIds).toEqual([]);
  });

  it('shows alerts as they come, the latest four at most', async () => {
    const { api, store } = setup();
    const stop = store.getState().start();
    await settle();

    for (let i = 1; i <= 6; i += 1) {
      api.emitAlert({
        requestId: `R${i}`,
        state: 'breached',
        title: `SLA breached: ${i}`,
        body: 'Request',
      });
    }
    const shown = store.getState().alerts;
    expect(shown.map((alert) => alert.requestId)).toEqual([
      'R3',
      'R4',
      'R5',
      'R6',
    ]);

    store.getState().dismissAlert(shown[0]!.id);
    expect(store.getState().alerts).toHaveLength(3);
    stop();
  });
});

describe('the clock', () => {
  it("counts on the server's clock, not this machine's", async () => {
    const { store } = setup();
    const stop = store.getState().start();
    await settle();

    expect(store.getState().clockOffsetMs).toBe(90 * 60_000);
    expect(store.getState().now).toBe(NOW + 90 * 60_000);

    store.getState().setClockOffset(-5_000);
    expect(store.getState().now).toBe(NOW - 5_000);
    stop();
  });
});
