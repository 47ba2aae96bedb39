// A stored intent the console can no longer read (a damaged file) must not
// hold up the ones behind it: it is sent as void, the server records it as
// rejected, and it joins the conflicts list with the reason.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';

import { createLogger } from '../../../src/main/log/logger';
import { openStore } from '../../../src/main/store/store';
import { pushOutbox, readIntent } from '../../../src/main/sync/push-outbox';
import { startSignedIn } from './real-central';

const logger = createLogger({ level: 'error' });
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('a stored intent that no longer reads', () => {
  it('is retired as void, so the intents behind it are applied', async () => {
    const { server, client } = await startSignedIn({
      logger,
      requestIds: ['R1', 'R2', 'R3'],
      crewIds: ['C1'],
    });
    cleanups.push(() => server.close());

    const dir = mkdtempSync(join(tmpdir(), 'sd-damaged-'));
    const path = join(dir, 'console.db');
    const store = openStore(path);
    cleanups.push(() => {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    });
    const { outbox } = store.sync;
    for (const requestId of ['R1', 'R2', 'R3']) {
      outbox.recordIntent(
        (seq) => ({
          seq,
          createdAt: 1_700_000_000_000,
          type: 'assign',
          requestId,
          crewId: 'C1',
          expectedVersion: 1,
        }),
        'Ana',
      );
    }
    // The file is damaged under intent 2: still JSON, no longer an intent.
    const raw = new Database(path);
    raw
      .prepare(
        `UPDATE outbox SET payload = '{"seq":2,"type":"assign","crew":7}'
         WHERE seq = 2`,
      )
      .run();
    raw.close();

    const counts = await pushOutbox({
      sync: store.sync,
      client,
      batch: 50,
      now: () => 1_700_000_100_000,
      logger,
    });

    expect(counts).toEqual({ applied: 2, rejected: 1 });
    expect(outbox.outboxDepth()).toBe(0);
    expect((await server.store.getRequest('R1'))?.assignedCrewId).toBe('C1');
    expect((await server.store.getRequest('R2'))?.assignedCrewId).toBeNull();
    expect((await server.store.getRequest('R3'))?.assignedCrewId).toBe('C1');

    const [conflict] = outbox.listConflicts();
    expect(conflict).toMatchObject({
      seq: 2,
      intentType: 'assign',
      summary: 'A change this console could not read back (#2)',
    });
    expect(conflict?.reason).toMatch(
      /^Change #2 was never sent: this console could not read its stored assign change/,
    );
  });

  it('reads a sound intent as it was stored, and a mismatched seq as void', () => {
    const row = {
      seq: 7,
      intent_type: 'add_note',
      created_at: 5,
      state: 'pending' as const,
      attempts: 0,
      last_error: null,
      payload: JSON.stringify({
        seq: 7,
        createdAt: 5,
        type: 'add_note',
        requestId: 'R1',
        noteId: 'N1',
        body: 'cones placed',
        visibility: 'internal',
      }),
    };

    expect(readIntent(row)).toMatchObject({ type: 'add_note', seq: 7 });
    expect(
      readIntent({
        ...row,
        payload: row.payload.replace('"seq":7', '"seq":8'),
      }),
    ).toMatchObject({ type: 'void', seq: 7, createdAt: 5 });
    expect(
      readIntent({ ...row, payload: 'null', created_at: -3 }),
    ).toMatchObject({ type: 'void', seq: 7, createdAt: 0 });
  });
});
