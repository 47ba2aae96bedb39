import { resolve } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { readBostonCsv } from '../../../src/main/import/boston-csv-rows';
import {
  demoAnchorFor,
  getDemoShift,
  seedDemo,
  type DemoSeedResult,
} from '../../../src/main/import/demo-seed';
import { newYorkWallClock } from '../../../src/main/import/new-york-time';
import { openStore, type Store } from '../../../src/main/store/store';
import type { StoredRequest } from '../../../src/main/store/stored-request';

const SEED_CSV = resolve(
  import.meta.dirname,
  '../../../resources/seed/boston311-2015-jan-sep.csv.gz',
);
const WEEK_START = Date.parse('2015-09-24T00:00:00-04:00');
const DATA_END = Date.parse('2015-10-01T00:00:00-04:00');

describe('demo anchor', () => {
  it.each([
    ['a winter Monday morning (EST)', '2026-01-12T09:30:15.250-05:00'],
    ['a summer Saturday evening (EDT)', '2025-07-19T21:05:00-04:00'],
    ['the Sunday DST begins, after the jump', '2026-03-08T03:30:00-04:00'],
    ['the Saturday before DST begins', '2026-03-07T23:59:59-05:00'],
    ['the Sunday DST ends, first 1:30', '2025-11-02T01:30:00-04:00'],
    ['the Sunday DST ends, second 1:30', '2025-11-02T01:30:00-05:00'],
    ['a Wednesday late night', '2025-12-31T23:45:00-05:00'],
  ])('matches weekday and time of day for %s', (_, iso) => {
    const now = Date.parse(iso);
    const anchor = demoAnchorFor(now);
    const there = newYorkWallClock(anchor);
    const here = newYorkWallClock(now);

    expect(anchor).toBeGreaterThanOrEqual(WEEK_START);
    expect(anchor).toBeLessThan(DATA_END);
    expect([there.weekday, there.hour, there.minute, there.second]).toEqual([
      here.weekday,
      here.hour,
      here.minute,
      here.second,
    ]);
    expect(there.millisecond).toBe(here.millisecond);
  });
});

describe('demo seed from resources/seed', () => {
  const now = Date.parse('2026-03-09T10:00:00-04:00');
  let store: Store;
  let result: DemoSeedResult;
  let source: StoredRequest[];

  beforeAll(async () => {
    store = openStore(':memory:');
    result = await seedDemo(store, { csvPath: SEED_CSV, now });

    source = [];
    for await (const rows of readBostonCsv(SEED_CSV)) {
      for (const row of rows) if (row.ok) source.push(row.request);
    }
  });
  afterAll(() => store.close());

  it('loads the requests that were open at the anchor, all open now', () => {
    const anchor = Date.parse(result.anchor2015 ?? '');
    const expected = source.filter(
      (r) =>
        r.requestedAt <= anchor && (r.closedAt === null || r.closedAt > anchor),
    );

    expect(result.status).toBe('seeded');
    expect(result.shiftMs).toBe(now - anchor);
    expect(result.imported).toBe(expected.length);
    expect(result.imported).toBeGreaterThan(15_000);
    expect(result.imported).toBeLessThan(21_000);
    expect(result.skipped).toBe(source.length - expected.length);
    expect(store.countOpenRequests()).toBe(expected.length);
    expect(result.badRowCount).toBe(result.badRows.length);
    expect(result.badRows[0]?.reason).toBe('closed_dt is before open_dt');
  });

  it('shifts every time by the same amount, so requests are open now', () => {
    const shift = result.shiftMs ?? 0;
    const sample = source.filter((r) => store.getRequest(r.serviceRequestId));

    for (const original of sample.slice(0, 500)) {
      const seeded = store.getRequest(original.serviceRequestId);
      expect(seeded?.requestedAt).toBe(original.requestedAt + shift);
      expect(seeded?.slaDueAt).toBe(
        original.slaDueAt === null ? null : original.slaDueAt + shift,
      );
      expect(seeded?.status).toBe('open');
      expect(seeded?.closedAt).toBeNull();
      expect(seeded?.requestedAt).toBeLessThanOrEqual(now);
    }
  });

  it('records the shift and does nothing on a second call', async () => {
    const before = store.countRequests();

    const again = await seedDemo(store, {
      csvPath: SEED_CSV,
      now: now + 86_400_000,
    });

    expect(again).toMatchObject({
      status: 'already-seeded',
      imported: 0,
      shiftMs: result.shiftMs,
      anchor2015: result.anchor2015,
    });
    expect(store.countRequests()).toBe(before);
    expect(getDemoShift(store)).toEqual({
      shiftMs: result.shiftMs,
      anchor2015: result.anchor2015,
    });
  });

  it('leaves a store that holds real requests alone', async () => {
    const other = openStore(':memory:');
    other.upsertRequests(source.slice(0, 3));

    const outcome = await seedDemo(other, { csvPath: SEED_CSV, now });

    expect(outcome).toMatchObject({ status: 'store-not-empty', shiftMs: null });
    expect(other.countRequests()).toBe(3);
    other.close();
  });
});
