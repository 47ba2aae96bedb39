import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';

import { createCentralServer } from '../../src/server/central-server';
import {
  InvalidRecordError,
  TransientStoreError,
  type CentralStore,
  type CentralTransaction,
} from '../../src/server/storage/central-store';
import { openSqliteCentralStore } from '../../src/server/storage/sqlite/sqlite-central-store';
import { intentBatchResponseSchema } from '../../src/shared/sync-protocol';
import { recordingLogger } from '../main/electron/recording-logger';
import { PASSWORD, newCrew, newRequest } from './support/central-fixture';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'central-store-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function memoryStore(changeRetention?: number): CentralStore {
  const store = openSqliteCentralStore({ path: ':memory:', changeRetention });
  cleanups.push(() => store.close());
  return store;
}

describe('the SQLite central store', () => {
  it('keeps the feed gap-free when a transaction fails between two others', async () => {
    const store = memoryStore();
    await store.transaction((tx) => tx.insertRequests([newRequest('A')]));

    await expect(
      store.transaction(async (tx) => {
        await tx.updateRequest('A', { workStatus: 'in_progress' });
        throw new Error('the caller changed its mind');
      }),
    ).rejects.toThrow(/changed its mind/);

    await store.transaction((tx) =>
      tx.updateRequest('A', { workStatus: 'resolved' }),
    );

    const changes = await store.listChanges(0, 10);
    expect(changes.map((c) => c.seq)).toEqual([1, 2]);
    expect((await store.getRequest('A'))?.version).toBe(2);
    expect((await store.getRequest('A'))?.workStatus).toBe('resolved');
  });

  it('assigns seqs without holes when many transactions are queued at once', async () => {
    const store = memoryStore();
    await store.transaction((tx) => tx.insertRequests([newRequest('A')]));

    await Promise.all(
      Array.from({ length: 50 }, (_, at) =>
        store
          .transaction(async (tx) => {
            await tx.updateRequest('A', { statusNotes: `note ${at}` });
            if (at % 7 === 0) throw new Error('rolled back');
          })
          .catch(() => undefined),
      ),
    );

    const changes = await store.listChanges(0, 100);
    expect(changes.map((c) => c.seq)).toEqual(
      Array.from({ length: changes.length }, (_, at) => at + 1),
    );
    expect(changes).toHaveLength(1 + 50 - 8);
    expect((await store.getRequest('A'))?.version).toBe(1 + 50 - 8);
  });

  it('tells listeners the last seq after a commit, and not after a rollback', async () => {
    const store = memoryStore();
    const heard: number[] = [];
    store.onChangesCommitted((seq) => heard.push(seq));

    await store.transaction((tx) =>
      tx.insertRequests([newRequest('A'), newRequest('B')]),
    );
    await store
      .transaction(async (tx) => {
        await tx.insertRequests([newRequest('C')]);
        throw new Error('no');
      })
      .catch(() => undefined);
    await store.transaction((tx) => tx.listCrews());

    expect(heard).toEqual([2]);
  });

  it('drops changes beyond the retention window, keeping the newest', async () => {
    const store = memoryStore(5);
    await store.transaction((tx) =>
      tx.insertRequests(
        ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'].map((id) => newRequest(id)),
      ),
    );

    expect(await store.changeWindow()).toEqual({ oldestSeq: 4, lastSeq: 8 });
    await store.transaction((tx) =>
      tx.updateRequest('A', { statusNotes: 'x' }),
    );
    expect(await store.changeWindow()).toEqual({ oldestSeq: 5, lastSeq: 9 });
  });

  it('refuses a transaction object used after its transaction', async () => {
    const store = memoryStore();
    let kept: CentralTransaction | null = null;
    await store.transaction((tx) => {
      kept = tx;
      return Promise.resolve();
    });

    await expect(kept!.getRequest('A')).rejects.toThrow(
      /after its transaction ended/,
    );
  });

  it('survives a reopen and refuses a file from a newer server', async () => {
    const dir = tempDir();
    const path = join(dir, 'central.sqlite');
    const first = openSqliteCentralStore({ path });
    await first.transaction((tx) => tx.insertCrews([newCrew('C1')]));
    await first.close();

    const again = openSqliteCentralStore({ path });
    expect((await again.getCrew('C1'))?.version).toBe(1);
    expect((await again.changeWindow()).lastSeq).toBe(1);
    await again.close();

    const raw = new Database(path);
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.pragma('user_version = 99');
    raw.close();
    expect(() => openSqliteCentralStore({ path })).toThrow(/schema version 99/);
  });

  it('turns a locked database into a TransientStoreError', async () => {
    const dir = tempDir();
    const path = join(dir, 'central.sqlite');
    const store = openSqliteCentralStore({ path, busyTimeoutMs: 20 });
    cleanups.push(() => store.close());

    const other = new Database(path);
    other.exec('BEGIN IMMEDIATE');
    await expect(
      store.transaction((tx) => tx.insertRequests([newRequest('A')])),
    ).rejects.toBeInstanceOf(TransientStoreError);
    other.exec('ROLLBACK');
    other.close();

    await store.transaction((tx) => tx.insertRequests([newRequest('A')]));
    expect((await store.getRequest('A'))?.version).toBe(1);
  });
});

