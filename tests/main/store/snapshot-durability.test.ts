import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import {
  openDatabase,
  type SqliteDatabase,
} from '../../../src/main/store/database';
import { writeSnapshotData } from '../../../src/main/store/snapshot-durability';
import { createSyncStore } from '../../../src/main/store/sync-store';
import {
  rowFromRequest,
  type SyncRequest,
} from '../../../src/shared/sync-protocol';
import { request } from '../sync/fake-central';

const FULL = 2;
const NORMAL = 1;

let db: SqliteDatabase | null = null;
let dir: string | null = null;
afterEach(() => {
  db?.close();
  db = null;
  if (dir !== null) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

/** A store on disk: ':memory:' has no WAL to be durable about. */
function openOnDisk(): SqliteDatabase {
  dir = mkdtempSync(join(tmpdir(), 'sd-durability-'));
  db = openDatabase(join(dir, 'console.db'));
  return db;
}

const synchronousOf = (on: SqliteDatabase) =>
  on.pragma('synchronous', { simple: true });

describe('snapshot writes', () => {
  it('run under synchronous NORMAL and restore FULL, even when they fail', () => {
    const on = openOnDisk();
    const cacheBefore = on.pragma('cache_size', { simple: true });

    expect(writeSnapshotData(on, () => synchronousOf(on))).toBe(NORMAL);
    expect(synchronousOf(on)).toBe(FULL);

    expect(() =>
      writeSnapshotData(on, () => {
        throw new Error('the page did not fit');
      }),
    ).toThrow('the page did not fit');
    expect(synchronousOf(on)).toBe(FULL);
    expect(on.pragma('cache_size', { simple: true })).toBe(cacheBefore);
  });

  it('leave the store at FULL after a reload, so a later intent is durable', () => {
    const on = openOnDisk();
    const { confirmed } = createSyncStore(on);
    const broken = { ...request('R3'), serviceCode: null };

    confirmed.beginSnapshot();
    confirmed.loadSnapshotPage([
      rowFromRequest(request('R1')),
      rowFromRequest(request('R2')),
    ]);
    expect(synchronousOf(on)).toBe(FULL);
    // A page SQLite refuses is not stored, and the setting still comes back.
    expect(() =>
      confirmed.loadSnapshotPage([
        rowFromRequest(broken as unknown as SyncRequest),
      ]),
    ).toThrow();
    expect(synchronousOf(on)).toBe(FULL);
    confirmed.finishSnapshot(9);

    expect(synchronousOf(on)).toBe(FULL);
    expect(confirmed.countConfirmedRequests()).toBe(2);
  });
});
