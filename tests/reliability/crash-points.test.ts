// Reliability test 1 of issue 3: a console process killed (SIGKILL) at
// random points of its sync, over and over on the same data folder, loses
// nothing and applies nothing twice. Kills land during the initial sync,
// during pushes and, through a proxy that holds the server's answers back,
// after the server committed an intent but before the console recorded it.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';

import { createLogger } from '../../src/main/log/logger';
import { openStore } from '../../src/main/store/store';
import {
  CENTRAL_DB_FILE,
  createCentralServer,
  type CentralServer,
} from '../../src/server/central-server';
import { bucketDigests } from '../../src/shared/sync-checksum';
import { newCrew, newRequest } from '../server/support/central-fixture';
import { seededRandom } from '../support/seeded-random';
import {
  CITY_REQUESTS,
  DISPATCH_REQUESTS,
  NOTE_REQUESTS,
  seededRequestId,
  type WorkerConfig,
} from './support/crash-plan';
import { startHoldingProxy } from './support/holding-proxy';
import {
  prepareWorker,
  startWorker,
  type WorkerProcess,
} from './support/worker-process';

const SEED = 20260303;
const KILLS = 110;
const OPEN_REQUESTS = 5_000;
const PASSWORD = 'correct horse battery';

// tmpfs when there is one: SIGKILL keeps the page cache, so fsync buys
// nothing here, and 110 restarts on 2 cores need the time.
const scratch = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
const root = mkdtempSync(join(scratch, 'sd-crash-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

type Saved = {
  seq: number;
  type: string;
  requestId: string;
  noteId: string | null;
};

function parseSaved(lines: readonly string[]): Saved[] {
  return lines
    .filter((line) => line.startsWith('saved '))
    .map((line) => {
      const [, seq, type, requestId, noteId] = line.split(' ');
      return {
        seq: Number(seq),
        type: type ?? '',
        requestId: requestId ?? '',
        noteId: noteId === '-' || noteId === undefined ? null : noteId,
      };
    });
}

async function startSeededServer(dataDir: string): Promise<CentralServer> {
  const server = await createCentralServer({
    dataDir,
    port: 0,
    logger: createLogger({ level: 'error' }),
    heartbeatMs: 500,
    // Small, so a console that was down a while must take the reset path.
    changeRetention: 300,
    users: [
      { userId: 'dana', name: 'Dana', role: 'dispatcher', password: PASSWORD },
    ],
  });
  await server.store.transaction(async (tx) => {
    await tx.insertCrews([newCrew('C1'), newCrew('C2')]);
    await tx.insertRequests(
      Array.from({ length: OPEN_REQUESTS }, (_, n) =>
        newRequest(seededRequestId(n)),
      ),
    );
  });
  return server;
}

/** The city keeps changing other requests, so kills also land in pulls. */
function startCityWriter(server: CentralServer) {
  let n = 0;
  let writing = Promise.resolve();
  const timer = setInterval(() => {
    const id = CITY_REQUESTS[n % CITY_REQUESTS.length] ?? '';
    n += 1;
    writing = writing.then(() =>
      server.store
        .transaction((tx) =>
          tx.updateRequest(id, { description: `City update ${n}` }),
        )
        .then(() => undefined),
    );
  }, 25);
  return async () => {
    clearInterval(timer);
    await writing;
    return n;
  };
}

describe('a console killed at random points of its sync', () => {
  it('keeps its database whole and gets every saved intent applied exactly once', async () => {
    const started = performance.now();
    const serverDir = join(root, 'server');
    const consoleDir = join(root, 'console');
    const server = await startSeededServer(serverDir);
    const proxy = await startHoldingProxy(server.url);
    const stopCity = startCityWriter(server);
    const launcher = await prepareWorker();
    const random = seededRandom(SEED);

    const config = (run: number, final: boolean): WorkerConfig => ({
      dataDir: consoleDir,
      url: proxy.url,
      signIn: { username: 'dana', password: PASSWORD },
      run,
      seed: SEED + run,
      final,
    });
    const saved: Saved[] = [];
    const resets: number[] = [];
    // What each restart found of the database the kill before it left.
    const integrity: string[] = [];
    const where = { initialSync: 0, ackWindow: 0, pushing: 0, other: 0 };

    for (let run = 0; run < KILLS; run += 1) {
      // Half the runs after the first few hold intent answers back.
      const holdMs = run >= 6 && random() < 0.5 ? 20 + random() * 130 : 0;
      proxy.setHoldMs(holdMs);
      const worker = startWorker(launcher, config(run, false));
      await worker.waitForLine('open', 15_000);

      // Early runs die young (inside the initial sync); a third of the
      // holding runs die while an answer is held; the rest at random.
      const early = run < 6;
      const delay = early
        ? 2 + random() * 60
        : Math.exp(Math.log(3) + random() * (Math.log(400) - Math.log(3)));
      const aimAtAck = holdMs > 0 && random() < 0.35;
      await new Promise<void>((done) => {
        const timer = setTimeout(done, aimAtAck ? 600 : delay);
        if (aimAtAck) {
          proxy.onHold(() => {
            proxy.onHold(null);
            clearTimeout(timer);
            setTimeout(done, random() * holdMs * 0.8);
          });
        }
      });
      proxy.onHold(null);

      assertAlive(worker);
      if (!worker.lines.includes('synced')) where.initialSync += 1;
      else if (proxy.answersHeld() > 0) where.ackWindow += 1;
      else if (proxy.pushesInFlight() > 0) where.pushing += 1;
      else where.other += 1;
      worker.child.kill('SIGKILL');
      await worker.exited;

      saved.push(...parseSaved(worker.lines));
      integrity.push(
        ...worker.lines.filter((line) => line.startsWith('integrity ')),
      );
      resets.push(
        worker.errors.filter((line) => line.includes('is reloading')).length,
      );
    }

    // The city stops, so the last pull leaves nothing unseen.
    const cityChanges = await stopCity();
    proxy.setHoldMs(0);
    const last = startWorker(launcher, config(KILLS, true));
    await last.waitForLine('drained', 60_000);
    const exit = await Promise.race([
      last.exited,
      new Promise<null>((done) => setTimeout(() => done(null), 10_000)),
    ]);
    if (exit === null) last.child.kill('SIGKILL');
    expect(exit, 'the console exits by itself once closed').toEqual({
      code: 0,
      signal: null,
    });
    const killedMs = performance.now() - started;

    // The console's database: whole, drained, no conflicts.
    const consolePath = join(consoleDir, 'streetdesk.db');
    const consoleDb = new Database(consolePath);
    expect(consoleDb.pragma('integrity_check', { simple: true })).toBe('ok');
    const localNotes = new Map(
      consoleDb
        .prepare<[], { note_id: string; pending: number }>(
          'SELECT note_id, pending FROM notes',
        )
        .all()
        .map((row) => [row.note_id, row.pending]),
    );
    consoleDb.close();

    const store = openStore(consolePath);
    const consoleId = store.sync.state.consoleId();
    const recorded = store.sync.state.getNumber('next_intent_seq', 1) - 1;
    const outboxDepth = store.sync.outbox.outboxDepth();
    const conflicts = store.sync.outbox.listConflicts();
    const localVersions = bucketDigests(
      store.sync.confirmed.confirmedRequestVersions(),
    );
    store.close();

    expect(outboxDepth).toBe(0);
    expect(conflicts).toEqual([]);
    // Every restart after the first found the database whole.
    expect(integrity).toHaveLength(KILLS - 1);
    expect(new Set(integrity)).toEqual(new Set(['integrity ok']));

    // What the user saw as saved: every seq once, in order, all recorded.
    const seqs = saved.map((entry) => entry.seq);
    expect(new Set(seqs).size, 'no seq was given twice').toBe(seqs.length);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(seqs.at(-1)).toBeLessThanOrEqual(recorded);
    // Enough saves for the exactly-once checks to mean something: how many
    // a run makes depends on the machine's speed (400 to 700 seen), so the
    // floor is two a kill, not a count a busy machine may miss.
    expect(saved.length).toBeGreaterThan(KILLS * 2);

    // The server: every recorded intent has exactly one outcome, applied.
    expect(await server.store.lastIntentSeq(consoleId)).toBe(recorded);
    const outcomes = await Promise.all(
      Array.from({ length: recorded }, (_, n) =>
        server.store.intentOutcome(consoleId, n + 1),
      ),
    );
    const notApplied = outcomes.filter((o) => o?.outcome !== 'applied');
    expect(notApplied).toEqual([]);

    // Effects: one history entry per applied intent, one per note id, and
    // each dispatched request raised by exactly its own intents.
    const historyByNote = new Map<string, number>();
    let consoleHistory = 0;
    for (const id of [...DISPATCH_REQUESTS, ...NOTE_REQUESTS]) {
      const history = await server.store.listHistory(id);
      const ours = history.filter((entry) => entry.consoleId === consoleId);
      consoleHistory += ours.length;
      for (const entry of ours) {
        if (entry.action !== 'note_added') continue;
        const noteId = String(entry.detail.noteId);
        historyByNote.set(noteId, (historyByNote.get(noteId) ?? 0) + 1);
      }
      if (DISPATCH_REQUESTS.includes(id)) {
        expect((await server.store.getRequest(id))?.version).toBe(
          1 + ours.length,
        );
      }
    }
    expect(consoleHistory, 'server effects = unique intents').toBe(recorded);

    const savedNotes = saved.filter((entry) => entry.noteId !== null);
    for (const entry of savedNotes) {
      const noteId = entry.noteId ?? '';
      expect(historyByNote.get(noteId), noteId).toBe(1);
      expect((await server.store.getNote(noteId))?.requestId).toBe(
        entry.requestId,
      );
      expect(localNotes.get(noteId), `${noteId} confirmed locally`).toBe(0);
    }
    expect([...historyByNote.values()].every((count) => count === 1)).toBe(
      true,
    );

    // The console holds exactly the server's open set.
    const serverVersions = bucketDigests(await server.store.listOpenVersions());
    expect(localVersions).toEqual(serverVersions);

    await proxy.close();
    await server.close();
    const serverDb = new Database(join(serverDir, CENTRAL_DB_FILE));
    expect(serverDb.pragma('integrity_check', { simple: true })).toBe('ok');
    serverDb.close();

    // The runs reached the places they were aimed at.
    expect(where.initialSync).toBeGreaterThanOrEqual(3);
    expect(where.ackWindow).toBeGreaterThanOrEqual(10);
    expect(proxy.stats.lostAcks).toBeGreaterThanOrEqual(10);

    console.info(
      JSON.stringify({
        test: 'crash-points',
        kills: KILLS,
        killsAt: where,
        acksLostToKills: proxy.stats.lostAcks,
        answersHeld: proxy.stats.held,
        resets: resets.reduce((a, b) => a + b, 0),
        intentsRecorded: recorded,
        intentsSeenSaved: saved.length,
        notes: savedNotes.length,
        cityChanges,
        ms: Math.round(killedMs),
        totalMs: Math.round(performance.now() - started),
      }),
    );
  }, 300_000);
});

function assertAlive(worker: WorkerProcess): void {
  if (worker.child.exitCode === null && worker.child.signalCode === null) {
    return;
  }
  throw new Error(
    `the worker stopped by itself (code ${worker.child.exitCode}):\n` +
      worker.errors.slice(-20).join('\n'),
  );
}