describe('intents while the database is busy', () => {
  it('answers retryable, records nothing, and applies the intent when sent again', async () => {
    const dir = tempDir();
    const server = await createCentralServer({
      dataDir: dir,
      port: 0,
      logger: recordingLogger(),
      busyTimeoutMs: 20,
      users: [
        {
          userId: 'dana',
          name: 'Dana',
          role: 'dispatcher',
          password: PASSWORD,
        },
      ],
    });
    cleanups.push(() => server.close());
    await server.store.transaction(async (tx) => {
      await tx.insertRequests([newRequest('A'), newRequest('B')]);
      await tx.insertCrews([newCrew('C1')]);
    });

    const signIn = await fetch(`${server.url}/staff/v2/sign-in`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'dana', password: PASSWORD }),
    });
    const { token } = (await signIn.json()) as { token: string };
    const send = () =>
      fetch(`${server.url}/staff/v2/intents`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Authorization: `Bearer ${token}`,
        },
        body: JSON.stringify({
          consoleId: 'c',
          intents: ['A', 'B'].map((id, at) => ({
            seq: at + 1,
            createdAt: 1,
            type: 'assign',
            requestId: id,
            crewId: 'C1',
            expectedVersion: 1,
          })),
        }),
      }).then(async (r) => intentBatchResponseSchema.parse(await r.json()));

    const other = new Database(join(dir, 'central.sqlite'));
    other.exec('BEGIN IMMEDIATE');
    const busy = await send();
    other.exec('ROLLBACK');
    other.close();

    expect(busy.results).toEqual([
      {
        seq: 1,
        outcome: 'retryable',
        reason: expect.stringMatching(/will send it again/) as unknown,
      },
    ]);
    expect(busy.lastAppliedSeq).toBe(0);
    expect((await server.store.getRequest('A'))?.version).toBe(1);

    const retried = await send();
    expect(retried.results).toEqual([
      { seq: 1, outcome: 'applied' },
      { seq: 2, outcome: 'applied' },
    ]);
  });
});

describe('records the consoles would refuse', () => {
  it('are never written, so no feed page can carry them', async () => {
    const store = memoryStore();

    await expect(
      store.transaction((tx) =>
        tx.insertRequests([
          newRequest('A'),
          newRequest('B', { description: 'x'.repeat(4001) }),
        ]),
      ),
    ).rejects.toBeInstanceOf(InvalidRecordError);
    await expect(
      store.transaction((tx) =>
        tx.insertCrews([newCrew('C1', { depotLat: 123 })]),
      ),
    ).rejects.toThrow(/Crew C1 cannot be stored: depotLat/);

    expect(await store.countRequests()).toBe(0);
    expect(await store.changeWindow()).toEqual({ oldestSeq: 0, lastSeq: 0 });
  });

  it('drop fields that are not on the wire', async () => {
    const store = memoryStore();
    const extra = { ...newRequest('A'), subject: 'Public Works' };
    await store.transaction((tx) => tx.insertRequests([extra]));

    const [change] = await store.listChangesEncoded(0, 1);
    expect(change).not.toContain('subject');
    expect(change).toContain('"serviceRequestId":"A"');
  });
});
