import { afterEach, describe, expect, it } from 'vitest';

import type { DupCase } from '../../../src/main/duplicates/duplicate-types';
import { openStore, type Store } from '../../../src/main/store/store';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 2, 3, 9);

const closed = (id: string, closedAt: number | null): DupCase => ({
  id,
  type: 'Request for Pothole Repair',
  lat: 42.35,
  long: -71.06,
  address: '10 Tremont St',
  description: 'deep hole <b>by</b> the kerb',
  openedAt: T0 - 48 * HOUR,
  closedAt,
});

let store: Store | null = null;
afterEach(() => {
  store?.close();
  store = null;
});

describe('the closed cases kept for duplicate finding', () => {
  it('keeps closed cases as they were, oldest close first, and forgets them', () => {
    store = openStore(':memory:');
    const cases = store.closedCases;
    cases.keep(closed('B', T0 + 2 * HOUR));
    cases.keep(closed('A', T0 + HOUR));
    cases.keep({ ...closed('C', T0 + 3 * HOUR), lat: null, long: null });

    expect(cases.closedSince(T0).map((each) => each.id)).toEqual([
      'A',
      'B',
      'C',
    ]);
    expect(cases.closedSince(T0 + 2 * HOUR)[0]).toEqual(
      closed('B', T0 + 2 * HOUR),
    );

    cases.forget('B');
    expect(cases.forgetClosedBefore(T0 + 2 * HOUR)).toBe(1);
    expect(cases.closedSince(0).map((each) => each.id)).toEqual(['C']);
    expect(cases.closedSince(0)[0]).toMatchObject({ lat: null, long: null });
  });

  it('refuses a case that is not closed, and keeps what it held', () => {
    store = openStore(':memory:');
    store.closedCases.keep(closed('A', T0));

    expect(() => store!.closedCases.keep(closed('A', null))).toThrow(
      /Request A is not closed/,
    );
    expect(store.closedCases.closedSince(0)).toEqual([closed('A', T0)]);
  });
});
