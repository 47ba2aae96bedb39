import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { openStore, type Store } from '../../../src/main/store/store';
import { slaState, type SlaState } from '../../../src/shared/domain';
import { request } from './random-requests';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = 1_430_000_000_000;

/** SLA windows that put the at-risk start on either side of its rules. */
const windows = [
  { id: 'short', requestedAt: T0, slaDueAt: T0 + 10 * HOUR },
  { id: 'month', requestedAt: T0, slaDueAt: T0 + 30 * DAY },
  { id: 'five-days', requestedAt: T0, slaDueAt: T0 + 5 * DAY },
  { id: 'odd', requestedAt: T0, slaDueAt: T0 + 7 },
  { id: 'odd-long', requestedAt: T0 + 3, slaDueAt: T0 + 3 * HOUR + 17 },
  { id: 'due-before-asked', requestedAt: T0 + HOUR, slaDueAt: T0 },
  { id: 'no-sla', requestedAt: T0, slaDueAt: null },
];

const STATES: SlaState[] = ['on_track', 'at_risk', 'breached', 'no_sla'];

/** Moments around every boundary of every window. */
function momentsToCheck(): number[] {
  const moments = new Set<number>();
  for (const w of windows) {
    if (w.slaDueAt === null) continue;
    const lead = Math.min(Math.max(w.slaDueAt - w.requestedAt, 0) * 0.2, DAY);
    for (const edge of [w.slaDueAt, w.slaDueAt - lead, w.requestedAt]) {
      const whole = Math.floor(edge);
      for (const delta of [-1, 0, 1]) moments.add(whole + delta);
      moments.add(Math.ceil(edge));
    }
  }
  return [...moments];
}

describe('the SLA-state filter', () => {
  let store: Store;

  beforeEach(() => {
    store = openStore(':memory:');
    store.upsertRequests(windows.map((w) => request(w.id, w)));
  });
  afterEach(() => store.close());

  it('agrees with slaState() for every request at every boundary', () => {
    for (const now of momentsToCheck()) {
      for (const state of STATES) {
        const expected = windows
          .filter((w) => slaState(w.requestedAt, w.slaDueAt, now) === state)
          .map((w) => w.id)
          .sort();

        const listed = store
          .listQueue({
            filter: { slaStates: [state], now },
            sort: 'due',
            offset: 0,
            limit: 50,
          })
          .rows.map((row) => row.serviceRequestId)
          .sort();

        expect(listed, `${state} at T0 + ${now - T0} ms`).toEqual(expected);
      }
    }
  });

  it('keeps every request when all four states are chosen', () => {
    const page = store.listQueue({
      filter: { slaStates: STATES, now: T0 },
      sort: 'age',
      offset: 0,
      limit: 50,
    });

    expect(page.total).toBe(windows.length);
  });

  it('judges the states at the now it is given, not the machine clock', () => {
    const breachedAt = (now: number) =>
      store.listQueue({
        filter: { slaStates: ['breached'], now },
        sort: 'due',
        offset: 0,
        limit: 50,
      }).total;

    expect(breachedAt(T0 - 1)).toBe(0);
    expect(breachedAt(T0 + 31 * DAY)).toBe(windows.length - 1);
  });
});
