import { describe, expect, it } from 'vitest';

import {
  ContractError,
  isMethodName,
  methodNames,
  parseArgument,
  type MethodName,
} from '../../src/shared/contract';

const goodQuery = {
  filter: { types: ['Pothole'], neighborhoods: ['Dorchester', ''] },
  sort: 'due',
  offset: 0,
  limit: 100,
};

const refusal = (method: MethodName, arg: unknown): string => {
  try {
    parseArgument(method, arg);
  } catch (error) {
    expect(error).toBeInstanceOf(ContractError);
    return (error as Error).message;
  }
  throw new Error(`${method} accepted ${JSON.stringify(arg)}`);
};

describe('the contract', () => {
  it('accepts a well-formed argument for every method', () => {
    const good: Record<MethodName, unknown> = {
      getAppInfo: undefined,
      listQueue: goodQuery,
      getQueueFacets: undefined,
      getMapPoints: { types: ['Pothole'] },
      getMapLayer: {
        filter: { slaStates: ['breached'], now: 1_700_000_000_000 },
        view: {
          south: 42.2,
          north: 42.4,
          west: -71.2,
          east: -70.9,
          zoom: 12.5,
          now: 1_700_000_000_000,
        },
      },
      pickInArea: {
        filter: {},
        area: {
          ring: [
            [-71.1, 42.3],
            [-71.0, 42.3],
            [-71.0, 42.4],
          ],
        },
      },
      listUnlocated: { neighborhoods: ['Dorchester'] },
      locateInQueue: { id: '101001240734', filter: {}, sort: 'age' },
      getRequest: '101001240734',
      openExternal: { url: 'https://www.boston.gov/' },
      getSyncStatus: undefined,
      listConflicts: undefined,
      dismissConflict: { seq: 3 },
      assignCrew: { requestId: '101001240734', crewId: 'PWD-04-A' },
      assignCrewMany: {
        requestIds: ['101001240734', '101001240735'],
        crewId: 'PWD-04-A',
      },
      unassignCrew: { requestId: '101001240734' },
      unassignCrewMany: { requestIds: ['101001240734', '101001240735'] },
      setRequestStatus: {
        requestId: '101001240734',
        status: 'closed',
        reason: 'Fixed',
      },
      addNote: {
        requestId: '101001240734',
        body: 'Crew on site',
        visibility: 'internal',
      },
      mergeRequests: {
        targetId: '101001240734',
        duplicateIds: ['101001240735'],
        crewId: null,
      },
      unmergeRequests: {
        targetId: '101001240734',
        duplicateIds: ['101001240735'],
      },
      setCrewStatus: { crewId: 'PWD-04-A', status: 'en_route' },
      listCrews: undefined,
      listCrewAssignments: { limit: 5 },
      getRequestDispatch: '101001240734',
      suggestCrews: '101001240734',
      getRequestActivity: '101001240734',
      listNearby: '101001240734',
      listDuplicateCandidates: '101001240734',
      listDuplicateGroups: undefined,
      getServerTime: undefined,
      getSettings: undefined,
      getBasemap: undefined,
      finishSetup: undefined,
      saveSettings: { centralUrl: 'https://311.boston.example' },
      signIn: { username: 'ana', password: 'correct horse' },
      signOut: undefined,
      getSlaStats: { now: 1_700_000_000_000 },
      listWatched: undefined,
      watchRequest: { requestId: '101001240734', watched: true },
      listSavedViews: undefined,
      saveView: {
        name: 'Breached near me',
        filter: { slaStates: ['breached'], assigned: false, text: 'main st' },
        sort: { by: 'distance', from: { lat: 42.36, long: -71.06 } },
      },
      deleteView: { name: 'Breached near me' },
      getUpdateState: undefined,
      checkForUpdates: undefined,
      restartToUpdate: { version: '1.4.0' },
    };

    for (const method of methodNames) {
      expect(() => parseArgument(method, good[method]), method).not.toThrow();
    }
    expect(Object.keys(good).sort()).toEqual([...methodNames].sort());
  });

  it.each([
    [
      'a view whose south is above its north',
      { south: 42.4, north: 42.2, west: -71.2, east: -70.9, zoom: 12, now: 0 },
      /south <= north/,
    ],
    [
      'a latitude off the globe',
      { south: -91, north: 42.2, west: -71.2, east: -70.9, zoom: 12, now: 0 },
      /view\.south/,
    ],
    [
      'a zoom past 24',
      { south: 42, north: 42.2, west: -71.2, east: -70.9, zoom: 99, now: 0 },
      /view\.zoom/,
    ],
  ])('refuses a map layer with %s', (_name, view, where) => {
    expect(refusal('getMapLayer', { filter: {}, view })).toMatch(where);
  });

  it.each([
    [
      'two corners only',
      [
        [-71, 42],
        [-70, 43],
      ],
      /area\.ring/,
    ],
    [
      'a corner that is not a pair',
      [[-71, 42], [-70], [-70, 43]],
      /area\.ring/,
    ],
    [
      'too many corners',
      Array.from({ length: 2001 }, () => [-71, 42]),
      /area\.ring/,
    ],
  ])('refuses a box or lasso with %s', (_name, ring, where) => {
    expect(refusal('pickInArea', { filter: {}, area: { ring } })).toMatch(
      where,
    );
  });

  it.each([
    ['no argument', undefined, /argument/],
    ['null', null, /argument/],
    ['a string', 'SELECT * FROM requests', /argument/],
    ['a missing sort', { ...goodQuery, sort: undefined }, /sort/],
    [
      'an unknown sort',
      { ...goodQuery, sort: 'due; DROP TABLE requests' },
      /sort/,
    ],
    ['a negative offset', { ...goodQuery, offset: -1 }, /offset/],
    ['a fractional offset', { ...goodQuery, offset: 1.5 }, /offset/],
    ['an infinite offset', { ...goodQuery, offset: Infinity }, /offset/],
    ['a NaN limit', { ...goodQuery, limit: NaN }, /limit/],
    ['a zero limit', { ...goodQuery, limit: 0 }, /limit/],
    ['a limit over a page', { ...goodQuery, limit: 501 }, /limit/],
    ['a number as offset string', { ...goodQuery, offset: '10' }, /offset/],
    [
      'types that are not a list',
      { ...goodQuery, filter: { types: 'Pothole' } },
      /filter\.types/,
    ],
    [
      'too many types',
      { ...goodQuery, filter: { types: Array(501).fill('x') } },
      /filter\.types/,
    ],
    [
      'an enormous type name',
      { ...goodQuery, filter: { types: ['x'.repeat(201)] } },
      /filter\.types\.0/,
    ],
    [
      'an empty type name',
      { ...goodQuery, filter: { types: [''] } },
      /filter\.types\.0/,
    ],
    [
      'an unknown filter key',
      { ...goodQuery, filter: { sql: '1=1' } },
      /sql|filter/,
    ],
    [
      'an unknown top-level key',
      { ...goodQuery, where: '1=1' },
      /where|Unrecognized/i,
    ],
    ['a function', () => goodQuery, /argument/],
  ])(
    'refuses listQueue with %s, saying what was wrong',
    (_name, arg, where) => {
      const message = refusal('listQueue', arg);

      expect(message).toMatch(/^listQueue was called with a bad argument/);
      expect(message).toMatch(where);
    },
  );

  it.each([
    ['no requests', { requestIds: [], crewId: 'C1' }, /requestIds/],
    [
      'more than a page of requests',
      { requestIds: Array(501).fill('R1'), crewId: 'C1' },
      /requestIds/,
    ],
    [
      'an id with a quote in it',
      { requestIds: ["R1' OR 1=1"], crewId: 'C1' },
      /requestIds\.0/,
    ],
    ['no crew', { requestIds: ['R1'] }, /crewId/],
  ])('refuses assignCrewMany with %s', (_name, arg, where) => {
    const message = refusal('assignCrewMany', arg);

    expect(message).toMatch(/^assignCrewMany was called with a bad argument/);
    expect(message).toMatch(where);
  });

  it.each([
    ['no requests', { requestIds: [] }, /requestIds/],
    ['one id alone', { requestId: 'R1' }, /requestIds/],
    ['a crew it does not take', { requestIds: ['R1'], crewId: 'C1' }, /crewId/],
    [
      'more than a page of requests',
      { requestIds: Array(501).fill('R1') },
      /requestIds/,
    ],
  ])('refuses unassignCrewMany with %s', (_name, arg, where) => {
    const message = refusal('unassignCrewMany', arg);

    expect(message).toMatch(/^unassignCrewMany was called with a bad argument/);
    expect(message).toMatch(where);
  });

  it.each([
    ['no limit', {}, /limit/],
    ['a zero limit', { limit: 0 }, /limit/],
    ['a limit past the most rows per crew', { limit: 51 }, /limit/],
    ['a fractional limit', { limit: 2.5 }, /limit/],
    ['an unknown key', { limit: 5, crewId: 'C1' }, /crewId|Unrecognized/i],
  ])('refuses listCrewAssignments with %s', (_name, arg, where) => {
    const message = refusal('listCrewAssignments', arg);

    expect(message).toMatch(
      /^listCrewAssignments was called with a bad argument/,
    );
    expect(message).toMatch(where);
  });

  it('refuses a prototype-polluting key and leaves Object.prototype alone', () => {
    const hostile: unknown = JSON.parse(
      '{"filter":{},"sort":"due","offset":0,"limit":5,"__proto__":{"polluted":true}}',
    );

    expect(refusal('listQueue', hostile)).toMatch(/listQueue/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    ['a path', '../../etc/passwd'],
    ['a quote', "1' OR '1'='1"],
    ['a space', '101 001'],
    ['an id over 64 characters', '1'.repeat(65)],
    ['a number', 101001240734],
    ['an empty id', ''],
  ])('refuses a request id that is %s', (_name, id) => {
    expect(refusal('getRequest', id)).toMatch(/getRequest/);
  });

  it.each([
    ['assignCrew', { requestId: '1', crewId: '../x' }, /crewId/],
    [
      'addNote',
      { requestId: '1', body: '   ', visibility: 'internal' },
      /body/,
    ],
    [
      'addNote',
      { requestId: '1', body: 'x'.repeat(4001), visibility: 'internal' },
      /body/,
    ],
    [
      'addNote',
      { requestId: '1', body: 'hi', visibility: 'everyone' },
      /visibility/,
    ],
    ['mergeRequests', { targetId: '1', duplicateIds: [] }, /duplicateIds/],
    ['setRequestStatus', { requestId: '1', status: 'deleted' }, /status/],
    ['setCrewStatus', { crewId: 'C1', status: 'asleep' }, /status/],
    ['saveSettings', { centralUrl: 'javascript:alert(1)' }, /centralUrl/],
    [
      'saveSettings',
      { basemap: { kind: 'style-url', url: 'file:///etc/passwd' } },
      /basemap\.url: a style URL must start with http/,
    ],
    [
      'saveSettings',
      { basemap: { kind: 'pmtiles', path: '/maps/boston.mbtiles' } },
      /basemap\.path: the file's name must end in \.pmtiles/,
    ],
    [
      'saveSettings',
      { basemap: { kind: 'mbtiles', path: 'maps/boston.mbtiles' } },
      /basemap\.path: give the full path/,
    ],
    ['saveSettings', { basemap: { kind: 'google' } }, /basemap\.kind/],
    [
      'saveSettings',
      { notifications: { slaAlerts: 'yes', slaAlertLevel: 'at_risk' } },
      /notifications\.slaAlerts/,
    ],
    [
      'saveSettings',
      { notifications: { slaAlerts: true, slaAlertLevel: 'everything' } },
      /notifications\.slaAlertLevel/,
    ],
    ['restartToUpdate', { version: '1.4.0; rm -rf /' }, /version/],
    ['restartToUpdate', {}, /version/],
    ['restartToUpdate', { version: '1.4.0', force: true }, /force|argument/],
    ['signIn', { username: '', password: 'x' }, /username/],
    ['dismissConflict', { seq: 0 }, /seq/],
  ] as const)(
    'refuses %s with a bad field, naming it',
    (method, arg, where) => {
      expect(refusal(method, arg)).toMatch(where);
    },
  );

  it('accepts each kind of basemap and the notification preferences', () => {
    for (const basemap of [
      { kind: 'bundled' },
      { kind: 'pmtiles', path: '/srv/maps/boston.pmtiles' },
      { kind: 'mbtiles', path: 'C:\\Maps\\Boston.MBTiles' },
      { kind: 'style-url', url: 'https://tiles.city.example/style.json' },
    ]) {
      expect(() => parseArgument('saveSettings', { basemap })).not.toThrow();
    }
    expect(
      parseArgument('saveSettings', {
        notifications: { slaAlerts: false, slaAlertLevel: 'breach_only' },
      }),
    ).toEqual({
      notifications: { slaAlerts: false, slaAlertLevel: 'breach_only' },
    });
  });

  it('refuses an argument where the method takes none', () => {
    expect(refusal('getAppInfo', { everything: true })).toMatch(/getAppInfo/);
  });

  it('refuses an over-long URL before any policy sees it', () => {
    expect(
      refusal('openExternal', {
        url: `https://boston.gov/${'a'.repeat(2048)}`,
      }),
    ).toMatch(/url/);
  });

  it('knows only its own method names, not inherited ones', () => {
    for (const name of [
      'constructor',
      '__proto__',
      'toString',
      'hasOwnProperty',
      '',
    ]) {
      expect(isMethodName(name), name).toBe(false);
    }
    expect(isMethodName('listQueue')).toBe(true);
  });

  it('keeps the reason short when many fields are wrong', () => {
    const message = refusal('listQueue', {
      filter: 1,
      sort: 2,
      offset: 'a',
      limit: 'b',
      x: 1,
    });

    expect(message.length).toBeLessThan(400);
  });
});
