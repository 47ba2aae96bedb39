import { resolve } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { seedDemo } from '../../src/main/import/demo-seed';
import { openStore } from '../../src/main/store/store';
import {
  seedBoston,
  type BostonSeedResult,
} from '../../src/server/demo/seed-boston';
import type { CentralStore } from '../../src/server/storage/central-store';
import { openSqliteCentralStore } from '../../src/server/storage/sqlite/sqlite-central-store';
import { syncRequestSchema } from '../../src/shared/sync-protocol';
import { newCrew } from './support/central-fixture';

const SEED_CSV = resolve(
  import.meta.dirname,
  '../../resources/seed/boston311-2015-jan-sep.csv.gz',
);

describe('the Boston seed of the central store', () => {
  const now = Date.parse('2026-03-09T10:00:00-04:00');
  let store: CentralStore;
  let result: BostonSeedResult;

  beforeAll(async () => {
    store = openSqliteCentralStore({ path: ':memory:' });
    result = await seedBoston(store, {
      csvPath: SEED_CSV,
      now,
      crews: [newCrew('PWD-04')],
    });
  });
  afterAll(() => store.close());

  it('loads the same open set as the console’s demo seed, as version 1', async () => {
    const console = openStore(':memory:');
    const reference = await seedDemo(console, { csvPath: SEED_CSV, now });
    console.close();

    expect(result.status).toBe('seeded');
    expect(result.requests).toBe(reference.imported);
    expect(result.requests).toBeGreaterThan(15_000);
    expect(result.shiftMs).toBe(reference.shiftMs);

    const open = await store.listOpenVersions();
    expect(open).toHaveLength(reference.imported);
    expect(open.every((r) => r.version === 1)).toBe(true);
  });

  it('writes one change per request plus the crews, all valid on the wire', async () => {
    const window = await store.changeWindow();
    expect(window).toEqual({ oldestSeq: 1, lastSeq: result.requests + 1 });

    const page = await store.listChanges(0, 5000);
    for (const change of page) {
      if (change.kind !== 'request') continue;
      const request = syncRequestSchema.parse(change.request);
      expect(request.workStatus).toBe('open');
      expect(request.requestedAt).toBeLessThanOrEqual(now);
    }
    expect((await store.listCrews()).map((c) => c.crewId)).toEqual(['PWD-04']);
  });

  it('leaves a store that already holds requests alone', async () => {
    const again = await seedBoston(store, { csvPath: SEED_CSV, now });
    expect(again.status).toBe('store-not-empty');
    expect((await store.changeWindow()).lastSeq).toBe(result.requests + 1);
  });
});
